/**
 * Pulse views for the platforms: one question (1–5, can't say, optional comment), the "answered"
 * state that replaces it, and the thank-you at the end of a round. Texts are already translated.
 */
import { translator, type MessageKey } from "../i18n/catalogue.js";
import type { Locale } from "../shared/refs.js";
import type { TextView } from "../text-view.js";
import type { Alliance } from "../alliance/alliance.js";
import { formatUpcoming } from "../i18n/format-when.js";
import { nextSlot } from "../schedule/slots.js";
import type { PendingPulse, PendingQuestion } from "./pulse-service.js";
import { MAX_PULSE_COMMENT_LENGTH } from "./pulse-service.js";

/** One question of a round, with the member's current answer preselected. */
export interface PulseQuestionView {
  kind: "pulse.question";
  locale: Locale;
  roundId: string;
  itemKey: string;
  /** "" for non-directional items; the platforms send it back with the answer. */
  targetOrganizationId: string;
  /** The intro shown above the first question only. */
  intro: string | null;
  /** "Question 2 of 7". */
  progress: string;
  /** The pillar's name, e.g. "Reliability". */
  pillar: string;
  /** "About Beta" / "About your own organisation"; null for non-directional items. */
  about: string | null;
  prompt: string;
  /** The five answers, 1 = strongly disagree … 5 = strongly agree. */
  options: Array<{ value: 1 | 2 | 3 | 4 | 5; label: string }>;
  cantSayLabel: string;
  comment: { label: string; placeholder: string; maxLength: number };
  /** The answer given earlier in this round, to preselect; null when none. */
  current: { score: number | null; comment: string | null } | null;
  /** "Open until Sunday 29 November at 23:59." */
  closesText: string;
}

/** Replaces a question once answered; the answer can still be changed until the round closes. */
export interface PulseAnsweredView {
  kind: "pulse.answered";
  roundId: string;
  itemKey: string;
  targetOrganizationId: string;
  prompt: string;
  /** "Saved: Agree. You can change it until …". */
  text: string;
  remaining: number;
}

/** Shown when the member has answered every question of the round. */
export interface PulseThankYouView {
  kind: "pulse.thank-you";
  text: string;
}

/** Every pulse view kind. */
export type PulseView = PulseQuestionView | PulseAnsweredView | PulseThankYouView;

/** Options every builder needs: language, the alliance's time zone and its k. */
export interface PulseViewOptions {
  locale: Locale;
  timeZone: string;
  k: number;
}

/**
 * "Nothing open for you" with when the alliance's next round opens (its pulse slot after `now`),
 * instead of "it comes automatically", which left people guessing. `where` says where the
 * questions will arrive on the member's platform.
 */
export function buildNoPulseOpenText(alliance: Pick<Alliance, "pulse" | "timezone">, now: Date, locale: Locale): string {
  const { cadence, weekday, hour } = alliance.pulse;
  const { at } = nextSlot({ cadence, weekday, hour, timezone: alliance.timezone }, now);
  return translator(locale)("pulse.nothingOpen", { opens: formatUpcoming(at, locale, alliance.timezone) });
}

function formatWhen(at: Date, locale: Locale, timeZone: string): string {
  return formatUpcoming(new Date(at.getTime() - 60_000), locale, timeZone); // "until 23:59" reads better than "until 00:00"
}

function promptOf(question: PendingQuestion, t: ReturnType<typeof translator>): string {
  if (question.targetOrganizationId === "") return t(`pulse.item.${question.itemKey}` as MessageKey);
  if (question.self) return t(`pulse.item.${question.itemKey}.self` as MessageKey);
  return t(`pulse.item.${question.itemKey}.partner` as MessageKey, { partner: question.targetName ?? "" });
}

/** The label of an answer: "Agree", "Can't say", …. */
export function pulseAnswerLabel(score: number | null, locale: Locale): string {
  const t = translator(locale);
  return score === null ? t("pulse.scale.cantSay") : t(`pulse.scale.${score}` as MessageKey);
}

/** The view of question `index` (0-based) of a pending round. */
export function buildPulseQuestionView(pending: PendingPulse, index: number, options: PulseViewOptions): PulseQuestionView {
  const t = translator(options.locale);
  const question = pending.questions[index];
  if (!question) throw new RangeError(`question ${index} of ${pending.questions.length}`);
  const directional = question.targetOrganizationId !== "";
  return {
    kind: "pulse.question",
    locale: options.locale,
    roundId: pending.round.id,
    itemKey: question.itemKey,
    targetOrganizationId: question.targetOrganizationId,
    intro: index === 0 ? t("pulse.intro", { count: pending.questions.length, k: options.k }) : null,
    progress: t("pulse.progress", { n: index + 1, total: pending.questions.length }),
    pillar: t(`pulse.pillar.${question.category}`),
    about: !directional
      ? null
      : question.self
        ? t("pulse.about.self")
        : t("pulse.about.partner", { partner: question.targetName ?? "" }),
    prompt: promptOf(question, t),
    options: ([1, 2, 3, 4, 5] as const).map((value) => ({ value, label: t(`pulse.scale.${value}`) })),
    cantSayLabel: t("pulse.scale.cantSay"),
    comment: {
      label: t("pulse.comment.label"),
      placeholder: t("pulse.comment.placeholder", { max: MAX_PULSE_COMMENT_LENGTH }),
      maxLength: MAX_PULSE_COMMENT_LENGTH,
    },
    current: question.answer,
    closesText: t("pulse.closesAt", { closes: formatWhen(pending.round.closesAt, options.locale, options.timeZone) }),
  };
}

/** The "answered" state of a question after `score` was saved. */
export function buildPulseAnsweredView(
  pending: PendingPulse,
  question: PendingQuestion,
  score: number | null,
  options: PulseViewOptions,
): PulseAnsweredView {
  const t = translator(options.locale);
  return {
    kind: "pulse.answered",
    roundId: pending.round.id,
    itemKey: question.itemKey,
    targetOrganizationId: question.targetOrganizationId,
    prompt: promptOf(question, t),
    text: t("pulse.answered", {
      answer: pulseAnswerLabel(score, options.locale),
      closes: formatWhen(pending.round.closesAt, options.locale, options.timeZone),
    }),
    remaining: pending.questions.filter((q) => q.answer === null).length,
  };
}

/** The thank-you at the end of a round. */
export function buildPulseThankYouView(options: PulseViewOptions): PulseThankYouView {
  return { kind: "pulse.thank-you", text: translator(options.locale)("pulse.thankYou", { k: options.k }) };
}

/** The reminder DM text. */
export function buildPulseReminderView(closesAt: Date, options: PulseViewOptions): TextView {
  const t = translator(options.locale);
  return { kind: "text", text: t("pulse.reminder", { closes: formatWhen(closesAt, options.locale, options.timeZone) }) };
}
