import { api } from "../shared/api";
import type { ModelSummary } from "../shared/contract";

// A refit changes the figures at most every few minutes: once a minute is plenty for a wall.
export const modelRefreshMs = 60_000;
const requestTimeoutMs = 15_000;

/** Reads GET /api/v1/model at start and every minute, one request at a time; a failure keeps the last figures. */
export class ModelFeed {
  private inFlight = false;
  private timer: number | undefined;

  constructor(private readonly listener: (model: ModelSummary) => void) {}

  start(): void {
    if (this.timer !== undefined) return;
    void this.refresh();
    this.timer = window.setInterval(() => void this.refresh(), modelRefreshMs);
  }

  private async refresh(): Promise<void> {
    if (this.inFlight) return;
    this.inFlight = true;
    const abort = new AbortController();
    const timeout = window.setTimeout(() => abort.abort(), requestTimeoutMs);
    try {
      this.listener(await api<ModelSummary>("/api/v1/model", { signal: abort.signal }));
    } catch {
      // The line keeps its last figures; the next refresh tries again.
    } finally {
      window.clearTimeout(timeout);
      this.inFlight = false;
    }
  }
}
