import { byTestId } from "../shared/dom";
import { levels } from "../shared/levels";
import type { WallView } from "./frame-store";
import { renderGroupedNumber } from "./grouped-number";

/** The KPI row: subjects watched, one tile per level, signals per minute, open alerts. */
export class KpiTiles {
  private readonly total = byTestId("kpi-total");
  private readonly perLevel = levels.map((level) => ({ level, element: byTestId(`kpi-${level}`) }));
  private readonly signals = byTestId("kpi-signals-per-minute");
  private readonly openAlerts = byTestId("kpi-open-alerts");

  update(view: WallView): void {
    renderGroupedNumber(this.total, view.total);
    for (const { level, element } of this.perLevel) renderGroupedNumber(element, view.counts[level]);
    renderGroupedNumber(this.signals, view.signalsPerMinute);
    renderGroupedNumber(this.openAlerts, view.openAlerts);
  }
}
