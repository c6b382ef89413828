import type { DistrictSummary } from "../shared/contract";
import { districtName } from "../shared/districts";
import { el, setData, setText } from "../shared/dom";
import { onLanguageChange } from "../shared/i18n";
import { levels } from "../shared/levels";
import { riskIndex } from "./risk-index";

interface Row {
  row: HTMLTableRowElement;
  name: HTMLTableCellElement;
  cells: HTMLTableCellElement[];
  index: HTMLTableCellElement;
}

/**
 * The map's numbers as a visually hidden table, for screen readers and tests: one row per district,
 * `data-district`, `data-blue|yellow|orange|red` (subject counts) and `data-index` (one decimal).
 * Rows are keyed by district code (13 at most) and updated in place.
 */
export class DistrictTable {
  private readonly rows = new Map<string, Row>();
  private districts: readonly DistrictSummary[] = [];

  constructor(private readonly body: HTMLTableSectionElement) {
    onLanguageChange(() => this.update(this.districts));
  }

  update(districts: readonly DistrictSummary[]): void {
    this.districts = districts;
    const wanted = new Set(districts.map((d) => d.code));
    for (const [code, row] of this.rows) {
      if (!wanted.has(code)) {
        row.row.remove();
        this.rows.delete(code);
      }
    }
    const ordered = [...districts].sort((a, b) => a.code.localeCompare(b.code));
    for (const district of ordered) {
      const row = this.rows.get(district.code) ?? this.create(district.code);
      const index = riskIndex(district.counts, district.total).toFixed(1);
      setData(row.row, "district", district.code);
      for (const level of levels) setData(row.row, level, String(district.counts[level]));
      setData(row.row, "index", index);
      setText(row.name, districtName(district.code));
      levels.forEach((level, i) => {
        const cell = row.cells[i];
        if (cell) setText(cell, String(district.counts[level]));
      });
      setText(row.index, index);
    }
  }

  private create(code: string): Row {
    const name = el("th", { attrs: { scope: "row" } });
    const cells = levels.map(() => el("td"));
    const index = el("td");
    const row = el("tr", {}, name, ...cells, index);
    // Rows are kept in code order: insert before the first row with a larger code.
    const after = [...this.rows.entries()].filter(([other]) => other > code).sort(([a], [b]) => a.localeCompare(b))[0];
    this.body.insertBefore(row, after ? after[1].row : null);
    const created = { row, name, cells, index };
    this.rows.set(code, created);
    return created;
  }
}
