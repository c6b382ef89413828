import type { DistrictAlertStats, DistrictSummary } from "../shared/contract";
import { districtName, districtNames } from "../shared/districts";
import { formatDecimal, formatDuration, formatInteger } from "../shared/format";
import { onLanguageChange, t } from "../shared/i18n";
import { levelColors, levelKey, levels } from "../shared/levels";
import { createChart, type EChartsType, type WallChartOption } from "./echarts-setup";
import { colourScaleMax, riskIndex } from "./risk-index";
import { registerWuhanMap, wuhanMapName } from "./wuhan-geo";

const seriesId = "districts";
const noDataColour = "#1c2a48";

interface RegionDatum {
  name: string;
  value: number | "-";
  district: DistrictSummary | null;
  itemStyle?: { borderColor?: string; borderWidth?: number; opacity?: number };
  label?: { fontSize: number; offset?: [number, number] };
}

// The six old-town districts (江岸 ... 青山) are small on the map: their labels are set smaller so
// they do not cover each other.
const coreDistricts = new Set(["420102", "420103", "420104", "420105", "420106", "420107"]);

// Smaller labels were not enough where the old town's districts meet at the rivers (江汉, 硚口, 汉阳, 武昌 ...): their
// region centres lie within a label's width of each other, so their labels are set in a ring around the meeting point,
// and 东西湖's is moved off 硚口's (stage pixels, checked on screenshots at 1920x1080 and 3840x2160).
const labelOffsets: ReadonlyMap<string, [number, number]> = new Map([
  ["420112", [-30, -18]], // 东西湖: its label sat on 硚口's
  ["420104", [-23, -15]], // 硚口: left and up
  ["420105", [-23, 16]], // 汉阳: left and down
  ["420103", [-7, -23]], // 江汉: up
  ["420102", [5, -20]], // 江岸: up and right
  ["420107", [28, 1]], // 青山: right
  ["420106", [30, 4]], // 武昌: right, clear of 洪山 below
]);

