/**
 * The poll message as a platform-neutral view: Slack (Block Kit) and Teams (Adaptive Cards) both
 * render a PollView. Every text is already translated; numbers stay numbers so platforms can draw bars.
 */
import { translator, type Translator } from "../i18n/catalogue.js";
import type { Locale } from "../shared/refs.js";
import { acceptsVotes, type Poll, type PollMode, type PollStatus, type PollVisibility } from "./poll.js";
import { nextRecurrence } from "./poll-recurrence-match.js";
import { describeRecurrence } from "./poll-recurrence-text.js";
import type { PollResults } from "./poll-service-types.js";
import type { OptionCount } from "./poll-tally.js";

/** One option line. Figures are null when hidden from this viewer. */
export interface PollOptionView {
  optionId: string;
  label: string;
  count: number | null;
  /** Whole percent of voters; null when hidden. */
  percent: number | null;
  /** e.g. "7 · 58%"; null when hidden. */
  figureText: string | null;
  /** 0–1, the share of voters; null when hidden. */
  barRatio: number | null;
}

/** One organisation's row of the breakdown. */
export interface PollBreakdownRowView {
  organizationId: string;
  name: string;
  voters: number;
  votersText: string;
  options: PollOptionView[];
}

/** The poll message. */
export interface PollView {
  kind: "poll";
  pollId: string;
  locale: Locale;
  question: string;
  status: PollStatus;
  /** Votes are taken now (buttons enabled). */
  acceptsVotes: boolean;
  mode: PollMode;
  maxChoices: number;
  anonymous: boolean;
  visibility: PollVisibility;
  /** Short translated chips: "Anonymous", "Choose up to 2", "Results after close", … */
  flags: string[];
  /** "Choose one" / "Choose up to 3" / "This poll is closed". */
  voteHint: string;
  options: PollOptionView[];
  /** Why figures are not shown, or null when they are. */
  resultsHiddenText: string | null;
  totalVoters: number;
  totalVotersText: string;
  /** Per-organisation rows, or null when there is nothing to show (no figures, or a single organisation). */
  breakdown: { title: string; rows: PollBreakdownRowView[]; hiddenText: string | null } | null;
  closesAt: Date | null;
  /** "Open · closes 5 Dec 2026, 17:00" / "Closed 5 Dec 2026, 17:00" / "Open". */
  statusText: string;
  /** What anonymity means here; null for named polls. */
  anonymityNote: string | null;
  /** "Repeats every Monday at 09:00. Next poll: 7 Dec 2026, 09:00."; null for a one-off poll. */
  recurrenceText: string | null;
}

/** Builds the view of `results` in `locale`, with dates in the alliance's `timeZone`. */
export function buildPollView(results: PollResults, options: { locale: Locale; timeZone: string; now: Date }): PollView {
  const t = translator(options.locale);
  const { poll, tally } = results;
  const figures = tally !== null && tally.overallPublished ? tally.options : null;
  const when = (at: Date) => formatDateTime(at, options.locale, options.timeZone);
  const open = acceptsVotes(poll, options.now);

  // While the poll is open the vote hint ("Choose one option.") says how many may be chosen, on
  // the same line: the flag would say it twice. A closed poll keeps it, as how the votes were cast.
  const flags = [
    poll.anonymous ? t("polls.flag.anonymous") : t("polls.flag.named"),
    ...(open ? [] : [poll.mode === "multiple" ? t("polls.flag.multiple", { max: poll.maxChoices }) : t("polls.flag.single")]),
    t(`polls.flag.visibility.${poll.visibility}`),
  ];
  if (poll.recurrence !== null) flags.push(t("polls.flag.recurring"));

  let resultsHiddenText: string | null = null;
  if (results.hiddenReason === "after_close") resultsHiddenText = t("polls.hidden.afterClose");
  else if (results.hiddenReason === "steering_only") resultsHiddenText = t("polls.hidden.steeringOnly");
  else if (tally !== null && !tally.overallPublished) resultsHiddenText = t("polls.hidden.tooFewVoters", { k: tally.k });
  else if (tally !== null && results.figuresAsOf !== null && results.figuresAsOf !== results.totalVoters) {
    resultsHiddenText = t("polls.hidden.stepped", { count: results.figuresAsOf, k: tally.k });
  }

  return {
    kind: "poll",
    pollId: poll.id,
    locale: options.locale,
    question: poll.question,
    status: poll.status,
    acceptsVotes: open,
    mode: poll.mode,
    maxChoices: poll.maxChoices,
    anonymous: poll.anonymous,
    visibility: poll.visibility,
    flags,
    voteHint: !open
      ? t("polls.hint.closed")
      : poll.mode === "single"
        ? t("polls.hint.single")
        : t("polls.hint.multiple", { max: poll.maxChoices }),
    options: poll.options.map((option) => optionView(t, option.id, option.label, figures?.find((f) => f.optionId === option.id))),
    resultsHiddenText,
    totalVoters: results.totalVoters,
    totalVotersText: t("polls.voters", { count: results.totalVoters }),
    breakdown: breakdownView(t, results),
    closesAt: poll.closesAt,
    statusText:
      poll.status === "closed"
        ? t("polls.status.closed", { at: when(poll.closedAt ?? poll.closesAt ?? options.now) })
        : poll.closesAt === null
          ? t("polls.status.open")
          : open
            ? t("polls.status.openUntil", { at: when(poll.closesAt) })
            : t("polls.status.closing"),
    anonymityNote: poll.anonymous ? t(poll.status === "open" ? "polls.note.anonymousOpen" : "polls.note.anonymous", { k: tally?.k ?? 5 }) : null,
    recurrenceText: recurrenceLine(poll.recurrence, options),
  };
}

