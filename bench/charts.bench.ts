// Charts: the three summary charts from data to PNG (800×450 at 2×), and their two stages
// (vega layout to SVG, resvg rasterising). Baseline: rasterising an already laid-out SVG.
import { renderCultureRadarChart, renderKeptRateChart, renderPillarTrendChart } from "#charts/charts.js";
import { pillarTrendSpec } from "#charts/pillar-trend-chart.js";
import { renderSvg, svgToPng } from "#charts/render-chart.js";
import { cultureInput, keptInput, trendInput } from "../test/unit/charts/chart-fixtures.js";
import { measure, type Benchmark } from "./lib.js";

const benchmark: Benchmark = {
  title: "Charts: data → PNG (800×450 @2×), no browser",
  async run() {
    const svg = await renderSvg(pillarTrendSpec(trendInput));
    const iterations = 20;
    return [
      await measure("baseline: rasterise a laid-out SVG (resvg)", () => svgToPng(svg), { iterations }),
      await measure("pillar trend: layout to SVG (vega)", () => renderSvg(pillarTrendSpec(trendInput)), { iterations }),
      await measure("pillar trend: PNG", () => renderPillarTrendChart(trendInput), { iterations }),
      await measure("kept rate: PNG", () => renderKeptRateChart(keptInput), { iterations }),
      await measure("culture kite: PNG", () => renderCultureRadarChart(cultureInput), { iterations }),
      await measure(
        "all three charts of a summary",
        () => Promise.all([renderPillarTrendChart(trendInput), renderKeptRateChart(keptInput), renderCultureRadarChart(cultureInput)]),
        { iterations: 10 },
      ),
    ];
  },
};

export default benchmark;
