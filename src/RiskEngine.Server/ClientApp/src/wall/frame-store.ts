import type { DistrictSummary, LevelCounts, RankedSubject, WallFrame } from "../shared/contract";
import type { FrameKind } from "../shared/hub";
import { emptyCounts, levels } from "../shared/levels";

/** What the wall draws: one scope's frame, or several district frames added up. */
export interface WallView {
  counts: LevelCounts;
  total: number;
  top: RankedSubject[];
  topEntities: RankedSubject[];
  topEquipment: RankedSubject[];
  districts: DistrictSummary[];
  signalsPerMinute: number;
  openAlerts: number;
  maxIngestedAt: string | null;
  generatedAt: string | null;
}

const topSize = 10;

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/**
 * The latest frame of each watched scope. Each frame is the whole state of its scope, so only the
 * newest matters: a lower version is a late duplicate and is dropped. A snapshot always applies,
 * because after a reconnect the server (or another server of the cluster) may count versions anew.
 * Holds one entry per watched scope (at most 14), nothing per subject.
 */
export class FrameStore {
  private readonly frames = new Map<string, WallFrame>();

  apply(frame: WallFrame, kind: FrameKind): boolean {
    const last = this.frames.get(frame.scope);
    if (kind === "delta" && last && frame.version < last.version) return false;
    this.frames.set(frame.scope, frame);
    return true;
  }

  get(scope: string): WallFrame | undefined {
    return this.frames.get(scope);
  }

  forget(scope: string): void {
    this.frames.delete(scope);
  }

  combine(scopes: readonly string[]): WallView | null {
    const frames = scopes.map((scope) => this.frames.get(scope)).filter((f): f is WallFrame => f !== undefined);
    const [first] = frames;
    if (!first) return null;
    if (frames.length === 1) return { ...first };

    const counts = emptyCounts();
    const districts = new Map<string, DistrictSummary>();
    let total = 0;
    let signalsPerMinute = 0;
    let openAlerts = 0;
    let maxIngestedAt: string | null = null;
    let generatedAt: string | null = null;
    const top: RankedSubject[] = [];
    const topEntities: RankedSubject[] = [];
    const topEquipment: RankedSubject[] = [];
    for (const frame of frames) {
      for (const level of levels) counts[level] += frame.counts[level];
      total += frame.total;
      // The server counts signals for the whole cluster in every frame, so adding them up would double count.
      signalsPerMinute = Math.max(signalsPerMinute, frame.signalsPerMinute);
      openAlerts += frame.openAlerts;
      maxIngestedAt = later(maxIngestedAt, frame.maxIngestedAt);
      generatedAt = later(generatedAt, frame.generatedAt);
      top.push(...frame.top);
      topEntities.push(...frame.topEntities);
      topEquipment.push(...frame.topEquipment);
      for (const district of frame.districts) districts.set(district.code, district);
    }
    for (const list of [top, topEntities, topEquipment]) list.sort((a, b) => b.score - a.score);
    return {
      counts, total, signalsPerMinute, openAlerts, maxIngestedAt, generatedAt,
      top: top.slice(0, topSize),
      topEntities: topEntities.slice(0, topSize),
      topEquipment: topEquipment.slice(0, topSize),
      districts: [...districts.values()],
    };
  }
}

/** A district's part of a city frame, standing in until that district's own frame arrives. */
export function viewOfDistrict(district: DistrictSummary): WallView {
  return {
    counts: district.counts,
    total: district.total,
    top: district.top.slice(0, topSize),
    topEntities: district.top.filter((s) => s.kind === "entity").slice(0, topSize),
    topEquipment: district.top.filter((s) => s.kind === "equipment").slice(0, topSize),
    districts: [district],
    signalsPerMinute: Number.NaN,
    openAlerts: Number.NaN,
    maxIngestedAt: district.maxIngestedAt,
    generatedAt: null,
  };
}
