// Pillar trends: one line per pillar over the last periods, on 0–100, over faint red/amber/green
// bands so a reader sees at once which pillars sit in which zone and where they are heading.
import type { TopLevelSpec } from "vega-lite";
import type { PillarTrendInput } from "./chart-data.js";
import { fittedLabelExpr, textWidth } from "./chart-text-metrics.js";
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  LEGEND_LABEL_MAX,
  legendColumns,
  PILLAR_COLOURS,
  RAG_COLOURS,
  vegaLiteConfig,
  chartFrame,
} from "./chart-theme.js";
import type { ChartSpec } from "./render-chart.js";

/** Room the y axis (labels and title) takes left of the plot, where the legend starts. */
const Y_AXIS_ALLOWANCE = 75;

/** Builds the Vega-Lite spec of the pillar trend chart (lines over RAG bands, legend below). */
export function pillarTrendSpec(input: PillarTrendInput, size = { width: CHART_WIDTH, height: CHART_HEIGHT }): ChartSpec {
  const labelOf = new Map(input.pillars.map((p) => [p.key, p.label]));
  const periods = new Set(input.periods);
  const values = input.points
    .filter((p) => labelOf.has(p.pillar) && periods.has(p.period))
    .map((p) => ({ period: p.period, pillar: labelOf.get(p.pillar), score: p.score }));
  const bands = [
    { from: 0, to: input.rag.amber, fill: RAG_COLOURS.red },
    { from: input.rag.amber, to: input.rag.green, fill: RAG_COLOURS.amber },
    { from: input.rag.green, to: 100, fill: RAG_COLOURS.green },
  ];
  const x = {
    field: "period",
    type: "ordinal" as const,
    sort: [...input.periods],
    scale: { domain: [...input.periods], padding: 0.3 },
    axis: { title: null, labelAngle: 0, grid: false },
  };
  const colour = {
    field: "pillar",
    type: "nominal" as const,
    scale: { domain: input.pillars.map((p) => p.label), range: input.pillars.map((p) => PILLAR_COLOURS[p.key]) },
    legend: {
      symbolType: "stroke",
      // Long (e.g. Dutch) pillar names wrap onto a second row instead of running off the image.
      labelExpr: fittedLabelExpr(
        input.pillars.map((p) => p.label),
        vegaLiteConfig.legend.labelFontSize,
        LEGEND_LABEL_MAX,
      ),
      columns: legendColumns(
        input.pillars.map((p) => Math.min(LEGEND_LABEL_MAX, textWidth(p.label, vegaLiteConfig.legend.labelFontSize))),
        size.width - 2 * vegaLiteConfig.padding - Y_AXIS_ALLOWANCE,
      ),
    },
  };
  const spec: TopLevelSpec = {
    ...chartFrame(input.title, size),
    config: { ...vegaLiteConfig, mark: { invalid: "break-paths-show-domains" } } as never,
    layer: [
      {
        data: { values: bands },
        mark: { type: "rect", opacity: 0.55 },
        encoding: {
          y: { field: "from", type: "quantitative", scale: { domain: [0, 100], nice: false } },
          y2: { field: "to" },
          fill: { field: "fill", type: "nominal", scale: null, legend: null },
        },
      },
      {
        data: { values },
        mark: { type: "line", strokeWidth: 3.5, point: { size: 70, filled: true } },
        encoding: {
          x,
          y: {
            field: "score",
            type: "quantitative",
            scale: { domain: [0, 100], nice: false },
            axis: { title: input.yAxisTitle, values: [0, 20, 40, 60, 80, 100], grid: true, gridOpacity: 0.6 },
          },
          color: colour,
        },
      },
    ],
  };
  return { vegaLite: spec };
}
