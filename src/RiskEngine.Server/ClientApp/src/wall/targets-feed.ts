import { api } from "../shared/api";
import type { InspectionPlanList, InspectionPlanSummary, TargetFigure, TargetList } from "../shared/contract";
import { PeriodicPoll } from "../shared/periodic-poll";

// The figures move slowly (samples, plans, acknowledgements): a refresh every 30 s is plenty for a wall.
export const targetsRefreshMs = 30_000;

export type TargetsListener = (figures: readonly TargetFigure[] | null, plans: readonly InspectionPlanSummary[] | null) => void;

/** This month in Beijing time, as plans name it (yyyy-MM). */
export function currentMonth(now: number = Date.now()): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 7);
}

/** Reads the targets and this month's plans at start and every 30 s; a failure keeps the last figures. */
export class TargetsFeed {
  private readonly poll: PeriodicPoll;

  constructor(listener: TargetsListener) {
    this.poll = new PeriodicPoll(targetsRefreshMs, async (signal) => {
      const [targets, plans] = await Promise.allSettled([
        api<TargetList>("/api/v1/targets", { signal }),
        api<InspectionPlanList>(`/api/v1/inspection-plans?month=${currentMonth()}`, { signal }),
      ]);
      listener(
        targets.status === "fulfilled" ? targets.value.items : null,
        plans.status === "fulfilled" ? plans.value.items : null,
      );
    });
  }

  start(): void {
    this.poll.start();
  }
}
