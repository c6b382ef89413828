import type { LevelCounts, TrendPoint } from "../shared/contract";

export interface TrendSample {
  at: number;
  yellow: number;
  orange: number;
  red: number;
  signalsPerMinute: number;
}

// One hour at one point per 10 s.
export const trendCapacity = 360;
export const trendIntervalMs = 10_000;

/** The last hour of the trend lines, never more than 360 points. */
export class TrendBuffer {
  private samples: TrendSample[] = [];

  get points(): readonly TrendSample[] {
    return this.samples;
  }

  /** Replaces everything with the server's history (oldest first), e.g. at start or after a reconnect. */
  seed(points: readonly TrendPoint[]): void {
    this.samples = points
      .map((p) => ({ at: Date.parse(p.at), yellow: p.yellow, orange: p.orange, red: p.red, signalsPerMinute: p.signalsPerMinute }))
      .filter((p) => Number.isFinite(p.at))
      .slice(-trendCapacity);
  }

  /** Appends a point unless the last one is under ~10 s old (a seed may have just brought it). */
  append(at: number, counts: LevelCounts, signalsPerMinute: number): boolean {
    const last = this.samples[this.samples.length - 1];
    if (last && at - last.at < trendIntervalMs * 0.8) return false;
    this.samples.push({ at, yellow: counts.yellow, orange: counts.orange, red: counts.red, signalsPerMinute });
    if (this.samples.length > trendCapacity) this.samples.splice(0, this.samples.length - trendCapacity);
    return true;
  }
}