/** The rule in words and the next run, for the poll message; null for a one-off poll. */
function recurrenceLine(rule: string | null, options: { locale: Locale; timeZone: string; now: Date }): string | null {
  if (rule === null) return null;
  const t = translator(options.locale);
  const words = describeRecurrence(rule, options.locale) ?? rule;
  const next = nextRecurrence(rule, options.now, options.timeZone);
  return next ? t("polls.recurrence.line", { rule: words, next: formatDateTime(next, options.locale, options.timeZone) }) : t("polls.recurrence.lineNoNext", { rule: words });
}

/**
 * What the creator of a recurring poll is told after it is posted: the rule in words, in which
 * zone, and when the next run appears; null for a one-off poll (the posted poll says enough).
 */
export function buildRecurrenceConfirmation(poll: Pick<Poll, "recurrence">, options: { locale: Locale; timeZone: string; now: Date }): string | null {
  if (poll.recurrence === null) return null;
  const t = translator(options.locale);
  const rule = describeRecurrence(poll.recurrence, options.locale) ?? poll.recurrence;
  const next = nextRecurrence(poll.recurrence, options.now, options.timeZone);
  if (!next) return t("polls.recurrence.confirmNoNext", { rule });
  return t("polls.recurrence.confirm", { rule, zone: options.timeZone, next: formatDateTime(next, options.locale, options.timeZone) });
}

function optionView(t: Translator, optionId: string, label: string, figure: OptionCount | undefined): PollOptionView {
  if (figure === undefined) return { optionId, label, count: null, percent: null, figureText: null, barRatio: null };
  return {
    optionId,
    label,
    count: figure.count,
    percent: figure.percentRounded,
    figureText: t("polls.figure", { count: figure.count, percent: figure.percentRounded }),
    barRatio: Math.min(1, Math.max(0, figure.percent / 100)),
  };
}

function breakdownView(t: Translator, results: PollResults): PollView["breakdown"] {
  const { tally } = results;
  if (tally === null || !tally.overallPublished) return null;
  const known = tally.organizations.length + tally.hiddenOrganizations.length;
  if (known < 2) return null; // one organisation's row would repeat the overall figures
  const name = (id: string) => results.organizationNames[id] ?? id;
  const hidden = tally.hiddenOrganizations.map((org) => name(org.organizationId));
  return {
    title: t("polls.breakdown.title"),
    rows: tally.organizations.map((org) => ({
      organizationId: org.organizationId,
      name: name(org.organizationId),
      voters: org.voters,
      votersText: t("polls.voters", { count: org.voters }),
      options: org.options.map((option) => optionView(t, option.optionId, option.label, option)),
    })),
    // A named poll is not anonymous (its export lists who voted what): say only what applies to it.
    hiddenText: hidden.length === 0 ? null : t(results.poll.anonymous ? "polls.breakdown.hidden" : "polls.breakdown.hiddenNamed", { organizations: hidden.join(", "), k: tally.k }),
  };
}

/** A date and time in the alliance's time zone, e.g. "5 Dec 2026, 17:00". */
export function formatDateTime(at: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", {
    timeZone,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(at);
}
