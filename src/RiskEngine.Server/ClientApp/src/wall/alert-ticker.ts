import type { AlertView } from "../shared/contract";
import { districtName } from "../shared/districts";
import { el, setClass, setData, setText } from "../shared/dom";
import { formatTime } from "../shared/format";
import { onLanguageChange, pick, t } from "../shared/i18n";
import { levelShortKey } from "../shared/levels";

// The wall runs for days: the ticker never holds more than this many items, in the DOM or in memory.
const capacity = 50;

interface Item {
  alert: AlertView;
  element: HTMLLIElement;
}

function sameAlert(a: AlertView, b: AlertView): boolean {
  return a.state === b.state && a.lastSeenAt === b.lastSeenAt && a.occurrences === b.occurrences
    && a.acknowledgedBy === b.acknowledgedBy && a.assignee === b.assignee && a.level === b.level
    && a.escalations === b.escalations;
}

/** The live alert ticker: newest change first, each alert once, at most 50 items. */
export class AlertTicker {
  private readonly items = new Map<string, Item>();

  constructor(private readonly list: HTMLElement, private readonly empty: HTMLElement) {
    onLanguageChange(() => {
      for (const item of this.items.values()) this.fill(item.element, item.alert);
    });
    this.renderEmpty();
  }

  /** A live alert event: the alert moves to the top (or enters there). */
  push(alert: AlertView): void {
    const known = this.items.get(alert.id);
    if (known && sameAlert(known.alert, alert)) return;
    const element = known?.element ?? el("li");
    this.fill(element, alert);
    this.items.set(alert.id, { alert, element });
    if (this.list.firstElementChild !== element) this.list.prepend(element);
    this.trim();
    this.renderEmpty();
  }

  /**
   * Alerts listed by REST, newest and most severe first: fills the ticker at start and after a
   * reconnect (events sent while disconnected are lost). Known alerts are updated where they stand.
   */
  seed(alerts: readonly AlertView[]): void {
    for (const alert of alerts.slice(0, capacity)) {
      const known = this.items.get(alert.id);
      if (known) {
        if (!sameAlert(known.alert, alert)) this.fill(known.element, alert);
        known.alert = alert;
        continue;
      }
      if (this.items.size >= capacity) break;
      const element = el("li");
      this.fill(element, alert);
      this.items.set(alert.id, { alert, element });
      this.list.append(element);
    }
    this.renderEmpty();
  }

  private trim(): void {
    while (this.items.size > capacity) {
      const last = this.list.lastElementChild as HTMLLIElement | null;
      if (!last) break;
      last.remove();
      const id = last.dataset.alertId;
      if (id) this.items.delete(id);
    }
  }

  private renderEmpty(): void {
    this.empty.hidden = this.items.size > 0;
  }

  private fill(element: HTMLLIElement, alert: AlertView): void {
    setClass(element, `ticker-item level-${alert.level} state-${alert.state}`);
    setData(element, "alertId", alert.id);
    setData(element, "state", alert.state);
    setData(element, "level", alert.level);
    const stateText = alert.state === "acknowledged" && alert.acknowledgedBy
      ? t("wall.ticker.ackBy", { name: alert.acknowledgedBy })
      : t(`state.${alert.state}`);
    const parts: Array<[string, string]> = [
      ["ticker-time", formatTime(alert.lastSeenAt || alert.openedAt)],
      [`level-chip level-${alert.level}`, t(levelShortKey(alert.level))],
      ["ticker-rule", pick(alert.ruleZh, alert.ruleEn)],
      ["ticker-subject", alert.subjectName ?? alert.subjectId],
      ["ticker-district", districtName(alert.district)],
      [`ticker-state state-${alert.state}`, stateText],
    ];
    // Built once per element; later fills only rewrite text and classes.
    if (element.children.length !== parts.length) element.replaceChildren(...parts.map(() => el("span")));
    parts.forEach(([className, text], i) => {
      const span = element.children[i] as HTMLElement;
      setClass(span, className);
      setText(span, text);
    });
  }
}
