import type { AlertView } from "../shared/contract";
import { districtName } from "../shared/districts";
import { el, setClass, setData, setText } from "../shared/dom";
import { formatDateTime } from "../shared/format";
import { pick, t } from "../shared/i18n";
import { levelKey } from "../shared/levels";

/**
 * One alert in the console's table. The row is built once and updated in place when the alert
 * changes, so what an officer is typing in its note and assignee fields, and its checkbox, survive
 * live updates. Hooks: tr[data-alert-id][data-state], [data-action="ack|assign|resolve|audit"],
 * [data-field="note|assignee|select|message"].
 */
export class AlertRow {
  readonly row: HTMLTableRowElement;
  readonly select: HTMLInputElement;
  readonly note: HTMLInputElement;
  readonly assignee: HTMLInputElement;
  private readonly level = el("span");
  private readonly rule = el("span", { className: "rule-name" });
  private readonly escalations = el("span", { className: "escalations" });
  private readonly subjectName = el("span", { className: "subject-name" });
  private readonly subjectMeta = el("span", { className: "subject-meta" });
  private readonly district = el("td");
  private readonly opened = el("td", { className: "nowrap" });
  private readonly occurrences = el("td", { className: "number" });
  private readonly state = el("span", { className: "state-text" });
  private readonly handling = el("span", { className: "handling-text" });
  private readonly lastNote = el("span", { className: "last-note" });
  private readonly message = el("p", { className: "row-message", attrs: { "data-field": "message", role: "status" } });
  private readonly buttons: Record<"ack" | "assign" | "resolve" | "audit", HTMLButtonElement>;
  private busy = false;
  alert: AlertView;

  constructor(alert: AlertView, private readonly canAct: boolean) {
    this.alert = alert;
    this.select = el("input", { attrs: { type: "checkbox", "data-field": "select" } });
    this.note = el("input", { className: "note-input", attrs: { type: "text", "data-field": "note", maxlength: "500" } });
    this.assignee = el("input", { className: "assignee-input", attrs: { type: "text", "data-field": "assignee", maxlength: "100" } });
    const button = (action: string, className = "console-button"): HTMLButtonElement =>
      el("button", { className, attrs: { type: "button", "data-action": action } });
    this.buttons = {
      ack: button("ack", "console-button primary"),
      assign: button("assign"),
      resolve: button("resolve"),
      audit: button("audit", "console-button link"),
    };
    this.message.hidden = true;
    this.row = el(
      "tr",
      {},
      el("td", { className: "col-select" }, this.select),
      el("td", {}, this.level),
      el("td", {}, this.rule, this.escalations),
      el("td", {}, this.subjectName, this.subjectMeta),
      this.district,
      this.opened,
      this.occurrences,
      el("td", { className: "handling" }, this.state, this.handling, this.lastNote),
      el(
        "td",
        { className: "actions" },
        el("div", { className: "action-fields" }, this.note, this.assignee),
        el("div", { className: "action-buttons" }, this.buttons.ack, this.buttons.assign, this.buttons.resolve, this.buttons.audit),
        this.message,
      ),
    );
    this.update(alert);
  }

  update(alert: AlertView): void {
    this.alert = alert;
    setData(this.row, "alertId", alert.id);
    setData(this.row, "state", alert.state);
    setData(this.row, "level", alert.level);
    setClass(this.row, `alert-row level-${alert.level} state-${alert.state}`);
    setClass(this.level, `level-chip level-${alert.level}`);
    this.renderText();
    this.renderEnabled();
  }

  /** Re-renders the words (after a language switch) without touching the inputs. */
  renderText(): void {
    const alert = this.alert;
    setText(this.level, t(levelKey(alert.level)));
    setText(this.rule, pick(alert.ruleZh, alert.ruleEn));
    setText(this.escalations, alert.escalations > 0 ? t("console.escalations", { n: alert.escalations }) : "");
    setText(this.subjectName, alert.subjectName ?? alert.subjectId);
    const kind = t(alert.subjectKind === "entity" ? "kind.entity" : "kind.equipment");
    setText(this.subjectMeta, `${alert.subjectName ? `${alert.subjectId} · ` : ""}${kind}`);
    setText(this.district, districtName(alert.district));
    setText(this.opened, formatDateTime(alert.openedAt));
    setText(this.occurrences, String(alert.occurrences));
    setText(this.state, t(`state.${alert.state}`));
    const handling: string[] = [];
    if (alert.acknowledgedBy) handling.push(t("console.ackedBy", { name: alert.acknowledgedBy }));
    if (alert.assignee) handling.push(t("console.assignedTo", { name: alert.assignee }));
    if (alert.resolvedBy) handling.push(t("console.resolvedBy", { name: alert.resolvedBy }));
    setText(this.handling, handling.join(t("list.separator")));
    setText(this.lastNote, alert.lastNote ? t("console.lastNote", { note: alert.lastNote }) : "");
    setText(this.buttons.ack, t("console.action.ack"));
    setText(this.buttons.assign, t("console.action.assign"));
    setText(this.buttons.resolve, t("console.action.resolve"));
    setText(this.buttons.audit, t("console.action.audit"));
    this.note.placeholder = t("console.note");
    this.note.setAttribute("aria-label", t("console.note"));
    this.assignee.placeholder = t("console.assignee");
    this.assignee.setAttribute("aria-label", t("console.assignee"));
    this.select.setAttribute("aria-label", t("console.select"));
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    this.renderEnabled();
  }

  showMessage(text: string, kind: "ok" | "error"): void {
    this.message.hidden = text === "";
    setClass(this.message, `row-message ${kind}`);
    setText(this.message, text);
  }

  clearInputs(): void {
    this.note.value = "";
    this.assignee.value = "";
  }

  get selectable(): boolean {
    return this.canAct && this.alert.state === "open";
  }

  private renderEnabled(): void {
    const state = this.alert.state;
    const off = !this.canAct || this.busy;
    this.buttons.ack.disabled = off || state !== "open";
    this.buttons.assign.disabled = off || state === "resolved";
    this.buttons.resolve.disabled = off || state === "resolved";
    this.note.disabled = off || state === "resolved";
    this.assignee.disabled = off || state === "resolved";
    this.select.disabled = !this.selectable || this.busy;
    if (this.select.disabled) this.select.checked = false;
    this.buttons.audit.disabled = false;
  }
}
