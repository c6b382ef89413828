const requestTimeoutMs = 15_000;

/**
 * Runs `read` at start and every `periodMs`, one at a time, each given 15 s before it is aborted. A failed read leaves
 * whatever the last one showed on screen; the next period tries again.
 */
export class PeriodicPoll {
  private inFlight = false;
  private timer: number | undefined;

  constructor(
    private readonly periodMs: number,
    private readonly read: (signal: AbortSignal) => Promise<void>,
  ) {}

  start(): void {
    if (this.timer !== undefined) return;
    void this.refresh();
    this.timer = window.setInterval(() => void this.refresh(), this.periodMs);
  }

  private async refresh(): Promise<void> {
    if (this.inFlight) return;
    this.inFlight = true;
    const abort = new AbortController();
    const timeout = window.setTimeout(() => abort.abort(), requestTimeoutMs);
    try {
      await this.read(abort.signal);
    } catch {
      // The panel keeps its last figures; the next period tries again.
    } finally {
      window.clearTimeout(timeout);
      this.inFlight = false;
    }
  }
}
