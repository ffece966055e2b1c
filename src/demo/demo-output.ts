// Writes a trust-health summary as the steering committee would get it: Markdown in the chosen
// language plus the chart PNGs, linked from the Markdown so a Markdown viewer shows them inline.
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { renderSummaryCharts, type SummaryChartImage } from "#charts/summary-charts.js";
import type { Locale } from "#core/shared/refs.js";
import { renderSummaryMarkdown } from "#core/summary/render-summary-markdown.js";
import type { TrustHealthSummary } from "#core/summary/summary-model.js";

/** What was written. */
export interface WrittenSummary {
  markdownPath: string;
  charts: Array<Pick<SummaryChartImage, "name" | "altText" | "width" | "height"> & { path: string }>;
  /** Why no charts were drawn (e.g. the chart font is missing), or null. */
  chartProblem: string | null;
}

/** Renders `summary` in `locale` into `dir` (emptied first): summary.md and one PNG per chart. */
export async function writeSummaryFolder(
  summary: TrustHealthSummary,
  locale: Locale,
  dir: string,
  options: { fontDirs?: readonly string[] } = {},
): Promise<WrittenSummary> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  let images: SummaryChartImage[] = [];
  let chartProblem: string | null = null;
  try {
    images = await renderSummaryCharts(summary, locale, options.fontDirs ? { fontDirs: options.fontDirs } : {});
  } catch (error) {
    // The Markdown is the main output; a machine without the chart font still gets it.
    chartProblem = error instanceof Error ? error.message : String(error);
  }
  const charts = await Promise.all(
    images.map(async (image) => {
      const file = path.join(dir, image.filename);
      await writeFile(file, image.png);
      return { name: image.name, altText: image.altText, width: image.width, height: image.height, path: file };
    }),
  );
  const markdown = [
    renderSummaryMarkdown(summary, locale).trimEnd(),
    "",
    ...images.flatMap((image) => [`![${image.altText.replace(/[[\]]/g, "")}](${image.filename})`, ""]),
  ].join("\n");
  const markdownPath = path.join(dir, "summary.md");
  await writeFile(markdownPath, markdown, "utf8");
  return { markdownPath, charts, chartProblem };
}
