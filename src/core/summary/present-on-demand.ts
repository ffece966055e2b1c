/**
 * What an on-demand summary (`/trust health`, Teams `health`, App Home) adds to the weekly one.
 * The summary reports the last COMPLETE period (summary-service.ts), so right after an agreement
 * is kept, or on the day an alliance is set up, it says nothing happened. On demand the reader
 * also sees the period so far, and when the complete period holds no figures at all, a note that
 * says what will appear and when instead of a page of "no data", dashes and empty sparklines.
 * The weekly post does not carry this (its period has just ended).
 */
import { formatUpcoming } from "../i18n/format-when.js";
import { translator } from "../i18n/catalogue.js";
import type { PulseParticipation } from "../pulse/pulse-figures.js";
import type { Locale } from "../shared/refs.js";
import { formatPeriod } from "./summary-format.js";
import type { TrustHealthSummary } from "./summary-model.js";

/** The current, unfinished period's own counts up to now. */
export interface PeriodSoFar {
  periodKey: string;
  /** Start of the period (local midnight of its first day). */
  since: Date;
  /** Agreements logged, reported kept (on time or late) and broken in the period; open ones now overdue. */
  made: number;
  kept: number;
  broken: number;
  overdue: number;
  /** The pulse rounds opened in the period so far (nobody invited: no round yet). */
  pulse: PulseParticipation;
  nextPulse: Date;
  nextSummary: Date;
}

/** The on-demand additions, in words. */
export interface OnDemandPresentation {
  soFar: { heading: string; lines: string[] };
  /** Set when the reported period has no figures: the renderers show this instead of the summary body. */
  pending: { heading: string; lines: string[] } | null;
}

/**
 * True when the reported period has nothing to show: no index, no pillar score, no event, no
 * agreement logged or kept, and no pulse round (an alliance set up this week, or a silent one).
 */
export function summaryIsEmpty(summary: TrustHealthSummary): boolean {
  return (
    summary.index.score === null &&
    summary.pillars.every((p) => p.score === null) &&
    summary.events.length === 0 &&
    summary.clarity.commitments === 0 &&
    summary.reciprocity.exchanges === 0 &&
    (summary.participation?.invited ?? 0) === 0
  );
}

/** The so-far section and, for an empty reported period, the note of what will appear and when. */
export function presentOnDemand(summary: TrustHealthSummary, soFar: PeriodSoFar, locale: Locale, timeZone: string): OnDemandPresentation {
  const t = translator(locale);
  const tag = locale === "nl" ? "nl-NL" : "en-GB";
  const since = new Intl.DateTimeFormat(tag, { timeZone, weekday: "long", day: "numeric", month: "long" }).format(soFar.since);
  const current = formatPeriod(soFar.periodKey, soFar.periodKey, locale, "long");
  const nextSummary = formatUpcoming(soFar.nextSummary, locale, timeZone);
  const pulse =
    soFar.pulse.invited === 0
      ? t("summary.soFar.pulseNone", { when: formatUpcoming(soFar.nextPulse, locale, timeZone) })
      : t("summary.soFar.pulse", { completed: soFar.pulse.completed, invited: soFar.pulse.invited });
  return {
    soFar: {
      heading: t("summary.soFar.heading", { period: current, since }),
      lines: [
        t("summary.soFar.agreements", { made: soFar.made, kept: soFar.kept, broken: soFar.broken, overdue: soFar.overdue }),
        pulse,
        t("summary.soFar.counts", { when: nextSummary }),
      ],
    },
    pending: summaryIsEmpty(summary)
      ? {
          heading: t("summary.pending.heading", { period: formatPeriod(summary.period.key, summary.period.label, locale, "long") }),
          lines: [t("summary.pending.what"), t("summary.pending.when", { when: nextSummary })],
        }
      : null,
  };
}
