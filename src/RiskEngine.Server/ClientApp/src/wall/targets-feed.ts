import { api } from "../shared/api";
import type { InspectionPlanList, InspectionPlanSummary, TargetFigure, TargetList } from "../shared/contract";

// The figures move slowly (samples, plans, acknowledgements): a refresh every 30 s is plenty for a wall.
export const targetsRefreshMs = 30_000;
const requestTimeoutMs = 15_000;

export type TargetsListener = (figures: readonly TargetFigure[] | null, plans: readonly InspectionPlanSummary[] | null) => void;

/** This month in Beijing time, as plans name it (yyyy-MM). */
export function currentMonth(now: number = Date.now()): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 7);
}

/** Reads the targets and this month's plans at start and every 30 s, one request pair at a time; a failure keeps the last figures. */
export class TargetsFeed {
  private inFlight = false;
  private timer: number | undefined;

  constructor(private readonly listener: TargetsListener) {}

  start(): void {
    if (this.timer !== undefined) return;
    void this.refresh();
    this.timer = window.setInterval(() => void this.refresh(), targetsRefreshMs);
  }

  private async refresh(): Promise<void> {
    if (this.inFlight) return;
    this.inFlight = true;
    const abort = new AbortController();
    const timeout = window.setTimeout(() => abort.abort(), requestTimeoutMs);
    try {
      const [targets, plans] = await Promise.allSettled([
        api<TargetList>("/api/v1/targets", { signal: abort.signal }),
        api<InspectionPlanList>(`/api/v1/inspection-plans?month=${currentMonth()}`, { signal: abort.signal }),
      ]);
      this.listener(
        targets.status === "fulfilled" ? targets.value.items : null,
        plans.status === "fulfilled" ? plans.value.items : null,
      );
    } finally {
      window.clearTimeout(timeout);
      this.inFlight = false;
    }
  }
}
