import type { AlertView } from "../shared/contract";
import { setText } from "../shared/dom";
import { onLanguageChange, t } from "../shared/i18n";
import { actionErrorText, bulkErrorText } from "./action-errors";
import { compareAlerts, matchesFilter, statesOf, type AlertFilter } from "./alert-order";
import { acknowledge, acknowledgeMany, assign, listAlerts, listLimit, resolve } from "./alert-requests";
import { AlertRow } from "./alert-row";
import type { StatusLine } from "./status-line";

export interface BoardElements {
  body: HTMLTableSectionElement;
  count: HTMLElement;
  empty: HTMLElement;
  selectAll: HTMLInputElement;
  bulkNote: HTMLInputElement;
  bulkButton: HTMLButtonElement;
}

export interface BoardOptions {
  jurisdiction: readonly string[];
  canAct: boolean;
  status: StatusLine;
  openAudit: (alert: AlertView) => void;
  /** After any change made here, e.g. to refresh the response-time figures. */
  changed: () => void;
}

/**
 * The officer's list of alerts: loaded from REST for the chosen filters, then kept current by live
 * `alert` events. Rows are keyed by alert id and reused; at most `listLimit` are kept.
 */
export class AlertBoard {
  private readonly rows = new Map<string, AlertRow>();
  private filter: AlertFilter = { state: "active", district: "" };
  private loadSequence = 0;
  private orderQueued = false;

  constructor(private readonly ui: BoardElements, private readonly options: BoardOptions) {
    // One delegated listener for every row's buttons, for the life of the page.
    ui.body.addEventListener("click", (event) => this.onClick(event));
    ui.selectAll.addEventListener("change", () => {
      for (const row of this.rows.values()) if (row.selectable) row.select.checked = ui.selectAll.checked;
    });
    ui.bulkButton.addEventListener("click", () => void this.bulkAcknowledge());
    ui.bulkButton.disabled = !options.canAct;
    ui.bulkNote.disabled = !options.canAct;
    onLanguageChange(() => {
      for (const row of this.rows.values()) row.renderText();
      this.renderCount();
    });
  }

  setFilter(filter: AlertFilter): void {
    this.filter = filter;
    void this.reload();
  }

  /** Loads the list anew: at start, when filters change, and after a reconnect (events may be lost). */
  async reload(): Promise<void> {
    const sequence = ++this.loadSequence;
    const states = statesOf(this.filter.state);
    try {
      const lists = await Promise.all((states ?? [null]).map((state) => listAlerts(state, this.filter.district)));
      if (sequence !== this.loadSequence) return;
      const alerts = new Map<string, AlertView>();
      for (const list of lists) for (const alert of list.items) alerts.set(alert.id, alert);
      for (const [id, row] of this.rows) {
        if (!alerts.has(id)) this.removeRow(id, row);
      }
      for (const alert of alerts.values()) {
        if (matchesFilter(alert, this.filter, this.options.jurisdiction)) this.upsert(alert);
      }
      this.order();
    } catch (error) {
      if (sequence === this.loadSequence) this.options.status.say(`${t("console.loadFailed")}: ${actionErrorText(error)}`, "error");
    }
  }

  /** A live `alert` event, or the server's answer to one of this console's actions. */
  apply(alert: AlertView): void {
    if (matchesFilter(alert, this.filter, this.options.jurisdiction)) this.upsert(alert);
    else {
      const row = this.rows.get(alert.id);
      if (row) this.removeRow(alert.id, row);
    }
    this.queueOrder();
  }

  private upsert(alert: AlertView): void {
    const row = this.rows.get(alert.id);
    if (row) row.update(alert);
    else this.rows.set(alert.id, new AlertRow(alert, this.options.canAct));
  }

  private removeRow(id: string, row: AlertRow): void {
    row.row.remove();
    this.rows.delete(id);
  }

  private queueOrder(): void {
    if (this.orderQueued) return;
    this.orderQueued = true;
    requestAnimationFrame(() => {
      this.orderQueued = false;
      this.order();
    });
  }

  /** Puts rows in order, moving only those out of place, and drops any beyond the limit. */
  private order(): void {
    const sorted = [...this.rows.values()].sort((a, b) => compareAlerts(a.alert, b.alert));
    for (const extra of sorted.splice(listLimit)) this.removeRow(extra.alert.id, extra);
    const body = this.ui.body;
    sorted.forEach((row, i) => {
      const at = body.children[i];
      if (at !== row.row) body.insertBefore(row.row, at ?? null);
    });
    this.renderCount();
  }

  private renderCount(): void {
    setText(this.ui.count, t("console.count", { n: this.rows.size }));
    this.ui.empty.hidden = this.rows.size > 0;
  }

  private onClick(event: MouseEvent): void {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>("button[data-action]");
    const id = button?.closest<HTMLTableRowElement>("tr[data-alert-id]")?.dataset.alertId;
    const row = id ? this.rows.get(id) : undefined;
    if (!button || !row) return;
    const note = row.note.value.trim();
    switch (button.dataset.action) {
      case "ack":
        void this.act(row, () => acknowledge(row.alert.id, note), () => t("console.done.ack"));
        break;
      case "assign": {
        const assignee = row.assignee.value.trim();
        if (!assignee) {
          row.showMessage(t("console.assigneeRequired"), "error");
          row.assignee.focus();
          return;
        }
        void this.act(row, () => assign(row.alert.id, assignee, note), () => t("console.done.assign", { name: assignee }));
        break;
      }
      case "resolve":
        void this.act(row, () => resolve(row.alert.id, note), () => t("console.done.resolve"));
        break;
      case "audit":
        this.options.openAudit(row.alert);
        break;
    }
  }

  private async act(row: AlertRow, call: () => Promise<AlertView>, done: () => string): Promise<void> {
    row.setBusy(true);
    try {
      const alert = await call();
      row.clearInputs();
      row.showMessage(done(), "ok");
      this.options.status.say(`${alert.subjectName ?? alert.subjectId} · ${done()}`, "ok");
      this.apply(alert);
      this.options.changed();
    } catch (error) {
      const text = actionErrorText(error);
      row.showMessage(text, "error");
      this.options.status.say(text, "error");
    } finally {
      row.setBusy(false);
    }
  }

  private async bulkAcknowledge(): Promise<void> {
    const rows = [...this.rows.values()].filter((row) => row.select.checked);
    if (rows.length === 0) {
      this.options.status.say(t("console.bulk.none"), "error");
      return;
    }
    const note = this.ui.bulkNote.value.trim();
    this.ui.bulkButton.disabled = true;
    rows.forEach((row) => row.setBusy(true));
    try {
      const response = await acknowledgeMany(rows.map((row) => row.alert.id), note);
      let ok = 0;
      for (const result of response.results) {
        const row = this.rows.get(result.id);
        if (result.status >= 200 && result.status < 300) {
          ok++;
          row?.showMessage(t("console.done.ack"), "ok");
        } else {
          row?.showMessage(bulkErrorText(result.status, result.error, result.alert?.acknowledgedBy ?? null), "error");
        }
        if (result.alert) this.apply(result.alert);
      }
      this.ui.bulkNote.value = "";
      this.ui.selectAll.checked = false;
      this.options.status.say(t("console.bulk.summary", { ok, failed: response.results.length - ok }), ok === response.results.length ? "ok" : "error");
      this.options.changed();
    } catch (error) {
      this.options.status.say(actionErrorText(error), "error");
    } finally {
      rows.forEach((row) => {
        row.setBusy(false);
        row.select.checked = false;
      });
      this.ui.bulkButton.disabled = !this.options.canAct;
    }
  }
}
