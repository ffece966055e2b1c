// The summary charts, loaded on first use: vega, vega-lite and resvg are ~40 MB of a running
// bot's memory and most of a start's module loading, yet charts are drawn once a week.
import type { renderSummaryCharts as RenderSummaryCharts } from "./summary-charts.js";

let loaded: Promise<typeof RenderSummaryCharts> | undefined;

/** Same as summary-charts.ts' renderSummaryCharts; imports the chart stack the first time. */
export const renderSummaryCharts: typeof RenderSummaryCharts = async (...args) => {
  loaded ??= import("./summary-charts.js").then((module) => module.renderSummaryCharts);
  return (await loaded)(...args);
};
