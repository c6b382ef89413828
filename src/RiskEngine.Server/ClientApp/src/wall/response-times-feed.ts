import { loadAlertStats, normaliseAlertStats } from "../shared/alert-stats";
import type { AlertStats, DistrictAlertStats } from "../shared/contract";

// Mean response times move slowly: a refresh every 30 s, and one soon after alerts change.
export const responseTimesRefreshMs = 30_000;
// However many alert events arrive, they cause at most one refresh per this long. The refresh runs
// at the end of the window, so a burst of events costs one request and the store has the changes.
export const alertRefreshWindowMs = 5_000;
// A request that hangs would hold the single slot forever; it is given up after this long.
const requestTimeoutMs = 15_000;

/** The districts' figures, or null when the last refresh failed. */
export type ResponseTimesListener = (districts: readonly DistrictAlertStats[] | null) => void;

export type StatsLoader = (signal: AbortSignal) => Promise<AlertStats>;

/**
 * Keeps the wall's response-time figures fresh: at start, every 30 s, and at most once per 5 s after
 * alert events. Never more than one request in flight: an alert refresh that falls due during one
 * opens a new 5 s window when it ends. An interval tick is dropped when a request is under way, one
 * started less than 5 s ago, or an alert refresh is due within 5 s. Timers are created once or per
 * window, never per event, so the wall can run for days.
 */
export class ResponseTimesFeed {
  private inFlight = false;
  private runAgain = false;
  private alertTimer: number | undefined;
  private intervalTimer: number | undefined;
  private lastStartedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly listener: ResponseTimesListener,
    private readonly load: StatsLoader = loadAlertStats,
  ) {}

  start(): void {
    if (this.intervalTimer !== undefined) return;
    this.refresh(false);
    this.intervalTimer = window.setInterval(() => this.tick(), responseTimesRefreshMs);
  }

  /** An alert was opened, acknowledged, resolved ...: refresh at the end of the current 5 s window. */
  alertChanged(): void {
    if (this.alertTimer !== undefined) return;
    this.alertTimer = window.setTimeout(() => {
      this.alertTimer = undefined;
      this.refresh(true);
    }, alertRefreshWindowMs);
  }

  private tick(): void {
    const fresh = performance.now() - this.lastStartedAt < alertRefreshWindowMs;
    if (this.inFlight || fresh || this.alertTimer !== undefined) return;
    this.refresh(false);
  }

  private refresh(afterCurrent: boolean): void {
    if (this.inFlight) {
      // The request under way may have been sent before the alert changed: ask again after it.
      if (afterCurrent) this.runAgain = true;
      return;
    }
    void this.run();
  }

  private async run(): Promise<void> {
    this.inFlight = true;
    this.lastStartedAt = performance.now();
    const controller = new AbortController();
    const timeout = window.setTimeout(() => controller.abort(), requestTimeoutMs);
    let districts: DistrictAlertStats[] | null = null;
    try {
      districts = normaliseAlertStats(await this.load(controller.signal));
    } catch {
      // Network, server or timeout: the panel shows its muted "—" until the next refresh works.
    } finally {
      window.clearTimeout(timeout);
      this.inFlight = false;
    }
    try {
      this.listener(districts);
    } catch (error) {
      // A drawing fault must not stop the refreshes (nor the rest of the wall).
      console.error("The response-time panel could not be drawn.", error);
    }
    if (this.runAgain) {
      // Not at once: a new 5 s window, so requests stay at least 5 s apart even after a slow one.
      this.runAgain = false;
      this.alertChanged();
    }
  }
}
