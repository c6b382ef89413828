import type { AlertView, AuditEntry } from "../shared/contract";
import { describeError } from "../shared/api-error";
import { byTestId, el, setText } from "../shared/dom";
import { formatDateTime } from "../shared/format";
import { isMessageKey, onLanguageChange, pick, t } from "../shared/i18n";
import { auditTrail } from "./alert-requests";

/**
 * The server records actions as short English phrases ("acknowledged", "assigned to 李四",
 * "escalated to supervisors (2)"); known ones are translated, anything else is shown as sent.
 */
function actionText(action: string): string {
  const assigned = /^assigned to (.+)$/i.exec(action);
  if (assigned?.[1]) return t("console.audit.action.assigned", { name: assigned[1] });
  if (/^escalated\b/i.test(action)) return t("console.audit.action.escalated");
  const key = `console.audit.action.${action.toLowerCase()}`;
  return isMessageKey(key) ? t(key) : action;
}

function stateText(state: string | null): string {
  return state === "open" || state === "acknowledged" || state === "resolved" ? t(`state.${state}`) : "—";
}

/** The side drawer with one alert's audit trail (every state change: who, when, from, to, note). */
export class AuditDrawer {
  private readonly drawer = byTestId("audit-drawer");
  private readonly subject: HTMLElement;
  private readonly status: HTMLElement;
  private readonly body: HTMLTableSectionElement;
  private alert: AlertView | null = null;
  private entries: readonly AuditEntry[] = [];
  private returnFocus: HTMLElement | null = null;
  private sequence = 0;

  constructor() {
    this.subject = this.drawer.querySelector<HTMLElement>("#audit-subject") ?? el("p");
    this.status = this.drawer.querySelector<HTMLElement>("#audit-status") ?? el("p");
    this.body = this.drawer.querySelector("tbody") ?? el("tbody");
    this.drawer.querySelector('[data-action="close-audit"]')?.addEventListener("click", () => this.close());
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !this.drawer.hidden) this.close();
    });
    onLanguageChange(() => this.render());
  }

  async open(alert: AlertView): Promise<void> {
    const sequence = ++this.sequence;
    this.alert = alert;
    this.entries = [];
    this.returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.drawer.hidden = false;
    setText(this.status, t("console.audit.loading"));
    this.render();
    this.drawer.querySelector<HTMLButtonElement>('[data-action="close-audit"]')?.focus();
    try {
      const trail = await auditTrail(alert.id);
      if (sequence !== this.sequence) return;
      this.entries = trail.items;
      setText(this.status, trail.items.length ? "" : t("console.audit.empty"));
    } catch (error) {
      if (sequence !== this.sequence) return;
      setText(this.status, describeError(error));
    }
    this.render();
  }

  close(): void {
    this.sequence++;
    this.drawer.hidden = true;
    this.returnFocus?.focus();
  }

  private render(): void {
    const alert = this.alert;
    if (alert) setText(this.subject, `${pick(alert.ruleZh, alert.ruleEn)} · ${alert.subjectName ?? alert.subjectId}`);
    this.body.replaceChildren(...this.entries.map((entry) => el(
      "tr",
      {},
      el("td", { className: "nowrap", text: formatDateTime(entry.at) }),
      el("td", { text: entry.actor }),
      el("td", { text: actionText(entry.action) }),
      el("td", { className: "nowrap", text: `${stateText(entry.fromState)} → ${stateText(entry.toState)}` }),
      el("td", { text: entry.note ?? "" }),
    )));
  }
}
