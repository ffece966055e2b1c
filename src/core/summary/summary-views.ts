/**
 * The view the platforms render for a trust-health summary: the content model plus its
 * presentation in the reader's language, and the chart images when the chart engine made them.
 */
import type { Locale } from "../shared/refs.js";
import { presentSummary, type SummaryPresentation } from "./present-summary.js";
import type { TrustHealthSummary } from "./summary-model.js";
import type { OnDemandPresentation } from "./present-on-demand.js";

/** A chart image attached to the summary (PNG bytes are handled outside the core). */
export interface SummaryChartRef {
  /** e.g. "pillar-trends", "kept-rate", "culture-radar". */
  name: string;
  /** Already translated; also the text fallback where images cannot show. */
  altText: string;
}

/** Slack and Teams render this as Block Kit / Adaptive Card. */
export interface SummaryView {
  kind: "trust_health_summary";
  locale: Locale;
  summary: TrustHealthSummary;
  presentation: SummaryPresentation;
  charts: SummaryChartRef[];
  /** On demand only: the period so far, and what will appear when the reported period is empty. */
  onDemand?: OnDemandPresentation | undefined;
}

/** Builds the view for `locale`; `methodsUrl` is where the footer links to the methods note. */
export function summaryView(summary: TrustHealthSummary, locale: Locale, charts: SummaryChartRef[] = [], methodsUrl: string | null = null): SummaryView {
  return { kind: "trust_health_summary", locale, summary, presentation: presentSummary(summary, locale, { methodsUrl }), charts };
}
