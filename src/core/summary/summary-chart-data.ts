/**
 * The series the chart engine draws, as plain long-format rows (one row per mark), with
 * translated labels: pillar trends over the last 8 periods, kept-rate vs partners' rating per
 * organisation, and the culture radar. No Vega here: src/charts turns these into specs.
 */
import { translator } from "../i18n/catalogue.js";
import type { Locale } from "../shared/refs.js";
import { formatPeriod } from "./summary-format.js";
import type { Pillar } from "../trust-health/pillars.js";
import { AMBER_THRESHOLD, GREEN_THRESHOLD, SERIES_LENGTH } from "../trust-health/trust-health-constants.js";
import type { CultureQuadrant, TrustHealthSummary } from "./summary-model.js";

/** One point of a pillar (or index) line; score null = a gap in the line. */
export interface TrendRow {
  series: Pillar | "index";
  seriesLabel: string;
  periodKey: string;
  period: string;
  /** 0 = oldest period shown. */
  order: number;
  score: number | null;
}

/** One bar: an organisation's observed kept-rate or its partners' rating, 0–100. */
export interface KeptRateRow {
  organizationId: string;
  organization: string;
  measure: "observed" | "perceived";
  measureLabel: string;
  value: number | null;
  /** True when the partners' rating was hidden for anonymity (draw no bar, say why). */
  hidden: boolean;
}

/** One radar spoke value for an organisation's profile. */
export interface RadarRow {
  organizationId: string;
  organization: string;
  quadrant: CultureQuadrant;
  quadrantLabel: string;
  profile: "now" | "preferred";
  profileLabel: string;
  value: number;
}

/** All chart data of a summary. */
export interface SummaryChartData {
  titles: { pillarTrends: string; keptRate: string; cultureRadar: string; scoreAxis: string };
  /** Where the RAG bands start, for background bands on the trend chart. */
  rag: { amber: number; green: number };
  /** Period labels of the trend chart, oldest first. */
  periods: string[];
  pillarTrends: TrendRow[];
  keptRateByOrganization: KeptRateRow[];
  /** Null when there are no (visible) culture profiles. */
  cultureRadar: RadarRow[] | null;
}

const QUADRANTS: readonly CultureQuadrant[] = ["clan", "adhocracy", "market", "hierarchy"];

/** Extracts the chart series from a summary, labelled in `locale`. */
export function summaryChartData(summary: TrustHealthSummary, locale: Locale): SummaryChartData {
  const t = translator(locale);
  const pillarTrends: TrendRow[] = [
    ...summary.pillars.flatMap((p) =>
      p.series.map((point, order) => ({
        series: p.pillar,
        seriesLabel: t(`trustHealth.pillar.${p.pillar}`),
        periodKey: point.periodKey,
        period: formatPeriod(point.periodKey, point.label, locale, "short"),
        order,
        score: point.score,
      })),
    ),
    ...summary.index.series.map((point, order) => ({
      series: "index" as const,
      seriesLabel: t("summary.index"),
      periodKey: point.periodKey,
      period: formatPeriod(point.periodKey, point.label, locale, "short"),
      order,
      score: point.score,
    })),
  ];

  const keptRateByOrganization = summary.organizations.flatMap((o): KeptRateRow[] => [
    {
      organizationId: o.organizationId,
      organization: o.name,
      measure: "observed",
      measureLabel: t("summary.chart.observed"),
      value: o.keptRate,
      hidden: false,
    },
    {
      organizationId: o.organizationId,
      organization: o.name,
      measure: "perceived",
      measureLabel: t("summary.chart.perceived"),
      value: o.perceivedReliability,
      hidden: o.perceivedHidden,
    },
  ]);

  const radar = (summary.cultureFit?.organizations ?? []).flatMap((o) =>
    (["now", "preferred"] as const).flatMap((profile): RadarRow[] => {
      const scores = o.hidden ? null : o[profile];
      if (!scores) return [];
      return QUADRANTS.map((quadrant) => ({
        organizationId: o.organizationId,
        organization: o.name,
        quadrant,
        quadrantLabel: t(`summary.quadrant.${quadrant}`),
        profile,
        profileLabel: t(`summary.chart.${profile}`),
        value: scores[quadrant],
      }));
    }),
  );

  return {
    titles: {
      pillarTrends: t("summary.chart.pillarTrends", { n: SERIES_LENGTH }),
      keptRate: t("summary.chart.keptRate"),
      cultureRadar: t("summary.chart.cultureRadar"),
      scoreAxis: t("summary.chart.scoreAxis"),
    },
    rag: { amber: AMBER_THRESHOLD, green: GREEN_THRESHOLD },
    periods: summary.index.series.map((point) => formatPeriod(point.periodKey, point.label, locale, "short")),
    pillarTrends,
    keptRateByOrganization,
    cultureRadar: radar.length > 0 ? radar : null,
  };
}
