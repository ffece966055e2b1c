// Culture-fit kite: each partner's Competing Values profile as a closed shape over the four
// quadrants, overlaid so differences show at a glance. Vega-Lite has no radar mark, so this is a
// plain Vega spec whose geometry we compute here: the quadrants sit on the diagonals (clan top
// left, adhocracy top right, market bottom right, hierarchy bottom left, as in the framework's
// usual picture), so a ring of equal value is an axis-aligned square.
import type { Spec } from "vega";
import type { CultureQuadrant, CultureRadarInput } from "./chart-data.js";
import { CHART_FONT_FAMILY } from "./chart-fonts.js";
import { fitText, textWidth } from "./chart-text-metrics.js";
import { CHART_HEIGHT, CHART_WIDTH, GRID_COLOUR, MUTED_COLOUR, SERIES_COLOURS, TEXT_COLOUR, fittedTitle } from "./chart-theme.js";
import type { ChartSpec } from "./render-chart.js";

const PAD = 16;
const LABEL_SIZE = 16;
const LEGEND_SIZE = 15;
const CAPTION_SIZE = 14;
/** Widest organisation name in the legend before it is cut with an ellipsis. */
const LEGEND_NAME_MAX = 260;

/** Unit direction of each quadrant's diagonal (screen y grows downwards). */
const DIRECTION: Record<CultureQuadrant, { dx: number; dy: number }> = {
  clan: { dx: -1, dy: -1 },
  adhocracy: { dx: 1, dy: -1 },
  market: { dx: 1, dy: 1 },
  hierarchy: { dx: -1, dy: 1 },
};
const ORDER: readonly CultureQuadrant[] = ["clan", "adhocracy", "market", "hierarchy"];

/** The outer ring: the largest value rounded up to 10, at least 40 so flat profiles stay small. */
export function kiteMaximum(input: CultureRadarInput): number {
  const largest = Math.max(0, ...input.rows.flatMap((r) => ORDER.map((q) => r[q])));
  return Math.max(40, Math.ceil(largest / 10) * 10);
}

