/**
 * Turns a TrustHealthSummary into translated, formatted texts and small tables. Markdown, Slack
 * Block Kit and Teams Adaptive Cards all render this presentation, so the three say the same.
 */
import { translator, type Translator } from "../i18n/catalogue.js";
import type { Locale } from "../shared/refs.js";
import type { Trend, Rag } from "../trust-health/rag-and-trend.js";
import { AMBER_THRESHOLD, GREEN_THRESHOLD, SERIES_LENGTH } from "../trust-health/trust-health-constants.js";
import { MIN_POINTS_FOR_CORRELATION } from "../trust-health/trust-health-constants.js";
import { cappedNote, formatCount, pluralCount, lopsidedNotes, partnersTable, reciprocityLines, talkSteps, verdictText } from "./present-partners.js";
import { cultureItems, cultureLines, eventStepText, eventText, hiddenNote, type CultureItem } from "./present-summary-sections.js";
import { formatDelta, formatPercent, formatPeriod, formatR, formatScore, formatShare, sparkline } from "./summary-format.js";
import type { PresentedTable } from "./presented-table.js";
import type { CultureFitHighlights, SummaryPillar, TrustHealthSummary } from "./summary-model.js";

export type { PresentedTable } from "./presented-table.js";

/** One pillar row with its RAG kept as data, so renderers can colour it. */
export interface PresentedPillar {
  pillar: SummaryPillar["pillar"];
  name: string;
  score: string;
  rag: Rag;
  status: string;
  trend: string;
  sparkline: string;
  basis: string;
}

/** The summary in words, ready for any renderer. */
export interface SummaryPresentation {
  locale: Locale;
  title: string;
  subtitle: string;
  /** `capped` says which partner verdict held the index below green. */
  index: { label: string; score: string; rag: Rag; status: string; trend: string; sparkline: string; capped: string | null };
  /** `verdict` names the partner; `notes` name lopsided give and take. */
  diagnosis: { heading: string; title: string; verdict: string; explanation: string; notes: string[]; uncertaintyNote: string };
  nextSteps: { heading: string; items: string[] };
  pillars: { heading: string; columns: string[]; items: PresentedPillar[] };
  /** Each organisation as giver and each direction: kept-rate, trust, partners' rating, gap, verdict. */
  reliability: { heading: string; table: PresentedTable };
  agreements: { heading: string; lines: string[] };
  sayVsDo: { heading: string; text: string; table: PresentedTable | null; note: string | null };
  events: { heading: string; items: Array<{ text: string; step: string }>; empty: string | null };
  /** `empty` says so when nobody was invited to a pulse round in the period (the table has no rows). */
  participation: { heading: string; overall: string | null; table: PresentedTable; empty: string | null };
  /** `items` nests each pair's flagged quadrants under it; `lines` is the same, flattened. */
  culture: { heading: string; lines: string[]; items: CultureItem[] } | null;
  hiddenNote: string | null;
  /** For chat: the colour scale and where to ask about the methods (no repository path). */
  footer: string;
  /** The methods note as a link after the footer, when the deployment has one (METHODS_URL). */
  methodsLink: { label: string; url: string } | null;
  /** For the Markdown export, which travels with the repository: the scale and the docs file. */
  exportFooter: string;
}

function trendText(trend: Trend, t: Translator, locale: Locale): string {
  const delta = trend.delta === null ? "" : formatDelta(trend.delta, locale);
  return t(`trustHealth.trend.${trend.direction}`, { delta });
}

function scoreText(score: number | null, t: Translator, locale: Locale): string {
  return score === null ? t("trustHealth.noData") : formatScore(score, locale);
}

