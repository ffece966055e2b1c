// The trust-health summary's three charts as PNGs: the summary's chart data (already translated)
// mapped onto the chart inputs, rendered, and described in a one-line alt text that doubles as
// the text fallback where images cannot show. Used by the weekly job and by `npm run demo`.
import { translator } from "#core/i18n/catalogue.js";
import type { Locale } from "#core/shared/refs.js";
import { summaryChartData, type SummaryChartData } from "#core/summary/summary-chart-data.js";
import type { TrustHealthSummary } from "#core/summary/summary-model.js";
import type { SummaryChartRef } from "#core/summary/summary-views.js";
import type { Pillar } from "#core/trust-health/pillars.js";
import type { CultureRadarInput, KeptRateInput, PillarKey, PillarTrendInput } from "./chart-data.js";
import { renderCultureRadarChart, renderKeptRateChart, renderPillarTrendChart, type RenderOptions } from "./charts.js";

/** A rendered summary chart: its reference for the view and its PNG. */
export interface SummaryChartImage extends SummaryChartRef {
  /** File name to attach or write it as, e.g. "pillar-trends.png". */
  filename: string;
  png: Buffer;
  width: number;
  height: number;
}

/** The charts speak of "clarity" where the summary says "clear_agreements". */
const PILLAR_KEY: Record<Pillar, PillarKey> = {
  reliability: "reliability",
  reciprocity: "reciprocity",
  transparency: "transparency",
  clear_agreements: "clarity",
  trust: "trust",
};

const whole = (n: number | null) => (n === null ? "–" : String(Math.round(n)));

/** The pillar-trend chart's input (the index line is left out: five lines are enough to read). */
export function pillarTrendInput(data: SummaryChartData): PillarTrendInput {
  const rows = data.pillarTrends.filter((r) => r.series !== "index");
  const pillars = [...new Map(rows.map((r) => [r.series as Pillar, r.seriesLabel])).entries()];
  return {
    title: data.titles.pillarTrends,
    periods: data.periods,
    pillars: pillars.map(([pillar, label]) => ({ key: PILLAR_KEY[pillar], label })),
    points: rows.map((r) => ({ period: r.period, pillar: PILLAR_KEY[r.series as Pillar], score: r.score })),
    rag: data.rag,
    yAxisTitle: data.titles.scoreAxis,
  };
}

/** The kept-rate chart's input: one row per organisation, observed and perceived side by side. */
export function keptRateInput(data: SummaryChartData): KeptRateInput {
  const byOrg = new Map<string, { organisation: string; observed: number | null; perceived: number | null }>();
  for (const row of data.keptRateByOrganization) {
    const entry = byOrg.get(row.organizationId) ?? { organisation: row.organization, observed: null, perceived: null };
    entry[row.measure] = row.value;
    byOrg.set(row.organizationId, entry);
  }
  const label = (measure: "observed" | "perceived") => data.keptRateByOrganization.find((r) => r.measure === measure)?.measureLabel ?? measure;
  return {
    title: data.titles.keptRate,
    rows: [...byOrg.values()],
    seriesLabels: { observed: label("observed"), perceived: label("perceived") },
    valueAxisTitle: data.titles.scoreAxis,
  };
}

/** The culture kite's input: each organisation's current profile; null without visible profiles. */
export function cultureRadarInput(data: SummaryChartData, locale: Locale): CultureRadarInput | null {
  const now = (data.cultureRadar ?? []).filter((r) => r.profile === "now");
  if (now.length === 0) return null;
  const t = translator(locale);
  const rows = new Map<string, CultureRadarInput["rows"][number]>();
  for (const r of now) {
    const row = rows.get(r.organizationId) ?? { organisation: r.organization, clan: 0, adhocracy: 0, market: 0, hierarchy: 0 };
    rows.set(r.organizationId, { ...row, [r.quadrant]: r.value });
  }
  // The catalogue's quadrant names are lower case for use inside sentences; a chart label starts a line.
  const quadrantLabel = (q: "clan" | "adhocracy" | "market" | "hierarchy") => {
    const label = now.find((r) => r.quadrant === q)?.quadrantLabel ?? q;
    return label.charAt(0).toLocaleUpperCase(locale) + label.slice(1);
  };
  return {
    title: `${data.titles.cultureRadar} — ${t("summary.chart.now")}`,
    rows: [...rows.values()],
    quadrantLabels: { clan: quadrantLabel("clan"), adhocracy: quadrantLabel("adhocracy"), market: quadrantLabel("market"), hierarchy: quadrantLabel("hierarchy") },
  };
}

/** Renders the summary's charts in `locale`: trends and kept-rate always, the kite when profiles exist. */
export async function renderSummaryCharts(summary: TrustHealthSummary, locale: Locale, options?: RenderOptions): Promise<SummaryChartImage[]> {
  const data = summaryChartData(summary, locale);
  const images: SummaryChartImage[] = [];

  const trend = pillarTrendInput(data);
  const latest = trend.pillars.map((p) => `${p.label} ${whole(trend.points.filter((pt) => pt.pillar === p.key).at(-1)?.score ?? null)}`);
  const trendPng = await renderPillarTrendChart(trend, options);
  images.push({ name: "pillar-trends", filename: "pillar-trends.png", altText: `${trend.title}: ${latest.join(", ")}`, ...pick(trendPng) });

  const kept = keptRateInput(data);
  const keptPng = await renderKeptRateChart(kept, options);
  const keptText = kept.rows.map((r) => `${r.organisation} ${whole(r.observed)}% / ${whole(r.perceived)}`);
  images.push({ name: "kept-rate", filename: "kept-rate.png", altText: `${kept.title}: ${keptText.join(", ")}`, ...pick(keptPng) });

  const culture = cultureRadarInput(data, locale);
  if (culture) {
    const culturePng = await renderCultureRadarChart(culture, options);
    const dominant = culture.rows.map((r) => {
      const top = (["clan", "adhocracy", "market", "hierarchy"] as const).reduce((a, b) => (r[b] > r[a] ? b : a));
      return `${r.organisation} ${culture.quadrantLabels[top]} ${whole(r[top])}`;
    });
    images.push({ name: "culture-radar", filename: "culture-radar.png", altText: `${culture.title}: ${dominant.join(", ")}`, ...pick(culturePng) });
  }
  return images;
}

function pick(chart: { png: Buffer; width: number; height: number }) {
  return { png: chart.png, width: chart.width, height: chart.height };
}
