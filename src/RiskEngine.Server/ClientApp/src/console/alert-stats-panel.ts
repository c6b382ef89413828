import type { DistrictAlertStats } from "../shared/contract";
import { districtName } from "../shared/districts";
import { el } from "../shared/dom";
import { formatDuration, formatInteger } from "../shared/format";
import { onLanguageChange } from "../shared/i18n";
import { alertStats } from "./alert-requests";

/** Open and acknowledged counts and mean times to acknowledge and resolve, per district of mine. */
export class AlertStatsPanel {
  private stats: readonly DistrictAlertStats[] = [];

  constructor(private readonly body: HTMLTableSectionElement, private readonly jurisdiction: readonly string[]) {
    onLanguageChange(() => this.render());
  }

  async reload(): Promise<void> {
    try {
      const answer = await alertStats();
      // The server already limits the figures to the user's jurisdiction; this only keeps the table tidy.
      this.stats = answer.districts
        .filter((d) => this.jurisdiction.length === 0 || this.jurisdiction.includes(d.district))
        .sort((a, b) => a.district.localeCompare(b.district));
      this.render();
    } catch {
      // Keep the last figures; the next refresh tries again.
    }
  }

  private render(): void {
    this.body.replaceChildren(...this.stats.map((d) => el(
      "tr",
      { attrs: { "data-district": d.district } },
      el("th", { text: districtName(d.district), attrs: { scope: "row" } }),
      el("td", { className: "number", text: formatInteger(d.open) }),
      el("td", { className: "number", text: formatInteger(d.acknowledged) }),
      el("td", { className: "number", text: formatDuration(d.meanSecondsToAcknowledge) }),
      el("td", { className: "number", text: formatDuration(d.meanSecondsToResolve) }),
    )));
  }
}