function basisText(p: SummaryPillar, t: Translator, locale: Locale): string {
  const perceived = p.perceived === null ? null : formatScore(p.perceived, locale);
  if (p.score === null) return t("summary.basis.none");
  if (p.observed && perceived !== null && p.observedWeight > 0) {
    return t("summary.basis.blend", {
      observedShare: Math.round(p.observedWeight * 100),
      observed: formatScore(p.observed.value, locale),
      n: formatCount(p.observed.count, locale),
      perceivedShare: Math.round((1 - p.observedWeight) * 100),
      perceived,
    });
  }
  if (p.observed && perceived === null) {
    return t("summary.basis.observed", { observed: formatScore(p.observed.value, locale), n: formatCount(p.observed.count, locale) });
  }
  return t("summary.basis.perceived", { perceived: perceived ?? "" });
}

function sayVsDoSection(summary: TrustHealthSummary, t: Translator, locale: Locale): SummaryPresentation["sayVsDo"] {
  const s = summary.sayVsDo;
  const name = (p: string | null) => (p === null ? "" : t(`trustHealth.pillar.${p as SummaryPillar["pillar"]}`));
  const topShare = s.say?.shares[0]?.share;
  const mover = s.movements.find((m) => m.pillar === s.topMover);
  const text = t(`trustHealth.sayVsDo.${s.finding}`, {
    min: MIN_POINTS_FOR_CORRELATION,
    topSaid: name(s.topSaid),
    share: topShare === undefined ? "" : formatShare(topShare),
    topMover: name(s.topMover),
    r: mover?.r === null || mover?.r === undefined ? "" : formatR(mover.r, locale),
  });
  const rows = summary.pillars.map((p) => {
    const share = s.say?.shares.find((x) => x.pillar === p.pillar)?.share;
    const movement = s.movements.find((m) => m.pillar === p.pillar);
    const r = movement?.r;
    return [
      name(p.pillar),
      share === undefined ? "–" : formatShare(share),
      p.pillar === "trust" ? "" : r === null || r === undefined ? t("summary.correlationNone") : formatR(r, locale),
    ];
  });
  return {
    heading: t("summary.heading.sayVsDo"),
    text,
    table: s.say || s.movements.some((m) => m.r !== null)
      ? { columns: [t("summary.column.pillar"), t("summary.column.said"), t("summary.column.movesWithTrust")], rows }
      : null,
    note: s.say ? t("summary.pollRespondents", { n: s.say.respondents }) : null,
  };
}

function presentCulture(culture: CultureFitHighlights, k: number, t: Translator, locale: Locale): NonNullable<SummaryPresentation["culture"]> {
  const items = cultureItems(culture, k, t, locale);
  return { heading: t("summary.heading.culture"), lines: cultureLines(items), items };
}

