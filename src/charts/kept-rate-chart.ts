// Observed vs perceived reliability per organisation: two horizontal bars per organisation (what
// it actually kept, how partners rate it), with the value printed at the bar's end. Horizontal so
// long organisation names stay readable.
import type { TopLevelSpec } from "vega-lite";
import type { KeptRateInput } from "./chart-data.js";
import { fittedLabelExpr, textWidth } from "./chart-text-metrics.js";
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  LEGEND_LABEL_MAX,
  legendColumns,
  MUTED_COLOUR,
  TEXT_COLOUR,
  vegaLiteConfig,
  chartFrame,
} from "./chart-theme.js";
import type { ChartSpec } from "./render-chart.js";

const OBSERVED_COLOUR = "#0072B2";
const PERCEIVED_COLOUR = "#E69F00";
/** Shown at the bar's place when a value is hidden (anonymity) or missing; language-neutral. */
const MISSING = "–";
/** Organisation names: font size and the width after which they are cut with an ellipsis. */
const NAME_SIZE = 16;
const NAME_LIMIT = 260;

/** Builds the Vega-Lite spec of the kept-rate chart (observed vs perceived, per organisation). */
export function keptRateSpec(input: KeptRateInput, size = { width: CHART_WIDTH, height: CHART_HEIGHT }): ChartSpec {
  const { observed, perceived } = input.seriesLabels;
  // Kept-rate is a share (%); perceived reliability is a 0–100 score, so no % by default.
  const suffix = { observed: "%", perceived: "", ...input.valueSuffix };
  const values = input.rows.flatMap((row) => [
    { organisation: row.organisation, series: observed, value: row.observed },
    { organisation: row.organisation, series: perceived, value: row.perceived },
  ]).map((v) => ({
    ...v,
    // Bars need a number; a missing value draws no bar but keeps its label.
    bar: v.value ?? 0,
    label: v.value === null ? MISSING : `${Math.round(v.value)}${v.series === observed ? suffix.observed : suffix.perceived}`,
  }));
  const nameColumn =
    Math.min(NAME_LIMIT, Math.max(0, ...input.rows.map((r) => textWidth(r.organisation, NAME_SIZE)))) + 12;
  const y = {
    field: "organisation",
    type: "nominal",
    sort: input.rows.map((r) => r.organisation),
    axis: {
      title: null,
      labelFontSize: NAME_SIZE,
      ticks: false,
      domain: false,
      labelExpr: fittedLabelExpr(input.rows.map((r) => r.organisation), NAME_SIZE, NAME_LIMIT),
    },
    scale: { paddingInner: 0.3, paddingOuter: 0.15 },
  } as const;
  const yOffset = { field: "series", type: "nominal", sort: [observed, perceived] } as const;
  const spec: TopLevelSpec = {
    ...chartFrame(input.title, size),
    config: vegaLiteConfig as never,
    data: { values },
    encoding: { y, yOffset },
    layer: [
      {
        mark: { type: "bar", cornerRadiusEnd: 3 },
        encoding: {
          x: {
            field: "bar",
            type: "quantitative",
            // Room past 100 so a full bar's value label is not cut off at the edge.
            scale: { domain: [0, 112], nice: false },
            axis: { title: input.valueAxisTitle, values: [0, 25, 50, 75, 100], grid: true },
          },
          color: {
            field: "series",
            type: "nominal",
            scale: { domain: [observed, perceived], range: [OBSERVED_COLOUR, PERCEIVED_COLOUR] },
            legend: {
              symbolType: "square",
              labelExpr: fittedLabelExpr([observed, perceived], vegaLiteConfig.legend.labelFontSize, LEGEND_LABEL_MAX),
              columns: legendColumns(
                [observed, perceived].map((label) =>
                  Math.min(LEGEND_LABEL_MAX, textWidth(label, vegaLiteConfig.legend.labelFontSize)),
                ),
                // The legend starts under the plot, i.e. right of the organisation names.
                size.width - 2 * vegaLiteConfig.padding - nameColumn,
              ),
            },
          },
        },
      },
      {
        mark: { type: "text", align: "left", dx: 6, fontSize: 15, fontWeight: "bold" },
        encoding: {
          x: { field: "bar", type: "quantitative" },
          text: { field: "label" },
          color: { condition: { test: "datum.value === null", value: MUTED_COLOUR }, value: TEXT_COLOUR },
        },
      },
    ],
  };
  return { vegaLite: spec };
}
