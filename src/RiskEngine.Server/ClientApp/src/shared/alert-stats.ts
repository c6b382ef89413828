import { api } from "./api";
import type { AlertStats, DistrictAlertStats } from "./contract";

// Per district: alerts waiting and the officers' mean times to acknowledge and to resolve. Read by
// the console's figures and the wall's response-time panel; the server limits it to the user's districts.
const path = "/api/v1/alerts/stats";

export function loadAlertStats(signal?: AbortSignal): Promise<AlertStats> {
  return api<AlertStats>(path, signal ? { signal } : {});
}

function count(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : 0;
}

function seconds(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : null;
}

/**
 * The districts of an answer, each with every field in shape (a missing mean is null, a missing
 * count 0); null when the answer is not a stats answer at all (say, a proxy's error page as JSON).
 */
export function normaliseAlertStats(answer: unknown): DistrictAlertStats[] | null {
  const districts = (answer as { districts?: unknown } | null | undefined)?.districts;
  if (!Array.isArray(districts)) return null;
  const found: DistrictAlertStats[] = [];
  for (const raw of districts as unknown[]) {
    if (raw === null || typeof raw !== "object") continue;
    const d = raw as Record<string, unknown>;
    if (typeof d.district !== "string" || d.district === "") continue;
    found.push({
      district: d.district,
      open: count(d.open),
      acknowledged: count(d.acknowledged),
      resolved: count(d.resolved),
      meanSecondsToAcknowledge: seconds(d.meanSecondsToAcknowledge),
      meanSecondsToResolve: seconds(d.meanSecondsToResolve),
    });
  }
  return found;
}
