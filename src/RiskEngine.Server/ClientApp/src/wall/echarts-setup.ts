import { init, use, type ComposeOption, type EChartsType } from "echarts/core";
import { LineChart, MapChart, type LineSeriesOption, type MapSeriesOption } from "echarts/charts";
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

// Only what the wall draws, so the bundle stays small. The canvas renderer needs no inline script
// or eval, so it works under the server's Content-Security-Policy.
use([MapChart, LineChart, GridComponent, LegendComponent, TooltipComponent, VisualMapContinuousComponent, CanvasRenderer]);

export type WallChartOption = ComposeOption<
  | MapSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;

/**
 * One chart per element for the life of the page: later updates go through setOption, never a new
 * init. The stage is drawn at 1920x1080 and scaled by CSS, so the canvas is rendered at the scale
 * the screen shows it at to stay sharp on 4K walls.
 */
export function createChart(element: HTMLElement, stageScale: number): EChartsType {
  return init(element, undefined, {
    renderer: "canvas",
    devicePixelRatio: (window.devicePixelRatio || 1) * Math.max(1, stageScale),
  });
}

export type { EChartsType };
