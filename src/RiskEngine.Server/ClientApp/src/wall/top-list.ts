import type { RankedSubject } from "../shared/contract";
import { districtName } from "../shared/districts";
import { el, setClass, setData, setText } from "../shared/dom";
import { onLanguageChange, pick, t } from "../shared/i18n";
import { formatDecimal } from "../shared/format";
import { levelShortKey } from "../shared/levels";

const size = 10;

interface Row {
  item: HTMLLIElement;
  level: HTMLElement;
  name: HTMLElement;
  meta: HTMLElement;
  score: HTMLElement;
  reason: HTMLElement;
}

/**
 * The ten highest-risk subjects. Its ten rows are built once and rewritten in place; a row with no
 * subject is hidden and loses its data-subject-id, so `[data-subject-id]` counts only real rows.
 */
export class TopList {
  private readonly rows: Row[] = [];
  private current: readonly RankedSubject[] = [];

  constructor(private readonly list: HTMLElement, private readonly empty: HTMLElement) {
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

  update(top: readonly RankedSubject[]): void {
    this.current = top;
    this.render();
  }

  private render(): void {
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
