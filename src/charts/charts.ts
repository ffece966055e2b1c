// The charts the summary posts, as one call each: plain data in, PNG (and SVG) out.
import type { CultureRadarInput, KeptRateInput, PillarTrendInput } from "./chart-data.js";
import { cultureRadarSpec } from "./culture-radar-chart.js";
import { keptRateSpec } from "./kept-rate-chart.js";
import { pillarTrendSpec } from "./pillar-trend-chart.js";
import { renderChart, type RenderedChart, type RenderOptions } from "./render-chart.js";

export type { RenderedChart, RenderOptions } from "./render-chart.js";
export type * from "./chart-data.js";

/** Pillar scores over the last periods as lines on faint RAG bands; 800×450 CSS px at `scale` (default 2). */
export function renderPillarTrendChart(input: PillarTrendInput, options?: RenderOptions): Promise<RenderedChart> {
  return renderChart(pillarTrendSpec(input), options);
}

/** Kept-rate (observed) next to perceived reliability per organisation, as grouped horizontal bars. */
export function renderKeptRateChart(input: KeptRateInput, options?: RenderOptions): Promise<RenderedChart> {
  return renderChart(keptRateSpec(input), options);
}

/** Partner culture profiles overlaid as kites over the four Competing Values quadrants. */
export function renderCultureRadarChart(input: CultureRadarInput, options?: RenderOptions): Promise<RenderedChart> {
  return renderChart(cultureRadarSpec(input), options);
}
