import { api } from "../shared/api";
import type { ModelSummary } from "../shared/contract";
import { PeriodicPoll } from "../shared/periodic-poll";

// A refit changes the figures at most every few minutes: once a minute is plenty for a wall.
export const modelRefreshMs = 60_000;

/** Reads GET /api/v1/model at start and every minute; a failure keeps the last figures. */
export class ModelFeed {
  private readonly poll: PeriodicPoll;

  constructor(listener: (model: ModelSummary) => void) {
    this.poll = new PeriodicPoll(modelRefreshMs, async (signal) => listener(await api<ModelSummary>("/api/v1/model", { signal })));
  }

  start(): void {
    this.poll.start();
  }
}
