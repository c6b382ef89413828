import {
  HttpError,
  HubConnectionBuilder,
  HubConnectionState,
  LogLevel,
  type HubConnection,
  type RetryContext,
} from "@microsoft/signalr";
import type { AlertView, WallFrame } from "./contract";
import { goToLogin, isLeaving } from "./login-redirect";
import { loadSession } from "./session";

export type ConnectionState = "connected" | "reconnecting" | "disconnected";
export type FrameKind = "snapshot" | "delta";

export interface HubHandlers {
  frame?: (frame: WallFrame, kind: FrameKind) => void;
  alert?: (alert: AlertView) => void;
  /** Sent to supervisors and admins when an alert is escalated (the alert as it now stands). */
  escalation?: (alert: AlertView) => void;
  state?: (state: ConnectionState) => void;
  /** The server refused to watch a scope (outside the user's jurisdiction); it is no longer wanted. */
  watchRejected?: (scope: string, error: unknown) => void;
  /**
   * Connected and every wanted scope watched again. Frames heal themselves (each is the whole state),
   * alert events do not: pages reload what they list from REST here.
   */
  ready?: () => void;
}

const hubPath = "/hubs/risk";
const maxDelayMs = 30_000;

/** 1 s, 2 s, 4 s ... capped at 30 s, with jitter so a restarted server is not hit by every wall at once. */
function backoff(attempt: number): number {
  const base = Math.min(maxDelayMs, 1000 * 2 ** Math.min(attempt, 5));
  return base / 2 + Math.random() * (base / 2);
}

/**
 * A 401 from the hub: an HttpError, or (from negotiate) the client's FailedToNegotiateWithServerError,
 * which keeps only the message of the HttpError it wraps ("... Status code '401'").
 */
function isUnauthorized(error: unknown): boolean {
  if (error instanceof HttpError) return error.statusCode === 401;
  return error instanceof Error && error.message.includes("Status code '401'");
}

/**
 * The live connection to the risk hub. It keeps the set of scopes the page wants and watches them
 * again after every reconnect, so callers say what they want once and never track the connection.
 * It never gives up: automatic reconnect retries forever, and if the connection closes anyway (or the
 * first start fails) a timer starts it again.
 */
export class RiskHub {
  private readonly connection: HubConnection;
  private readonly scopes = new Set<string>();
  private restartTimer: number | undefined;
  private restartAttempt = 0;
  private stopped = false;

  constructor(private readonly handlers: HubHandlers) {
    this.connection = new HubConnectionBuilder()
      .withUrl(hubPath, { accessTokenFactory: () => this.token() })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context) => this.retryDelay(context) })
      .configureLogging(LogLevel.Warning)
      .build();

    // Registered once for the life of the page: never per frame or per reconnect.
    this.connection.on("snapshot", (frame: WallFrame) => this.handlers.frame?.(frame, "snapshot"));
    this.connection.on("delta", (frame: WallFrame) => this.handlers.frame?.(frame, "delta"));
    this.connection.on("alert", (alert: AlertView) => this.handlers.alert?.(alert));
    this.connection.on("escalation", (alert: AlertView) => this.handlers.escalation?.(alert));

    this.connection.onreconnecting(() => this.setState("reconnecting"));
    this.connection.onreconnected(() => void this.afterConnect());
    this.connection.onclose(() => {
      if (this.stopped) {
        this.setState("disconnected");
        return;
      }
      this.setState("reconnecting");
      this.scheduleRestart();
    });
  }

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    window.clearTimeout(this.restartTimer);
    await this.connection.stop();
  }

  /** Wants a scope ("city", "district:420112") from now on, across reconnects. */
  watch(scope: string): void {
    if (this.scopes.has(scope)) return;
    this.scopes.add(scope);
    if (this.connection.state === HubConnectionState.Connected) void this.invokeWatch(scope);
  }

  unwatch(scope: string): void {
    if (!this.scopes.delete(scope)) return;
    if (this.connection.state === HubConnectionState.Connected) {
      // A failed Unwatch only costs some frames the page ignores.
      this.connection.invoke("Unwatch", scope).catch(() => undefined);
    }
  }

  private token(): string {
    const session = loadSession();
    if (!session) {
      goToLogin("expired");
      return "";
    }
    return session.accessToken;
  }

  private retryDelay(context: RetryContext): number | null {
    if (isUnauthorized(context.retryReason)) {
      goToLogin("expired");
      return null;
    }
    return context.previousRetryCount === 0 ? 0 : backoff(context.previousRetryCount - 1);
  }

  private async connect(): Promise<void> {
    if (this.stopped || isLeaving()) return;
    try {
      await this.connection.start();
    } catch (error) {
      if (isUnauthorized(error)) {
        goToLogin("expired");
        return;
      }
      this.setState("disconnected");
      this.scheduleRestart();
      return;
    }
    this.restartAttempt = 0;
    await this.afterConnect();
  }

  private async afterConnect(): Promise<void> {
    await Promise.all([...this.scopes].map((scope) => this.invokeWatch(scope)));
    if (this.connection.state !== HubConnectionState.Connected) return;
    this.setState("connected");
    this.handlers.ready?.();
  }

  private async invokeWatch(scope: string): Promise<void> {
    try {
      await this.connection.invoke("Watch", scope);
    } catch (error) {
      // A lost connection is not a refusal: the scope is watched again on reconnect.
      if (this.connection.state !== HubConnectionState.Connected) return;
      this.scopes.delete(scope);
      this.handlers.watchRejected?.(scope, error);
    }
  }

  private scheduleRestart(): void {
    if (this.stopped || isLeaving()) return;
    window.clearTimeout(this.restartTimer);
    this.restartTimer = window.setTimeout(() => void this.connect(), backoff(this.restartAttempt++));
  }

  private setState(state: ConnectionState): void {
    this.handlers.state?.(state);
  }
}
