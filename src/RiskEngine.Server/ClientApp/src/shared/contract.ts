// The shapes the server sends and accepts (JSON, camelCase), mirrored from the v1 contract.
// Only types: nothing here exists at run time.

export type Level = "blue" | "yellow" | "orange" | "red";
export type Role = "viewer" | "officer" | "supervisor" | "admin";
export type SubjectKind = "entity" | "equipment";
export type AlertState = "open" | "acknowledged" | "resolved";

export interface LevelCounts {
  blue: number;
  yellow: number;
  orange: number;
  red: number;
}

export interface Reason {
  code: string;
  zh: string;
  en: string;
  contribution: number;
}

export interface RankedSubject {
  id: string;
  kind: SubjectKind;
  name: string | null;
  district: string;
  score: number;
  level: Level;
  reason: Reason | null;
}

export interface DistrictSummary {
  code: string;
  name: string;
  nameEn: string;
  counts: LevelCounts;
  total: number;
  top: RankedSubject[];
  maxIngestedAt: string | null;
}

export interface CitySummary {
  counts: LevelCounts;
  total: number;
  top: RankedSubject[];
  districts: DistrictSummary[];
}

export interface TrendPoint extends LevelCounts {
  at: string;
  signalsPerMinute: number;
  openAlerts: number;
}

export interface CityTrend {
  points: TrendPoint[];
}

/** The complete current state of one watched scope ("city" or "district:420112"). */
export interface WallFrame {
  scope: string;
  version: number;
  generatedAt: string;
  maxIngestedAt: string | null;
  counts: LevelCounts;
  total: number;
  top: RankedSubject[];
  districts: DistrictSummary[];
  signalsPerMinute: number;
  openAlerts: number;
  topEntities: RankedSubject[];
  topEquipment: RankedSubject[];
}

export interface AlertView {
  id: string;
  subjectId: string;
  subjectKind: SubjectKind;
  subjectName: string | null;
  district: string;
  rule: string;
  ruleZh: string;
  ruleEn: string;
  level: Level;
  state: AlertState;
  openedAt: string;
  lastSeenAt: string;
  occurrences: number;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  assignee: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  escalations: number;
  lastNote: string | null;
  score: number;
}

export interface AlertList {
  items: AlertView[];
}

export interface BulkAckResult {
  id: string;
  status: number;
  alert: AlertView | null;
  error: string | null;
}

export interface BulkAckResponse {
  results: BulkAckResult[];
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  fromState: AlertState | null;
  toState: AlertState | null;
  note: string | null;
}

export interface AuditTrail {
  items: AuditEntry[];
}

export interface DistrictAlertStats {
  district: string;
  open: number;
  acknowledged: number;
  resolved: number;
  /** Seconds, one decimal; null while no alert of the district has been acknowledged. */
  meanSecondsToAcknowledge: number | null;
  /** Seconds, one decimal; null while no alert of the district has been resolved. */
  meanSecondsToResolve: number | null;
}

export interface AlertStats {
  districts: DistrictAlertStats[];
}

export interface LoginRequest {
  userName: string;
  password: string;
}

/** POST /api/v1/auth/password: the current password proves who asks; answers a LoginResponse. */
export interface PasswordChangeRequest {
  userName: string;
  currentPassword: string;
  newPassword: string;
}

export interface LoginResponse {
  accessToken: string;
  expiresAt: string;
  userName: string;
  role: Role;
  /** District codes of the user's jurisdiction; empty means the whole city. */
  districts: string[];
}

/** RFC 7807 problem details, with the extensions this API adds (e.g. acknowledgedBy on a 409). */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  acknowledgedBy?: string;
  /** On a 403 from login: the password is right but must be replaced first. */
  passwordChangeRequired?: boolean;
  [extension: string]: unknown;
}

/** GET /api/v1/targets: a live figure beside its 十四五 target (shares 0-1; value null while nothing is measured). */
export interface TargetFigure {
  id: string;
  zh: string;
  en: string;
  value: number | null;
  target: number;
  met: boolean | null;
  measured: number;
  basis: string;
}

/** GET /api/v1/model: the risk model in force and how well it ranked recent outcomes per category. */
export interface ModelSummary {
  version: number;
  origin: string;
  outcomes: number;
  quality: ModelCategoryQuality[];
}

export interface ModelCategoryQuality {
  category: string;
  outcomes: number;
  positives: number;
  auc: number | null;
  calibration: { count: number; meanPredicted: number; observedRate: number }[];
}

export interface TargetList {
  generatedAt: string;
  items: TargetFigure[];
}

export interface PlanProgress {
  done: number;
  total: number;
  findings: number;
}

/** GET /api/v1/inspection-plans: a 双随机 plan without its drawn list. */
export interface InspectionPlanSummary {
  id: string;
  district: string;
  month: string;
  seed: string;
  algorithm: string;
  progress: PlanProgress;
}

export interface InspectionPlanList {
  items: InspectionPlanSummary[];
}

export interface TaskInspector {
  id: string;
  name: string | null;
}

/** GET /api/v1/inspection-tasks: an open spot-check task. */
export interface InspectionTask {
  planId: string;
  district: string;
  subjectId: string;
  name: string | null;
  creditClass: string;
  level: Level;
  score: number;
  inspectors: TaskInspector[];
}

export interface InspectionTaskList {
  items: InspectionTask[];
}