/** Map labels drop the 区 suffix (江岸区 -> 江岸), as is usual on maps of the city. */
function mapLabel(code: string): string {
  const name = districtName(code);
  return name.length > 2 && name.endsWith("区") ? name.slice(0, -1) : name;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The map of Wuhan's districts coloured by risk index. One ECharts instance for the page's life;
 * each update sends only the series data and the scale, under stable ids, so nothing is rebuilt.
 */
export class DistrictMap {
  private readonly chart: EChartsType;
  private districts: readonly DistrictSummary[] = [];
  private selected: string | null = null;
  // Mean response times by district code, for the tooltip; replaced whole on each stats refresh.
  private responseTimes: ReadonlyMap<string, DistrictAlertStats> = new Map();

  constructor(element: HTMLElement, stageScale: number, onSelect: (code: string) => void) {
    registerWuhanMap();
    this.chart = createChart(element, stageScale);
    this.chart.setOption(this.baseOption());
    // Registered once: a click on a region drills down; the handler gets the region's code.
    this.chart.on("click", (params) => {
      if (params.componentType === "series" && typeof params.name === "string") onSelect(params.name);
    });
    onLanguageChange(() => this.render());
    this.render();
  }

  update(districts: readonly DistrictSummary[], selected: string | null): void {
    this.districts = districts;
    this.selected = selected;
    this.render();
  }

  /** The response-time figures (null when they could not be read): the tooltip shows them as "—". */
  setResponseTimes(districts: readonly DistrictAlertStats[] | null): void {
    this.responseTimes = new Map((districts ?? []).map((d) => [d.district, d]));
  }

  private render(): void {
    const byCode = new Map(this.districts.map((d) => [d.code, d]));
    let highest = 0;
    const data: RegionDatum[] = districtNames.map(({ code }) => {
      const district = byCode.get(code) ?? null;
      const value = district ? riskIndex(district.counts, district.total) : "-";
      if (typeof value === "number") highest = Math.max(highest, value);
      const offset = labelOffsets.get(code);
      const label = { fontSize: coreDistricts.has(code) ? 12 : 17, ...(offset ? { offset } : {}) };
      const datum: RegionDatum = { name: code, value, district, label };
      if (this.selected === code) datum.itemStyle = { borderColor: "#ffffff", borderWidth: 3 };
      else if (this.selected !== null) datum.itemStyle = { opacity: 0.45 };
      return datum;
    });
    const max = colourScaleMax(highest);
    const option: WallChartOption = {
      visualMap: [{ id: "index", max, text: [formatInteger(max), "0"] }],
      series: [{ id: seriesId, type: "map", data }],
    };
    // Merge mode (the default): only what changed is sent; series and components keep their ids.
    this.chart.setOption(option, { lazyUpdate: true });
  }

  private baseOption(): WallChartOption {
    return {
      backgroundColor: "transparent",
      animationDurationUpdate: 600,
      tooltip: {
        trigger: "item",
        backgroundColor: "rgba(8, 18, 40, 0.94)",
        borderColor: "#2f7df6",
        textStyle: { color: "#e4ecff", fontSize: 16 },
        formatter: (params) => this.tooltip(params),
      },
      visualMap: [{
        id: "index",
        type: "continuous",
        min: 0,
        max: 50,
        left: 24,
        bottom: 16,
        itemHeight: 160,
        calculable: false,
        hoverLink: false,
        seriesIndex: 0,
        inRange: { color: [levelColors.blue, levelColors.yellow, levelColors.orange, levelColors.red] },
        textStyle: { color: "#b8c8ea", fontSize: 14 },
      }],
      series: [{
        id: seriesId,
        type: "map",
        map: wuhanMapName,
        nameProperty: "code",
        // Wuhan lies near 30.5°N: a degree of longitude is cos(30.5°) ≈ 0.86 of a degree of latitude.
        aspectScale: 0.86,
        layoutCenter: ["50%", "50%"],
        layoutSize: "96%",
        roam: false,
        selectedMode: false,
        itemStyle: { areaColor: noDataColour, borderColor: "#0b1733", borderWidth: 1.2 },
        label: {
          show: true,
          color: "#ffffff",
          fontSize: 15,
          textBorderColor: "#0b1733",
          textBorderWidth: 3,
          formatter: (params: { name: string }) => mapLabel(params.name),
        },
        emphasis: {
          label: { color: "#ffffff" },
          itemStyle: { areaColor: "#5fa0ff", borderColor: "#ffffff", borderWidth: 2 },
        },
        data: [],
      }],
    };
  }

  /** "平均认领 1分24秒 / 平均办结 22分"; "—" for a mean with nothing behind it yet. */
  private responseTimeLine(code: string): string {
    const stats = this.responseTimes.get(code);
    return t("wall.response.tooltip", {
      ack: formatDuration(stats?.meanSecondsToAcknowledge ?? null),
      resolve: formatDuration(stats?.meanSecondsToResolve ?? null),
    });
  }

  private tooltip(params: unknown): string {
    const p = params as { name?: string; data?: RegionDatum };
    const code = p.name ?? "";
    const district = p.data?.district ?? null;
    const title = `<b>${escapeHtml(districtName(code))}</b>`;
    if (!district) return `${title}<br>${escapeHtml(t("wall.map.noData"))}`;
    const colon = t("punct.colon");
    const lines = [...levels].reverse().map((level) =>
      `<span style="color:${levelColors[level]}">●</span> ${escapeHtml(t(levelKey(level)))}${colon}${formatInteger(district.counts[level])}`);
    return [
      title,
      `${escapeHtml(t("wall.kpi.total"))}${colon}${formatInteger(district.total)}`,
      `${escapeHtml(t("wall.map.index"))}${colon}${formatDecimal(riskIndex(district.counts, district.total))}`,
      ...lines,
      escapeHtml(this.responseTimeLine(code)),
      `<small>${escapeHtml(t("wall.map.clickHint"))}</small>`,
    ].join("<br>");
  }
}
