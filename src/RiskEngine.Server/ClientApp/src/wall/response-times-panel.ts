import type { DistrictAlertStats } from "../shared/contract";
import { districtName } from "../shared/districts";
import { el, setAttr, setClass, setData, setText } from "../shared/dom";
import { formatDuration, formatInteger } from "../shared/format";
import { onLanguageChange, t } from "../shared/i18n";

// Wuhan has 13 districts; the panel never shows (or builds) more rows than that.
export const responseTimesRows = 13;

/** What the panel shows: `data-state` on its container. */
export type ResponseTimesState = "loading" | "ready" | "empty" | "error";

interface Row {
  row: HTMLTableRowElement;
  name: HTMLTableCellElement;
  open: HTMLTableCellElement;
  mtta: HTMLTableCellElement;
  mttr: HTMLTableCellElement;
}

/** Most open alerts first; among equals the slowest to acknowledge (none acknowledged yet last). */
export function orderResponseTimes(districts: readonly DistrictAlertStats[]): DistrictAlertStats[] {
  const mtta = (d: DistrictAlertStats): number => d.meanSecondsToAcknowledge ?? -1;
  return [...districts]
    .sort((a, b) => b.open - a.open || mtta(b) - mtta(a) || a.district.localeCompare(b.district))
    .slice(0, responseTimesRows);
}

function secondsAttribute(seconds: number | null): string {
  return seconds === null ? "" : String(seconds);
}

const rowData = ["district", "open", "mttaSeconds", "mttrSeconds"] as const;

/**
 * 处置时效 · Response times: per district, open alerts and the mean times to acknowledge and to
 * resolve. Its 13 rows are built once and rewritten in place; a row with no district is hidden and
 * loses its data attributes, so `tr[data-district]` counts only the districts shown.
 */
export class ResponseTimesPanel {
  private readonly rows: Row[] = [];
  private readonly note: HTMLElement;
  private districts: readonly DistrictAlertStats[] | null = null;
  private loaded = false;
  private selected: string | null = null;

  constructor(private readonly container: HTMLElement) {
    const table = container.querySelector("table") ?? container.appendChild(el("table"));
    const body = table.tBodies[0] ?? table.createTBody();
    for (let i = 0; i < responseTimesRows; i++) {
      const name = el("th", { attrs: { scope: "row" } });
      const open = el("td", { className: "number response-open" });
      const mtta = el("td", { className: "number" });
      const mttr = el("td", { className: "number" });
      const row = el("tr", {}, name, open, mtta, mttr);
      row.hidden = true;
      body.append(row);
      this.rows.push({ row, name, open, mtta, mttr });
    }
    this.note = container.querySelector<HTMLElement>('[data-field="response-note"]')
      ?? container.appendChild(el("p", { className: "response-note", attrs: { "data-field": "response-note" } }));
    onLanguageChange(() => this.render());
    this.render();
  }

  /** New figures, or null when they could not be read (the last ones are no longer shown). */
  update(districts: readonly DistrictAlertStats[] | null): void {
    if (districts !== null) this.loaded = true;
    this.districts = districts === null ? null : orderResponseTimes(districts);
    this.render();
  }

  /** The district the wall is drilled down to (its row is highlighted), or null for the city. */
  select(code: string | null): void {
    if (code === this.selected) return;
    this.selected = code;
    this.render();
  }

  private state(): ResponseTimesState {
    if (this.districts === null) return this.loaded ? "error" : "loading";
    return this.districts.length === 0 ? "empty" : "ready";
  }

  private render(): void {
    const state = this.state();
    setData(this.container, "state", state);
    const shown = state === "ready" ? this.districts ?? [] : [];
    this.rows.forEach((row, i) => this.fill(row, shown[i] ?? null));
    // loading and error: a muted dash (its title says why); empty: a short sentence.
    setText(this.note, state === "empty" ? t("wall.response.empty") : t("unit.none"));
    if (state === "error") setAttr(this.note, "title", t("wall.response.unavailable"));
    else this.note.removeAttribute("title");
    this.note.hidden = state === "ready";
  }

  private fill(row: Row, district: DistrictAlertStats | null): void {
    if (!district) {
      row.row.hidden = true;
      setClass(row.row, "");
      for (const name of rowData) delete row.row.dataset[name];
      row.row.removeAttribute("aria-current");
      return;
    }
    row.row.hidden = false;
    setData(row.row, "district", district.district);
    setData(row.row, "open", String(district.open));
    setData(row.row, "mttaSeconds", secondsAttribute(district.meanSecondsToAcknowledge));
    setData(row.row, "mttrSeconds", secondsAttribute(district.meanSecondsToResolve));
    const selected = district.district === this.selected;
    setClass(row.row, selected ? "is-selected" : "");
    if (selected) setAttr(row.row, "aria-current", "true");
    else row.row.removeAttribute("aria-current");
    setText(row.name, districtName(district.district));
    setText(row.open, formatInteger(district.open));
    setClass(row.open, district.open > 0 ? "number response-open has-open" : "number response-open");
    setText(row.mtta, formatDuration(district.meanSecondsToAcknowledge));
    setText(row.mttr, formatDuration(district.meanSecondsToResolve));
  }
}
