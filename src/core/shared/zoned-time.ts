// Wall-clock time in an IANA time zone ⇄ instants, and calendar-date arithmetic, with only Intl
// (no tz library). The one place the core does time-zone arithmetic: due dates, schedule slots,
// pulse periods and culture rounds all read local dates and times through here, so they agree on
// what "Monday in Amsterdam" is whatever zone the server runs in.
//
// DST: a repeated fall-back wall clock always maps to its first occurrence. A wall clock skipped by
// spring-forward does not exist, and the two callers want different things from it, so there are
// two functions: zonedToInstant (schedules: the transition itself, so a 02:30 slot fires at 03:00)
// and instantOf (due dates: shifted by the gap, so "02:30" means 03:30, as a person would read it).
import { DomainError } from "./errors.js";

/** A calendar date without a zone. */
export interface LocalDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

/** A wall-clock date and time without a zone. */
export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
}

/** A wall-clock reading to the millisecond. */
export interface WallClock extends LocalDateTime {
  second: number;
  millisecond: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Monday 1970-01-05 as an epoch day: biweekly rhythms count weeks from it. */
const EPOCH_MONDAY = 4;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      // h23 so midnight is 0, not 24; constructing it also validates the zone name.
      f = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      throw new DomainError("INVALID_INPUT", `Unknown time zone "${timeZone}"`, { timezone: timeZone });
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone this runtime knows (e.g. "Europe/Amsterdam"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timeZone` at `instant`. */
export function toZoned(instant: Date, timeZone: string): WallClock {
  // UTC needs no time-zone database, and Intl's formatToParts is the slowest call on the
  // simulation suite's path (every period key and window of a UTC alliance goes through here).
  if (timeZone === "UTC") {
    return {
      year: instant.getUTCFullYear(),
      month: instant.getUTCMonth() + 1,
      day: instant.getUTCDate(),
      hour: instant.getUTCHours(),
      minute: instant.getUTCMinutes(),
      second: instant.getUTCSeconds(),
      millisecond: instant.getUTCMilliseconds(),
    };
  }
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts["year"] ?? 0,
    month: parts["month"] ?? 1,
    day: parts["day"] ?? 1,
    hour: parts["hour"] ?? 0,
    minute: parts["minute"] ?? 0,
    second: parts["second"] ?? 0,
    millisecond: instant.getUTCMilliseconds(),
  };
}

/** A wall clock read as if it were UTC, in ms. */
function wallAsUtc(local: LocalDateTime & { second?: number; millisecond?: number }): number {
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second ?? 0, local.millisecond ?? 0);
}

/** How far `timeZone` is ahead of UTC at `instant`, in ms. */
function offsetMs(instant: number, timeZone: string): number {
  return wallAsUtc(toZoned(new Date(instant), timeZone)) - instant;
}

/** Minutes the zone is ahead of UTC at `instant` (Amsterdam: 60 in winter, 120 in summer). */
export function offsetMinutesAt(instant: Date, timeZone: string): number {
  return Math.round(offsetMs(instant.getTime(), timeZone) / MINUTE);
}

/**
 * The zone's offsets around the wall clock `wall` (as UTC ms) and the instants showing exactly
 * that wall clock. At most one transition lies near a given day, so the offsets a day either side
 * cover it; no match means `wall` lies in a spring-forward gap.
 */
function resolve(wall: number, timeZone: string): { before: number; offsets: number[]; matches: number[] } {
  const before = offsetMs(wall - DAY, timeZone);
  const offsets = [...new Set([before, offsetMs(wall, timeZone), offsetMs(wall + DAY, timeZone)])];
  const matches = offsets.map((o) => wall - o).filter((t) => wallAsUtc(toZoned(new Date(t), timeZone)) === wall);
  return { before, offsets, matches };
}

/**
 * The instant at which the wall clock in `timeZone` reads `local` (to the minute). In a
 * spring-forward gap: the first instant after the gap (the transition itself). In a repeated
 * fall-back hour: the first of the two instants.
 */
export function zonedToInstant(local: LocalDateTime, timeZone: string): Date {
  const wall = wallAsUtc({ year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute });
  const { offsets, matches } = resolve(wall, timeZone);
  if (matches.length > 0) return new Date(Math.min(...matches));
  // The wall clock jumps over `wall`: binary-search (by minute) for the first instant whose wall
  // clock is past it; that instant is the transition.
  let lo = wall - Math.max(...offsets); // wall clock before `wall`
  let hi = wall - Math.min(...offsets); // wall clock after `wall`
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (wallAsUtc(toZoned(new Date(mid), timeZone)) >= wall) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/**
 * The instant at which `timeZone` shows `clock` (to the millisecond). A repeated fall-back wall
 * clock takes the earlier instant; one skipped by spring-forward is shifted forward by the gap
 * (02:30 on the Amsterdam spring-forward day becomes 03:30).
 */
export function instantOf(clock: WallClock, timeZone: string): Date {
  const wall = wallAsUtc(clock);
  const { before, matches } = resolve(wall, timeZone);
  if (matches.length > 0) return new Date(Math.min(...matches));
  // Read with the offset from before the gap, the wall clock lands as far past it as it was in it.
  return new Date(wall - before);
}

/** The local calendar date of `instant` in `timeZone`. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const { year, month, day } = toZoned(instant, timeZone);
  return { year, month, day };
}

/** The local calendar date of `instant` in `timeZone`, as "YYYY-MM-DD". */
export function localDateKey(instant: Date, timeZone: string): string {
  return formatLocalDate(toZoned(instant, timeZone));
}

/** The instant `date` starts (local midnight, or the end of a gap over it) in `timeZone`. */
export function startOfLocalDate(date: LocalDate, timeZone: string): Date {
  return instantOf({ year: date.year, month: date.month, day: date.day, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
}

/** The first instant of the local day containing `instant`. */
export function startOfLocalDay(instant: Date, timeZone: string): Date {
  return startOfLocalDate(toZoned(instant, timeZone), timeZone);
}

/** The same local day `days` later (negative: earlier), keeping the wall-clock time. */
export function addLocalDays(instant: Date, days: number, timeZone: string): Date {
  const clock = toZoned(instant, timeZone);
  return instantOf({ ...clock, ...addDays(clock, days) }, timeZone);
}

/** Whole local calendar days from the day of `from` to the day of `to` (negative when earlier). */
export function localDaysBetween(from: Date, to: Date, timeZone: string): number {
  return epochDay(toZoned(to, timeZone)) - epochDay(toZoned(from, timeZone));
}

/** Days since 1970-01-01 of a calendar date. */
export function epochDay(date: LocalDate): number {
  return Math.round(Date.UTC(date.year, date.month - 1, date.day) / DAY);
}

/** The calendar date of an epoch day (inverse of epochDay). */
export function fromEpochDay(day: number): LocalDate {
  const d = new Date(day * DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The calendar date `days` after `date` (negative goes back). */
export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(epochDay(date) + days);
}

/** The date (UTC midnight) of a local date, as stored in `@db.Date` columns. */
export function dateOnly(date: LocalDate): Date {
  return new Date(Date.UTC(date.year, date.month - 1, date.day));
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  return ((epochDay(date) + 3) % 7 + 7) % 7 + 1; // 1970-01-01 was a Thursday
}

/** Whole weeks from Monday 1970-01-05 to the week of `date`; biweekly rhythms pair even and odd. */
export function weeksSinceEpochMonday(date: LocalDate): number {
  return Math.floor((epochDay(date) - EPOCH_MONDAY) / 7);
}

/** ISO week-numbering year and week of a date. */
export function isoWeek(date: LocalDate): { year: number; week: number } {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const jan1 = { year: thursday.year, month: 1, day: 1 };
  return { year: thursday.year, week: Math.floor((epochDay(thursday) - epochDay(jan1)) / 7) + 1 };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** "2026-11-27". */
export function formatLocalDate(date: LocalDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/** ISO week key, "2026-W48". */
export function isoWeekKey(date: LocalDate): string {
  const { year, week } = isoWeek(date);
  return `${pad(year, 4)}-W${pad(week)}`;
}
