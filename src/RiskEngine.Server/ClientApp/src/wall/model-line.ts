import type { ModelCategoryQuality, ModelSummary } from "../shared/contract";
import { setText } from "../shared/dom";
import { onLanguageChange, t } from "../shared/i18n";

function percent(share: number): string {
  return `${(share * 100).toFixed(0)}%`;
}

/** The category with the most recent outcomes: the one whose figures mean most. */
function busiest(quality: readonly ModelCategoryQuality[]): ModelCategoryQuality | undefined {
  return [...quality].sort((a, b) => b.outcomes - a.outcomes)[0];
}

/**
 * For supervisors and admins: the risk model's version and how well it ranked its busiest category's recent outcomes
 * (rolling AUC) and how its predictions compare with what inspections found (calibration in the large).
 */
export class ModelLine {
  private model: ModelSummary | null = null;

  constructor(private readonly line: HTMLElement) {
    line.hidden = false;
    onLanguageChange(() => this.render());
  }

  update(model: ModelSummary): void {
    this.model = model;
    this.render();
  }

  private render(): void {
    const model = this.model;
    if (!model) return;
    const label = t("wall.model.label", { version: model.version });
    const top = busiest(model.quality);
    this.line.dataset["version"] = String(model.version);
    if (!top || top.auc === null) {
      setText(this.line, `${label} · ${t("wall.model.none")}`);
      return;
    }
    const counted = top.calibration.reduce((sum, bin) => sum + bin.count, 0) || 1;
    const predicted = top.calibration.reduce((sum, bin) => sum + bin.count * bin.meanPredicted, 0) / counted;
    const observed = top.calibration.reduce((sum, bin) => sum + bin.count * bin.observedRate, 0) / counted;
    setText(this.line, `${label} · ${t("wall.model.quality", {
      category: top.category.replace(/^(industry|equipment):/, ""),
      auc: top.auc.toFixed(3),
      outcomes: top.outcomes,
      predicted: percent(predicted),
      observed: percent(observed),
    })}`);
  }
}
