import type { RankedSubject } from "../shared/contract";
import { districtName } from "../shared/districts";
import { el, setClass, setData, setText } from "../shared/dom";
import { onLanguageChange, pick, t } from "../shared/i18n";
import { formatDecimal } from "../shared/format";
import { levelShortKey } from "../shared/levels";

const size = 10;
// A wall nobody touches still shows both lists: the tabs take turns this often.
export const topTabRotationMs = 20_000;

export type TopTab = "entity" | "equipment";

interface Row {
  item: HTMLLIElement;
  level: HTMLElement;
  name: HTMLElement;
  meta: HTMLElement;
  score: HTMLElement;
  reason: HTMLElement;
}

/**
 * The ten highest-risk market entities or special-equipment units, one tab each (units outscore entities almost
 * everywhere, so one mixed list showed only equipment). The tabs take turns every 20 s; a click picks one and restarts
 * the turn. Its ten rows are built once and rewritten in place; a row with no subject is hidden and loses its
 * data-subject-id, so `[data-subject-id]` counts only real rows.
 */
export class TopList {
  private readonly rows: Row[] = [];
  private current: readonly RankedSubject[] = [];
  private lists: Record<TopTab, readonly RankedSubject[]> = { entity: [], equipment: [] };
  private tab: TopTab = "entity";
  private rotation: number | undefined;

  constructor(
    private readonly list: HTMLElement,
    private readonly empty: HTMLElement,
    private readonly tabs: Record<TopTab, HTMLButtonElement>,
  ) {
    for (const key of Object.keys(tabs) as TopTab[]) tabs[key].addEventListener("click", () => this.show(key));
    this.startRotation();
    for (let i = 0; i < size; i++) {
      const level = el("span", { className: "level-chip" });
      const name = el("span", { className: "top-name" });
      const meta = el("span", { className: "top-meta" });
      const score = el("span", { className: "top-score" });
      const reason = el("span", { className: "top-reason" });
      const item = el(
        "li",
        { className: "top-row" },
        el("span", { className: "top-rank", text: String(i + 1) }),
        level,
        name,
        score,
        meta,
        reason,
      );
      item.hidden = true;
      this.list.append(item);
      this.rows.push({ item, level, name, meta, score, reason });
    }
    onLanguageChange(() => this.render());
  }

  update(entities: readonly RankedSubject[], equipment: readonly RankedSubject[]): void {
    this.lists = { entity: entities, equipment };
    this.current = this.lists[this.tab];
    this.render();
  }

  show(tab: TopTab): void {
    this.tab = tab;
    this.current = this.lists[tab];
    this.startRotation();
    this.render();
  }

  private startRotation(): void {
    window.clearInterval(this.rotation);
    this.rotation = window.setInterval(() => {
      this.tab = this.tab === "entity" ? "equipment" : "entity";
      this.current = this.lists[this.tab];
      this.render();
    }, topTabRotationMs);
  }

  private render(): void {
    for (const key of Object.keys(this.tabs) as TopTab[]) {
      this.tabs[key].setAttribute("aria-selected", String(key === this.tab));
    }
    this.list.dataset["tab"] = this.tab;
    this.rows.forEach((row, i) => {
      const subject = this.current[i];
      if (!subject) {
        row.item.hidden = true;
        row.item.removeAttribute("data-subject-id");
        row.item.removeAttribute("data-level");
        return;
      }
      row.item.hidden = false;
      setData(row.item, "subjectId", subject.id);
      setData(row.item, "level", subject.level);
      setClass(row.item, `top-row level-${subject.level}`);
      setClass(row.level, `level-chip level-${subject.level}`);
      setText(row.level, t(levelShortKey(subject.level)));
      setText(row.name, subject.name ?? subject.id);
      const kind = t(subject.kind === "entity" ? "kind.entity" : "kind.equipment");
      setText(row.meta, `${subject.name ? `${subject.id} · ` : ""}${kind} · ${districtName(subject.district)}`);
      setText(row.score, formatDecimal(subject.score));
      setText(row.reason, subject.reason ? pick(subject.reason.zh, subject.reason.en) : "");
    });
    this.empty.hidden = this.current.length > 0;
  }
}
