import type { InspectionPlanSummary, TargetFigure } from "../shared/contract";
import { el, setData, setText } from "../shared/dom";
import { isMessageKey, onLanguageChange, t } from "../shared/i18n";

const targetOrder = ["food-sampling-pass-rate", "spot-check-coverage", "equipment-inspected-on-time", "alerts-acknowledged-within-sla"];

function percent(share: number): string {
  return `${(share * 100).toFixed(share >= 0.995 || share === 0 ? 0 : 1)}%`;
}

interface Tile {
  item: HTMLElement;
  label: HTMLElement;
  value: HTMLElement;
  target: HTMLElement;
}

/**
 * The 十四五 targets: four live figures, each beside its target and marked met or short, and this month's 双随机
 * plans' progress. Tiles are built once and rewritten in place.
 */
export class TargetsPanel {
  private readonly tiles = new Map<string, Tile>();
  private figures: readonly TargetFigure[] = [];
  private plans: readonly InspectionPlanSummary[] | null = null;

  constructor(private readonly grid: HTMLElement, private readonly planLine: HTMLElement) {
    for (const id of targetOrder) {
      const label = el("span", { className: "target-label" });
      const value = el("b", { className: "target-value", text: "—" });
      const target = el("span", { className: "target-goal" });
      const item = el("div", { className: "target" }, label, value, target);
      setData(item, "targetId", id);
      this.grid.append(item);
      this.tiles.set(id, { item, label, value, target });
    }
    onLanguageChange(() => this.render());
    this.render();
  }

  update(figures: readonly TargetFigure[] | null, plans: readonly InspectionPlanSummary[] | null): void {
    if (figures) this.figures = figures;
    if (plans) this.plans = plans;
    this.render();
  }

  private render(): void {
    for (const [id, tile] of this.tiles) {
      const key = `wall.targets.${id}`;
      setText(tile.label, isMessageKey(key) ? t(key) : id);
      const figure = this.figures.find((f) => f.id === id);
      setText(tile.value, figure?.value == null ? "—" : percent(figure.value));
      tile.value.title = figure?.value == null ? t("wall.targets.none") : "";
      setText(tile.target, figure ? t("wall.targets.target", { target: `≥${percent(figure.target)}` }) : "");
      tile.item.dataset["met"] = figure?.met == null ? "unknown" : String(figure.met);
      if (figure) tile.item.title = figure.basis;
    }
    if (this.plans === null) return;
    const total = this.plans.reduce((sum, p) => sum + p.progress.total, 0);
    const done = this.plans.reduce((sum, p) => sum + p.progress.done, 0);
    const findings = this.plans.reduce((sum, p) => sum + p.progress.findings, 0);
    setText(this.planLine, this.plans.length === 0
      ? t("wall.plans.none")
      : `${t("wall.plans.label")} · ${t("wall.plans.progress", { plans: this.plans.length, done, total, findings })}`);
    this.planLine.dataset["done"] = String(done);
    this.planLine.dataset["total"] = String(total);
  }
}
