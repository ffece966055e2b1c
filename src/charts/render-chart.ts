// Spec → SVG (vega, headless, no canvas) → PNG (resvg, no browser). Vega-Lite specs are compiled
// to Vega first; hand-written Vega specs (the culture kite) go straight in.
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { CHART_FONT_FAMILY, findChartFontFiles } from "./chart-fonts.js";
import { installTextMetrics } from "./chart-text-metrics.js";

/** A chart to render: a Vega-Lite spec or a plain Vega spec. */
export type ChartSpec = { vegaLite: TopLevelSpec } | { vega: vega.Spec };

/** A rendered chart. */
export interface RenderedChart {
  png: Buffer;
  svg: string;
  /** PNG size in pixels (CSS size × scale). */
  width: number;
  height: number;
}

/** Rendering options; `fontDirs` are searched before the system font directories. */
export interface RenderOptions {
  /** Pixel density of the PNG; 2 keeps text sharp on high-density screens. */
  scale?: number;
  fontDirs?: readonly string[];
}

let cachedFonts: { key: string; files: string[] } | undefined;

function fontFiles(dirs: readonly string[]): string[] {
  const key = dirs.join("\n");
  if (cachedFonts?.key !== key) cachedFonts = { key, files: findChartFontFiles(dirs) };
  return cachedFonts.files;
}

/** Renders `spec` to SVG with vega's SVG renderer (no DOM, no canvas). */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  installTextMetrics();
  const vegaSpec = "vegaLite" in spec ? compile(spec.vegaLite).spec : spec.vega;
  const view = new vega.View(vega.parse(vegaSpec), { renderer: "none", logLevel: vega.Error });
  try {
    return normaliseClipIds(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/**
 * Vega numbers clip paths from a process-wide counter, so the same chart would differ between
 * renders; renumbering them per document makes the SVG a pure function of the input.
 */
function normaliseClipIds(svg: string): string {
  const ids = new Map<string, string>();
  return svg.replace(/\bclip(\d+)\b/g, (_match, n: string) => {
    let id = ids.get(n);
    if (id === undefined) ids.set(n, (id = `clip${ids.size + 1}`));
    return id;
  });
}

/** Rasterises an SVG string to PNG with resvg, using only the chart font (no system scan). */
export function svgToPng(svg: string, options: RenderOptions = {}): { png: Buffer; width: number; height: number } {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: options.scale ?? 2 },
    background: "#FFFFFF",
    font: {
      loadSystemFonts: false, // scanning every system font costs ~100 ms per render
      fontFiles: fontFiles(options.fontDirs ?? []),
      defaultFontFamily: CHART_FONT_FAMILY,
      sansSerifFamily: CHART_FONT_FAMILY,
    },
    logLevel: "off",
  });
  const image = resvg.render();
  return { png: image.asPng(), width: image.width, height: image.height };
}

/** Renders a chart spec to SVG and PNG. */
export async function renderChart(spec: ChartSpec, options: RenderOptions = {}): Promise<RenderedChart> {
  const svg = await renderSvg(spec);
  return { svg, ...svgToPng(svg, options) };
}
