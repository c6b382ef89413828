import "../styles/base.css";
import "../styles/console.css";
import { ConnectionBadge } from "../shared/connection-badge";
import { districtName, districtNames } from "../shared/districts";
import { byId, byTestId, el } from "../shared/dom";
import { RiskHub } from "../shared/hub";
import { onLanguageChange } from "../shared/i18n";
import { requireSession } from "../shared/login-redirect";
import { setUpHeader } from "../shared/page-header";
import { canAct, isWholeCity, type Session } from "../shared/session";
import { AlertBoard } from "./alert-board";
import type { StateFilter } from "./alert-order";
import { AlertStatsPanel } from "./alert-stats-panel";
import { AuditDrawer } from "./audit-drawer";
import { RedAlertNotifier } from "./red-alert-notifier";
import { StatusLine } from "./status-line";
import { TaskBoard } from "./task-board";

// Mean response times move slowly; a minute is fresh enough and cheap for the server.
const statsRefreshMs = 60_000;

function fillDistrictFilter(select: HTMLSelectElement, session: Session): void {
  const codes = isWholeCity(session) ? districtNames.map((d) => d.code) : session.districts;
  const options = codes.map((code) => el("option", { text: districtName(code), attrs: { value: code } }));
  select.append(...options);
  onLanguageChange(() => options.forEach((option) => { option.textContent = districtName(option.value); }));
}

function startConsole(session: Session): void {
  const status = new StatusLine(byId("console-message"));
  const stats = new AlertStatsPanel(byTestId("alert-stats").querySelector("tbody") ?? el("tbody"), session.districts);
  const audit = new AuditDrawer();
  const taskTable = byTestId<HTMLTableElement>("task-list");
  const tasks = new TaskBoard(taskTable.tBodies[0] ?? taskTable.createTBody(), byId("tasks-empty"));
  const stateFilter = byId<HTMLSelectElement>("filter-state");
  const districtFilter = byId<HTMLSelectElement>("filter-district");
  const table = byTestId<HTMLTableElement>("alert-list");
  const board = new AlertBoard(
    {
      body: table.tBodies[0] ?? table.createTBody(),
      count: byId("alert-count"),
      empty: byId("alerts-empty"),
      selectAll: table.querySelector<HTMLInputElement>('[data-action="select-all"]') ?? el("input"),
      bulkNote: document.querySelector<HTMLInputElement>('[data-field="bulk-note"]') ?? el("input"),
      bulkButton: document.querySelector<HTMLButtonElement>('[data-action="bulk-ack"]') ?? el("button"),
    },
    {
      jurisdiction: session.districts,
      canAct: canAct(session),
      status,
      openAudit: (alert) => void audit.open(alert),
      changed: () => void stats.reload(),
    },
  );
  const badge = new ConnectionBadge(byTestId("connection-state"));
  const notifier = new RedAlertNotifier(session.districts, byTestId<HTMLButtonElement>("notify-opt-in"));
  byId("read-only").hidden = canAct(session);
  fillDistrictFilter(districtFilter, session);

  const applyFilters = (): void => board.setFilter({ state: stateFilter.value as StateFilter, district: districtFilter.value });
  stateFilter.addEventListener("change", applyFilters);
  districtFilter.addEventListener("change", applyFilters);

  // Alerts arrive for watched scopes: the city for whole-city users, else each district of theirs.
  const hub = new RiskHub({
    alert: (alert) => {
      board.apply(alert);
      notifier.observe(alert);
    },
    escalation: (alert) => board.apply(alert),
    state: (state) => badge.set(state),
    ready: () => {
      void board.reload();
      void stats.reload();
    },
  });
  setUpHeader(session, () => hub.stop());
  const scopes = isWholeCity(session) ? ["city"] : session.districts.map((code) => `district:${code}`);
  for (const scope of scopes) hub.watch(scope);
  hub.start();

  // The list shows at once, even before the live connection is up.
  applyFilters();
  void stats.reload();
  void tasks.reload();
  window.setInterval(() => void stats.reload(), statsRefreshMs);
  window.setInterval(() => void tasks.reload(), statsRefreshMs / 2);
}

const session = requireSession();
if (session) startConsole(session);
