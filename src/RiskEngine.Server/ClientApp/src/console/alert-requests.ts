import { loadAlertStats } from "../shared/alert-stats";
import { api, query } from "../shared/api";
import type {
  AlertList, AlertState, AlertStats, AlertView, AuditTrail, BulkAckResponse,
} from "../shared/contract";

// The console's calls to the alerts API, one function per endpoint.
const base = "/api/v1/alerts";
export const listLimit = 500;

export function listAlerts(state: AlertState | null, district: string): Promise<AlertList> {
  return api<AlertList>(`${base}${query({ state, district, limit: listLimit })}`);
}

export function acknowledge(id: string, note: string): Promise<AlertView> {
  return api<AlertView>(`${base}/${encodeURIComponent(id)}/ack`, { method: "POST", body: { note } });
}

export function assign(id: string, assignee: string, note: string): Promise<AlertView> {
  return api<AlertView>(`${base}/${encodeURIComponent(id)}/assign`, { method: "POST", body: { assignee, note } });
}

export function resolve(id: string, note: string): Promise<AlertView> {
  return api<AlertView>(`${base}/${encodeURIComponent(id)}/resolve`, { method: "POST", body: { note } });
}

export function acknowledgeMany(ids: readonly string[], note: string): Promise<BulkAckResponse> {
  return api<BulkAckResponse>(`${base}/ack`, { method: "POST", body: { ids, note } });
}

export function auditTrail(id: string): Promise<AuditTrail> {
  return api<AuditTrail>(`${base}/${encodeURIComponent(id)}/audit`);
}

export function alertStats(): Promise<AlertStats> {
  return loadAlertStats();
}