/** The whole summary, translated and formatted for `locale`. */
export function presentSummary(summary: TrustHealthSummary, locale: Locale, options: { methodsUrl?: string | null } = {}): SummaryPresentation {
  const t = translator(locale);
  const thresholds = summary.diagnosis.thresholds;
  const fmt = (v: number | null) => scoreText(v, t, locale);
  const trustPillar = summary.pillars.find((p) => p.pillar === "trust");
  // "None … in week 47, 2026": the figures are per period, so "none yet" would be untrue.
  const period = formatPeriod(summary.period.key, summary.period.label, locale, "long");
  const scale = t("summary.footer", { green: GREEN_THRESHOLD, amber: AMBER_THRESHOLD });
  const participationRows = summary.organizations
    .filter((o) => o.participation && o.participation.rate !== null)
    .map((o) => [
      o.name,
      t("summary.participation", {
        invited: o.participation?.invited ?? 0,
        responded: o.participation?.responded ?? 0,
        rate: formatPercent(o.participation?.rate ?? 0, locale),
      }),
    ]);
  const participationOverall =
    summary.participation && summary.participation.rate !== null
      ? t("summary.participationOverall", { ...summary.participation, rate: formatPercent(summary.participation.rate, locale) })
      : null;

  return {
    locale,
    title: t("summary.title", { alliance: summary.alliance.name }),
    subtitle: t("summary.subtitle", {
      period,
      uncertainty: t(`trustHealth.uncertainty.${summary.alliance.uncertainty}`),
    }),
    index: {
      label: t("summary.index"),
      score: fmt(summary.index.score),
      rag: summary.index.rag,
      status: t(`trustHealth.rag.${summary.index.rag}`),
      trend: trendText(summary.index.trend, t, locale),
      sparkline: sparkline(summary.index.series),
      capped: cappedNote(summary, t),
    },
    diagnosis: {
      heading: t("summary.heading.diagnosis"),
      title: t(`trustHealth.diagnosis.${summary.diagnosis.diagnosis}.title`),
      verdict: verdictText(summary, summary.diagnosis, t, locale),
      explanation: t(`trustHealth.diagnosis.${summary.diagnosis.diagnosis}.explanation`),
      notes: lopsidedNotes(summary, t, locale),
      uncertaintyNote: t("trustHealth.uncertaintyNote", {
        level: t(`trustHealth.uncertainty.${thresholds.uncertainty}`),
        weight: trustPillar?.weight ?? 1,
        below: thresholds.trustLowBelow,
        fragile: thresholds.fragileRecordBelow,
      }),
    },
    nextSteps: { heading: t("summary.heading.nextSteps"), items: [...talkSteps(summary, t), ...summary.diagnosis.steps.map((key) => t(key))] },
    pillars: {
      heading: t("summary.heading.pillars"),
      columns: [
        t("summary.column.pillar"),
        t("summary.column.score"),
        t("summary.column.status"),
        t("summary.column.trend"),
        t("summary.column.series", { n: SERIES_LENGTH }),
        t("summary.column.basis"),
      ],
      items: summary.pillars.map((p) => ({
        pillar: p.pillar,
        name: t(`trustHealth.pillar.${p.pillar}`),
        score: fmt(p.score),
        rag: p.rag,
        status: t(`trustHealth.rag.${p.rag}`),
        trend: trendText(p.trend, t, locale),
        sparkline: sparkline(p.series),
        basis: basisText(p, t, locale),
      })),
    },
    reliability: { heading: t("summary.heading.partners"), table: partnersTable(summary, t, locale) },
    agreements: {
      heading: t("summary.heading.agreements"),
      lines: [
        summary.reciprocity.balance === null
          ? t("summary.reciprocityNone", { period })
          : t("summary.reciprocity", { balance: formatScore(summary.reciprocity.balance, locale), n: pluralCount(summary.reciprocity.exchanges) }),
        ...reciprocityLines(summary, t, locale),
        summary.clarity.share === null
          ? t("summary.clarityNone", { period })
          : t("summary.clarity", { share: formatPercent(summary.clarity.share, locale), n: pluralCount(summary.clarity.commitments) }),
      ],
    },
    sayVsDo: sayVsDoSection(summary, t, locale),
    events: {
      heading: t("summary.heading.events"),
      items: summary.events.map(({ event }) => ({
        text: eventText(summary, event, t, locale),
        step: eventStepText(event, t),
      })),
      empty: summary.events.length === 0 ? t("summary.noEvents") : null,
    },
    participation: {
      heading: t("summary.heading.participation"),
      overall: participationOverall,
      table: { columns: [t("summary.column.organization"), t("summary.column.participation")], rows: participationRows },
      empty: participationRows.length === 0 && participationOverall === null ? t("summary.participationNone", { period }) : null,
    },
    culture: summary.cultureFit ? presentCulture(summary.cultureFit, summary.alliance.anonymityThreshold, t, locale) : null,
    hiddenNote: hiddenNote(summary, t),
    footer: `${scale} ${t(options.methodsUrl ? "summary.footer.methodsLinked" : "summary.footer.methodsChat")}`,
    methodsLink: options.methodsUrl ? { label: t("summary.footer.methodsLink"), url: options.methodsUrl } : null,
    exportFooter: `${scale} ${t("summary.footer.methodsExport")}`,
  };
}
