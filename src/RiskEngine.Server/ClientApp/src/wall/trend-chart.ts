import type { MessageKey } from "../shared/dictionary";
import { formatTime } from "../shared/format";
import { onLanguageChange, t } from "../shared/i18n";
import { levelColors, levelKey } from "../shared/levels";
import { createChart, type EChartsType, type WallChartOption } from "./echarts-setup";
import type { TrendSample } from "./trend-buffer";

type SeriesId = "yellow" | "orange" | "red" | "signals";

// "Last hour" on the wall's title: the x axis is exactly this long.
const trendSpanMs = 3_600_000;

const series: ReadonlyArray<{ id: SeriesId; label: MessageKey; color: string; axis: 0 | 1 }> = [
  { id: "yellow", label: levelKey("yellow"), color: levelColors.yellow, axis: 0 },
  { id: "orange", label: levelKey("orange"), color: levelColors.orange, axis: 0 },
  { id: "red", label: levelKey("red"), color: levelColors.red, axis: 0 },
  { id: "signals", label: "wall.trend.signals", color: "#4fd1c5", axis: 1 },
];

/** Counts of yellow, orange and red subjects and signals per minute over the last hour. */
export class TrendChart {
  private readonly chart: EChartsType;
  private points: readonly TrendSample[] = [];

  constructor(element: HTMLElement, stageScale: number) {
    this.chart = createChart(element, stageScale);
    this.chart.setOption(this.baseOption());
    onLanguageChange(() => {
      this.chart.setOption({ series: series.map((s) => ({ id: s.id, name: t(s.label) })) });
      this.update(this.points);
    });
  }

  update(points: readonly TrendSample[]): void {
    this.points = points;
    // The axis always spans the hour up to the latest point: left to itself, ECharts stretched one point over two
    // days. A line needs two points, so until there are a few each point is drawn as a dot and the chart is not empty.
    const end = points[points.length - 1]?.at ?? Date.now();
    const option: WallChartOption = {
      xAxis: { min: end - trendSpanMs, max: end },
      series: series.map((s) => ({
        id: s.id,
        type: "line",
        showSymbol: points.length < 3,
        // The newest point sits on the axis' right end: unclipped, its dot shows whole.
        clip: false,
        data: points.map((p) => [p.at, s.id === "signals" ? p.signalsPerMinute : p[s.id]]),
      })),
    };
    this.chart.setOption(option, { lazyUpdate: true });
  }

  private baseOption(): WallChartOption {
    const axisText = { color: "#9fb3da", fontSize: 13 };
    const splitLine = { lineStyle: { color: "rgba(95, 160, 255, 0.12)" } };
    return {
      backgroundColor: "transparent",
      // Redrawing a whole hour every 10 s needs no animation; it only costs CPU on a wall PC.
      animation: false,
      grid: { left: 56, right: 64, top: 40, bottom: 28 },
      legend: { top: 4, right: 8, textStyle: { color: "#d8e3ff", fontSize: 13 }, itemWidth: 16, itemHeight: 8, itemGap: 8 },
      tooltip: {
        trigger: "axis",
        backgroundColor: "rgba(8, 18, 40, 0.94)",
        borderColor: "#2f7df6",
        textStyle: { color: "#e4ecff" },
      },
      xAxis: {
        type: "time",
        splitNumber: 4,
        axisLabel: { ...axisText, hideOverlap: true, formatter: (value: number) => formatTime(value).slice(0, 5) },
        axisLine: { lineStyle: { color: "#34518a" } },
        splitLine: { show: false },
      },
      yAxis: [
        { type: "value", min: 0, axisLabel: axisText, splitLine },
        { type: "value", min: 0, axisLabel: axisText, splitLine: { show: false } },
      ],
      series: series.map((s) => ({
        id: s.id,
        name: t(s.label),
        type: "line",
        yAxisIndex: s.axis,
        showSymbol: false,
        smooth: false,
        color: s.color,
        lineStyle: { width: s.id === "signals" ? 1.5 : 2.5, type: s.id === "signals" ? "dashed" : "solid" },
        data: [],
      })),
    };
  }
}
