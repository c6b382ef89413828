import type { AlertState, AlertView } from "../shared/contract";
import { levelRank } from "../shared/levels";

export type StateFilter = "active" | AlertState | "all";

export interface AlertFilter {
  state: StateFilter;
  /** One district code, or "" for every district of the user's jurisdiction. */
  district: string;
}

export function statesOf(filter: StateFilter): AlertState[] | null {
  switch (filter) {
    case "active": return ["open", "acknowledged"];
    case "all": return null;
    default: return [filter];
  }
}

export function matchesFilter(alert: AlertView, filter: AlertFilter, jurisdiction: readonly string[]): boolean {
  const states = statesOf(filter.state);
  if (states && !states.includes(alert.state)) return false;
  if (filter.district && alert.district !== filter.district) return false;
  return jurisdiction.length === 0 || jurisdiction.includes(alert.district);
}

/** Most severe first, then newest: a fresh red alert is on top, an old blue one at the bottom. */
export function compareAlerts(a: AlertView, b: AlertView): number {
  return levelRank(b.level) - levelRank(a.level)
    || Date.parse(b.openedAt) - Date.parse(a.openedAt)
    || a.id.localeCompare(b.id);
}
