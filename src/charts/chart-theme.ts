// One look for every chart, sized for reading in a chat client: charts are posted at 800×450 and
// rendered at 2× so they stay sharp on high-density screens; fonts are large because chat clients
// show images scaled down in the timeline.
import { CHART_FONT_FAMILY } from "./chart-fonts.js";
import type { PillarKey } from "./chart-data.js";
import { fitText, textWidth } from "./chart-text-metrics.js";

/** Default chart size in CSS pixels (the PNG is `scale` times larger). */
export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 450;

/** Colour-blind-safe palette (Okabe–Ito), one fixed colour per pillar. */
export const PILLAR_COLOURS: Record<PillarKey, string> = {
  reliability: "#0072B2",
  reciprocity: "#E69F00",
  transparency: "#009E73",
  clarity: "#CC79A7",
  trust: "#D55E00",
};

/** Colours for further series (organisations), in order. */
export const SERIES_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000"];

/** Widest legend label before it is cut with an ellipsis. */
export const LEGEND_LABEL_MAX = 360;

/** Faint RAG band fills for the background of score charts. */
export const RAG_COLOURS = { red: "#F4C7C3", amber: "#FCE8B2", green: "#C8E6C9" };

export const TEXT_COLOUR = "#222222";
export const MUTED_COLOUR = "#666666";
export const GRID_COLOUR = "#DDDDDD";

/** Vega-Lite `config` shared by the charts: explicit sizes everywhere, never vega's defaults. */
export const vegaLiteConfig = {
  font: CHART_FONT_FAMILY,
  background: "#FFFFFF",
  padding: 16,
  view: { stroke: null },
  title: { fontSize: 22, fontWeight: "bold", color: TEXT_COLOUR, anchor: "start", offset: 14 },
  axis: {
    labelFontSize: 15,
    titleFontSize: 15,
    titleFontWeight: "normal",
    labelColor: TEXT_COLOUR,
    titleColor: MUTED_COLOUR,
    gridColor: GRID_COLOUR,
    domainColor: "#999999",
    tickColor: "#999999",
    labelPadding: 6,
    titlePadding: 10,
    // No vega truncation: labels are cut by fittedLabelExpr (see chart-text-metrics.ts).
    labelLimit: 0,
  },
  legend: {
    labelFontSize: 15,
    titleFontSize: 15,
    labelColor: TEXT_COLOUR,
    symbolSize: 180,
    symbolStrokeWidth: 3,
    labelLimit: 0,
    rowPadding: 8,
    columnPadding: 18,
    orient: "bottom",
    direction: "horizontal",
    title: null,
  },
} as const;

/**
 * How many columns a bottom legend can have so its entries fit in `available` px: all in one row
 * when they fit, otherwise a grid (vega sizes each column to its widest entry).
 */
export function legendColumns(labelWidths: readonly number[], available: number): number {
  const entry = (w: number) => w + 21; // symbol + offset, as vega lays out a 15 px legend
  for (let columns = labelWidths.length; columns > 1; columns--) {
    let total = (columns - 1) * vegaLiteConfig.legend.columnPadding;
    for (let c = 0; c < columns; c++) {
      const inColumn = labelWidths.filter((_, i) => i % columns === c);
      total += entry(Math.max(...inColumn));
    }
    if (total <= available) return columns;
  }
  return 1;
}

/** Smallest title size before a title is cut with an ellipsis instead of shrunk further. */
const MIN_TITLE_SIZE = 16;

/**
 * The title at the largest size (22 down to 16) at which it fits on one line of a `width` px
 * chart, cut with an ellipsis if even 16 px is too wide: Dutch titles run long.
 */
export function fittedTitle(title: string, width: number): { text: string; fontSize: number } {
  const available = width - 2 * vegaLiteConfig.padding;
  let fontSize: number = vegaLiteConfig.title.fontSize;
  while (fontSize > MIN_TITLE_SIZE && textWidth(title, fontSize, true) > available) fontSize--;
  return { text: fitText(title, fontSize, available, true), fontSize };
}

/**
 * The frame every Vega-Lite chart shares: schema, fitted title and a fixed outer size (autosize
 * fit), so every chart posts at the same pixel size whatever its axes and legend need.
 */
export function chartFrame(title: string, size: { width: number; height: number }) {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: fittedTitle(title, size.width),
    width: size.width,
    height: size.height,
    autosize: { type: "fit", contains: "padding" },
  } as const;
}
