import { api } from "../shared/api";
import type { InspectionTask, InspectionTaskList } from "../shared/contract";
import { districtName } from "../shared/districts";
import { el } from "../shared/dom";
import { formatDecimal } from "../shared/format";
import { onLanguageChange, t } from "../shared/i18n";
import { levelShortKey } from "../shared/levels";

/**
 * Open 双随机 tasks of my jurisdiction, riskiest first: the entity, its credit class and level at the draw, the two
 * inspectors. A task leaves the list when an inspection signal naming its plan arrives.
 */
export class TaskBoard {
  private tasks: readonly InspectionTask[] = [];

  constructor(private readonly body: HTMLTableSectionElement, private readonly empty: HTMLElement) {
    onLanguageChange(() => this.render());
  }

  async reload(): Promise<void> {
    try {
      this.tasks = (await api<InspectionTaskList>("/api/v1/inspection-tasks?limit=200")).items;
      this.render();
    } catch {
      // Keep the last list; the next refresh tries again.
    }
  }

  private render(): void {
    this.body.replaceChildren(...this.tasks.map((task) => el(
      "tr",
      { attrs: { "data-subject-id": task.subjectId, "data-plan-id": task.planId } },
      el("td", {}, el("span", { className: `level-chip level-${task.level}`, text: t(levelShortKey(task.level)) })),
      el("td", { text: task.name ? `${task.name} · ${task.subjectId}` : task.subjectId }),
      el("td", { text: task.creditClass }),
      el("td", { className: "number", text: formatDecimal(task.score) }),
      el("td", { text: districtName(task.district) }),
      el("td", { text: task.inspectors.map((i) => i.name ?? i.id).join("、") }),
      el("td", { text: task.planId }),
    )));
    this.empty.hidden = this.tasks.length > 0;
  }
}
