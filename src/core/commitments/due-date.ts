/**
 * Due dates from natural language in English and Dutch ("friday", "in 2 weeks", "tomorrow 17:00",
 * "volgende week dinsdag", "over 2 weken", "2026-12-05"), read in the member's time zone by
 * chrono-node — never by a hand-rolled parser.
 *
 * Decisions:
 * - A date without a time means the END of that local day, 23:59:59.999: "by friday" is kept
 *   when it is delivered any time on Friday, and the "kept?" check-in on the due day is not late.
 * - chrono reads the member's wall clock: we hand it a reference Date whose process-local fields
 *   show the member's local time (chrono does its calendar work in process-local time, and its own
 *   offset option made "friday" on a Friday depend on the server's zone). We read the calendar
 *   components back and turn them into an instant with Intl, so a date on the other side of a DST
 *   change keeps its local time. Exact durations ("in 3 hours") are added to the real `now`;
 *   texts with an explicit zone ("2026-12-05T17:00Z") keep chrono's instant.
 * - The whole text must be the date, apart from filler words such as "by"/"uiterlijk": "friday
 *   after the board meeting" is refused rather than half-understood.
 * - The member's language is tried first, then the other one, so a Dutch member typing "friday"
 *   is understood too. English uses chrono's British configuration (05/12 = 5 December).
 */
// The two locales' entry points, not the package root: the root loads all 16 of chrono's locales
// (~270 module files) at start-up for the two the bot speaks.
import * as chronoEn from "chrono-node/en";
import * as chronoNl from "chrono-node/nl";
import type * as chrono from "chrono-node";
import { DomainError } from "../shared/errors.js";
import type { Locale } from "../shared/refs.js";
import { instantOf, isValidTimeZone, localDateKey, toZoned } from "../shared/zoned-time.js";

/** A due date understood from text. */
export interface ParsedDueDate {
  dueAt: Date;
  /** False when the text named only a day, so `dueAt` is the end of that local day. */
  hasTime: boolean;
  /** The local calendar date of `dueAt` in the member's zone, "YYYY-MM-DD". */
  localDate: string;
  /** The part of the text chrono recognised. */
  matchedText: string;
}

/** Where and when the text is read. */
export interface DueDateContext {
  now: Date;
  /** IANA zone of the member (falling back to the alliance's). */
  timeZone: string;
  locale: Locale;
}

const parsers: Record<Locale, chrono.Chrono> = { en: chronoEn.GB, nl: chronoNl.casual };

// Words people put around a date that carry no date information themselves.
const FILLER = new Set([
  "by", "on", "at", "before", "due", "until", "till", "the", "of",
  "uiterlijk", "op", "om", "voor", "tegen", "de", "het", "van", "tot", "uur",
]);

function isOnlyFiller(rest: string): boolean {
  return rest
    .toLowerCase()
    .split(/[\s,.;:!?()]+/)
    .filter((word) => word.length > 0)
    .every((word) => FILLER.has(word));
}

/** A Date whose process-local fields show the member's wall clock at `now` (see header). */
function localReference(now: Date, timeZone: string): Date {
  const c = toZoned(now, timeZone);
  return new Date(c.year, c.month - 1, c.day, c.hour, c.minute, c.second, c.millisecond);
}

function understand(text: string, reference: Date, locale: Locale): chrono.ParsedResult | null {
  const results = parsers[locale].parse(text, reference, { forwardDate: true });
  if (results.length !== 1) return null; // nothing, or two dates ("friday or monday")
  const [result] = results;
  if (!result) return null;
  const rest = text.slice(0, result.index) + " " + text.slice(result.index + result.text.length);
  return isOnlyFiller(rest) ? result : null;
}

function toInstant(
  result: chrono.ParsedResult,
  context: DueDateContext,
  reference: Date,
): { dueAt: Date; hasTime: boolean } {
  const start = result.start;
  const hasTime = start.isCertain("hour");
  if (result.tags().has("result/relativeDateAndTime")) {
    return { dueAt: new Date(context.now.getTime() + (start.date().getTime() - reference.getTime())), hasTime: true };
  }
  if (start.isCertain("timezoneOffset")) return { dueAt: start.date(), hasTime: true };
  const get = (component: chrono.Component, fallback: number) => start.get(component) ?? fallback;
  const clock = {
    year: get("year", 1970),
    month: get("month", 1),
    day: get("day", 1),
    hour: hasTime ? get("hour", 0) : 23,
    minute: hasTime ? get("minute", 0) : 59,
    second: hasTime ? get("second", 0) : 59,
    millisecond: hasTime ? 0 : 999,
  };
  return { dueAt: instantOf(clock, context.timeZone), hasTime };
}

/**
 * Reads `text` as a due date in the member's zone. Throws COMMITMENT_DUE_DATE_UNPARSEABLE when it
 * is not (only) a date, COMMITMENT_DUE_DATE_IN_PAST when the moment has passed, INVALID_INPUT for
 * an unknown time zone.
 */
export function parseDueDate(text: string, context: DueDateContext): ParsedDueDate {
  if (!isValidTimeZone(context.timeZone)) {
    throw new DomainError("INVALID_INPUT", `unknown time zone ${context.timeZone}`, { reason: context.timeZone });
  }
  const trimmed = text.trim();
  const other: Locale = context.locale === "nl" ? "en" : "nl";
  const reference = localReference(context.now, context.timeZone);
  const result = trimmed ? (understand(trimmed, reference, context.locale) ?? understand(trimmed, reference, other)) : null;
  if (!result) {
    throw new DomainError("COMMITMENT_DUE_DATE_UNPARSEABLE", `cannot read a date in "${trimmed}"`, { text: trimmed });
  }
  const { dueAt, hasTime } = toInstant(result, context, reference);
  const localDate = localDateKey(dueAt, context.timeZone);
  assertDueInFuture(dueAt, context.now, localDate);
  return { dueAt, hasTime, localDate, matchedText: result.text };
}

/** Refuses a due moment that is not after `now` with COMMITMENT_DUE_DATE_IN_PAST. */
export function assertDueInFuture(dueAt: Date, now: Date, shown: string = dueAt.toISOString()): void {
  if (dueAt.getTime() <= now.getTime()) {
    throw new DomainError("COMMITMENT_DUE_DATE_IN_PAST", `due ${dueAt.toISOString()} is not after ${now.toISOString()}`, {
      date: shown,
    });
  }
}
