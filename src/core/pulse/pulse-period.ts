/**
 * Period keys for pulse rounds, computed in the alliance's time zone:
 * weekly "2026-W48" (ISO week), biweekly the ISO week that starts the two-week pair
 * (pairs counted from the Monday 1970-01-05, so every alliance shares the same rhythm),
 * monthly "2026-05".
 */
import type { Cadence } from "../alliance/alliance.js";
import { DomainError } from "../shared/errors.js";

/** A calendar date without a time zone. */
export interface LocalDate {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

const DAY_MS = 86_400_000;
/** Day number (days since 1970-01-01) of Monday 1970-01-05, the first Monday of the epoch. */
const EPOCH_MONDAY = 4;

function dayNumber(date: LocalDate): number {
  return Math.floor(Date.UTC(date.year, date.month - 1, date.day) / DAY_MS);
}

function fromDayNumber(n: number): LocalDate {
  const d = new Date(n * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timezone, f);
  }
  return f;
}

function wallClock(instant: Date, timezone: string): { date: LocalDate; ms: number } {
  const parts = Object.fromEntries(
    formatter(timezone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const date = { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
  const ms =
    Date.UTC(date.year, date.month - 1, date.day, Number(parts.hour), Number(parts.minute), Number(parts.second)) +
    instant.getUTCMilliseconds();
  return { date, ms };
}

/** The calendar date of `instant` in `timezone`. */
export function localDateOf(instant: Date, timezone: string): LocalDate {
  return wallClock(instant, timezone).date;
}

/** The instant at which `date` starts (local midnight) in `timezone`; DST-safe. */
export function startOfLocalDay(date: LocalDate, timezone: string): Date {
  const target = Date.UTC(date.year, date.month - 1, date.day);
  // Two passes settle the offset even when midnight sits next to a DST change.
  let guess = target;
  for (let i = 0; i < 2; i++) {
    const offset = wallClock(new Date(guess), timezone).ms - guess;
    guess = target - offset;
  }
  return new Date(guess);
}

/** ISO 8601 week-year and week number of a date. */
export function isoWeekOf(date: LocalDate): { year: number; week: number } {
  const n = dayNumber(date);
  const weekday = ((n + 3) % 7) + 1; // 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday)
  const thursday = fromDayNumber(n - weekday + 4);
  const jan1 = dayNumber({ year: thursday.year, month: 1, day: 1 });
  return { year: thursday.year, week: Math.floor((dayNumber(thursday) - jan1) / 7) + 1 };
}

function mondayOfIsoWeek(year: number, week: number): number {
  const jan4 = dayNumber({ year, month: 1, day: 4 });
  const jan4Weekday = ((jan4 + 3) % 7) + 1;
  return jan4 - (jan4Weekday - 1) + (week - 1) * 7;
}

function weekKeyOfMonday(monday: number): string {
  const { year, week } = isoWeekOf(fromDayNumber(monday));
  return `${year}-W${String(week).padStart(2, "0")}`;
}

const WEEK_KEY = /^(\d{4})-W(\d{2})$/;
const MONTH_KEY = /^(\d{4})-(\d{2})$/;

function parseWeekKey(key: string): number {
  const m = WEEK_KEY.exec(key);
  const year = Number(m?.[1]);
  const week = Number(m?.[2]);
  const monday = mondayOfIsoWeek(year, week);
  if (!m || week < 1 || weekKeyOfMonday(monday) !== key) {
    throw new DomainError("INVALID_INPUT", `not an ISO week key: ${key}`, { reason: key });
  }
  return monday;
}

function parseMonthKey(key: string): LocalDate {
  const m = MONTH_KEY.exec(key);
  const month = Number(m?.[2]);
  if (!m || month < 1 || month > 12) {
    throw new DomainError("INVALID_INPUT", `not a month key: ${key}`, { reason: key });
  }
  return { year: Number(m[1]), month, day: 1 };
}

/** The ISO week key ("2026-W48") of `instant` in `timezone`. */
export function isoWeekKey(instant: Date, timezone: string): string {
  const { year, week } = isoWeekOf(localDateOf(instant, timezone));
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The key of the period of `cadence` that contains `instant`, in `timezone`. */
export function periodKeyFor(cadence: Cadence, instant: Date, timezone: string): string {
  const date = localDateOf(instant, timezone);
  if (cadence === "monthly") return `${date.year}-${String(date.month).padStart(2, "0")}`;
  const n = dayNumber(date);
  const monday = n - (((n + 3) % 7) + 1 - 1);
  if (cadence === "weekly") return weekKeyOfMonday(monday);
  const weekIndex = (monday - EPOCH_MONDAY) / 7;
  return weekKeyOfMonday(monday - (weekIndex % 2) * 7);
}

/** A running number of the period (consecutive periods differ by 1); drives item rotation. */
export function periodIndex(cadence: Cadence, key: string): number {
  if (cadence === "monthly") {
    const d = parseMonthKey(key);
    return d.year * 12 + d.month - 1;
  }
  const weekIndex = (parseWeekKey(key) - EPOCH_MONDAY) / 7;
  return cadence === "weekly" ? weekIndex : Math.floor(weekIndex / 2);
}

/** The key of the period `offset` periods after `key` (negative for earlier). */
export function shiftPeriodKey(cadence: Cadence, key: string, offset: number): string {
  if (cadence === "monthly") {
    const index = periodIndex("monthly", key) + offset;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
  }
  const monday = parseWeekKey(periodKeyFor(cadence, new Date(parseWeekKey(key) * DAY_MS), "UTC"));
  return weekKeyOfMonday(monday + offset * (cadence === "weekly" ? 7 : 14));
}

/** When the period `key` starts and ends (exclusive) as instants, in `timezone`. */
export function periodWindow(cadence: Cadence, key: string, timezone: string): { start: Date; end: Date } {
  if (cadence === "monthly") {
    const first = parseMonthKey(key);
    const next = first.month === 12 ? { year: first.year + 1, month: 1, day: 1 } : { ...first, month: first.month + 1 };
    return { start: startOfLocalDay(first, timezone), end: startOfLocalDay(next, timezone) };
  }
  const monday = parseWeekKey(key);
  const length = cadence === "weekly" ? 7 : 14;
  return {
    start: startOfLocalDay(fromDayNumber(monday), timezone),
    end: startOfLocalDay(fromDayNumber(monday + length), timezone),
  };
}

/** The date (UTC midnight) of a local date, as stored in `@db.Date` columns. */
export function dateOnly(date: LocalDate): Date {
  return new Date(Date.UTC(date.year, date.month - 1, date.day));
}

/** The period keys from `from` to `to` inclusive (at most 520, a decade of weeks), oldest first. */
export function periodKeysBetween(cadence: Cadence, from: string, to: string): string[] {
  const first = periodIndex(cadence, from);
  const count = periodIndex(cadence, to) - first + 1;
  if (count < 1 || count > 520) {
    throw new DomainError("INVALID_INPUT", `period range ${from}..${to}`, { reason: `${from}..${to}` });
  }
  return Array.from({ length: count }, (_, i) => shiftPeriodKey(cadence, from, i));
}