/** Builds the Vega spec of the culture-fit kite (profiles overlaid, legend on the right). */
export function cultureRadarSpec(input: CultureRadarInput, size = { width: CHART_WIDTH, height: CHART_HEIGHT }): ChartSpec {
  const max = kiteMaximum(input);
  const colours = input.rows.map((_, i) => SERIES_COLOURS[i % SERIES_COLOURS.length] as string);
  const names = input.rows.map((r) => fitText(r.organisation, LEGEND_SIZE, LEGEND_NAME_MAX));
  const legendWidth = Math.max(0, ...names.map((name) => textWidth(name, LEGEND_SIZE))) + 34;
  const title = fittedTitle(input.title, size.width);
  const top = PAD + title.fontSize + 20 + (input.axisLabels ? CAPTION_SIZE + 8 : 0);
  const bottom = size.height - PAD - (input.axisLabels ? CAPTION_SIZE + 8 : 0);
  // Left and right of the square: the quadrant names at the corners and the internal/external
  // captions need room, measured with the same metrics vega lays out with.
  const sideText = [
    ...ORDER.map((q) => textWidth(input.quadrantLabels[q], LABEL_SIZE, true)),
    ...(input.axisLabels ? [input.axisLabels.internal, input.axisLabels.external].map((t) => textWidth(t, CAPTION_SIZE)) : []),
  ];
  const side = Math.ceil(Math.max(...sideText)) + 12;
  const GAP = 24; // between the kite's right-hand labels and the legend
  const half = Math.floor(Math.min((bottom - top) / 2, (size.width - 2 * PAD - legendWidth - GAP - 2 * side) / 2));
  // Centre the kite-plus-legend block in whatever room is left over.
  const blockWidth = 2 * side + 2 * half + GAP + legendWidth;
  const left = PAD + Math.max(0, Math.floor((size.width - 2 * PAD - blockWidth) / 2));
  const cx = left + side + half;
  const cy = Math.round((top + bottom) / 2);
  const legendLeft = cx + half + side + GAP;
  const at = (q: CultureQuadrant, value: number) => ({
    x: cx + DIRECTION[q].dx * (value / max) * half,
    y: cy + DIRECTION[q].dy * (value / max) * half,
  });

  const rings = [];
  for (let v = 10; v <= max; v += 10) {
    const h = (v / max) * half;
    rings.push({ x: cx - h, x2: cx + h, y: cy - h, y2: cy + h, label: String(v), outer: v === max });
  }
  const diagonals = ORDER.map((q) => ({ x: cx, y: cy, x2: at(q, max).x, y2: at(q, max).y }));
  const quadrantLabels = ORDER.map((q) => ({
    text: input.quadrantLabels[q],
    x: at(q, max).x + DIRECTION[q].dx * 6,
    y: at(q, max).y + DIRECTION[q].dy * 6,
    align: DIRECTION[q].dx < 0 ? "right" : "left",
    baseline: DIRECTION[q].dy < 0 ? "bottom" : "top",
  }));
  const shapes = input.rows.flatMap((row, i) =>
    ORDER.map((q, order) => ({ organisation: row.organisation, order, ...at(q, row[q]), colour: colours[i] })),
  );
  const legend = input.rows.map((_, i) => ({
    text: names[i],
    colour: colours[i],
    x: legendLeft,
    y: cy - ((input.rows.length - 1) * 28) / 2 + i * 28,
  }));
  const captions = input.axisLabels
    ? [
        { text: input.axisLabels.flexibility, x: cx, y: cy - half - 8, align: "center", baseline: "bottom" },
        { text: input.axisLabels.stability, x: cx, y: cy + half + 8, align: "center", baseline: "top" },
        { text: input.axisLabels.internal, x: cx - half - 8, y: cy, align: "right", baseline: "middle" },
        { text: input.axisLabels.external, x: cx + half + 8, y: cy, align: "left", baseline: "middle" },
      ]
    : [];

  const text = (fontSize: number, fill: string, weight: "normal" | "bold" = "normal") => ({
    font: { value: CHART_FONT_FAMILY },
    fontSize: { value: fontSize },
    fontWeight: { value: weight },
    fill: { value: fill },
  });
  const spec: Spec = {
    $schema: "https://vega.github.io/schema/vega/v6.json",
    width: size.width,
    height: size.height,
    padding: 0,
    autosize: "none",
    background: "#FFFFFF",
    data: [
      { name: "rings", values: rings },
      { name: "diagonals", values: diagonals },
      { name: "quadrants", values: quadrantLabels },
      { name: "shapes", values: shapes },
      { name: "legend", values: legend },
      { name: "captions", values: captions },
    ],
    marks: [
      {
        type: "rect",
        from: { data: "rings" },
        encode: {
          enter: {
            x: { field: "x" }, x2: { field: "x2" }, y: { field: "y" }, y2: { field: "y2" },
            fill: { value: "transparent" },
            stroke: [{ test: "datum.outer", value: "#AAAAAA" }, { value: GRID_COLOUR }],
            strokeWidth: { value: 1 },
          },
        },
      },
      {
        type: "rule",
        from: { data: "diagonals" },
        encode: {
          enter: {
            x: { field: "x" }, y: { field: "y" }, x2: { field: "x2" }, y2: { field: "y2" },
            stroke: { value: GRID_COLOUR }, strokeWidth: { value: 1 },
          },
        },
      },
      {
        type: "text",
        from: { data: "rings" },
        encode: {
          enter: {
            x: { signal: `${cx} + 4` }, y: { field: "y" }, text: { field: "label" },
            align: { value: "left" }, baseline: { value: "top" }, ...text(12, MUTED_COLOUR),
          },
        },
      },
      {
        type: "group",
        from: { facet: { name: "shape", data: "shapes", groupby: "organisation" } },
        marks: [
          {
            type: "line",
            from: { data: "shape" },
            sort: { field: "datum.order" },
            encode: {
              enter: {
                x: { field: "x" }, y: { field: "y" },
                interpolate: { value: "linear-closed" },
                stroke: { field: "colour" }, strokeWidth: { value: 3 },
                fill: { field: "colour" }, fillOpacity: { value: 0.1 },
              },
            },
          },
          {
            type: "symbol",
            from: { data: "shape" },
            encode: { enter: { x: { field: "x" }, y: { field: "y" }, size: { value: 60 }, fill: { field: "colour" } } },
          },
        ],
      },
      {
        type: "text",
        from: { data: "quadrants" },
        encode: {
          enter: {
            x: { field: "x" }, y: { field: "y" }, text: { field: "text" },
            align: { field: "align" }, baseline: { field: "baseline" }, ...text(LABEL_SIZE, TEXT_COLOUR, "bold"),
          },
        },
      },
      {
        type: "text",
        from: { data: "captions" },
        encode: {
          enter: {
            x: { field: "x" }, y: { field: "y" }, text: { field: "text" },
            align: { field: "align" }, baseline: { field: "baseline" }, ...text(CAPTION_SIZE, MUTED_COLOUR),
          },
        },
      },
      {
        type: "symbol",
        from: { data: "legend" },
        encode: {
          enter: {
            x: { signal: "datum.x + 8" }, y: { field: "y" }, shape: { value: "square" },
            size: { value: 200 }, fill: { field: "colour" },
          },
        },
      },
      {
        type: "text",
        from: { data: "legend" },
        encode: {
          enter: {
            x: { signal: "datum.x + 24" }, y: { field: "y" }, text: { field: "text" },
            baseline: { value: "middle" }, ...text(LEGEND_SIZE, TEXT_COLOUR),
          },
        },
      },
      {
        type: "text",
        encode: {
          enter: {
            x: { value: PAD }, y: { value: PAD }, text: { value: title.text },
            baseline: { value: "top" }, ...text(title.fontSize, TEXT_COLOUR, "bold"),
          },
        },
      },
    ],
  };
  return { vega: spec };
}
