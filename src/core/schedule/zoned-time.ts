// Wall-clock time in an IANA time zone ⇄ instants, with only Intl (no tz library). The two DST
// rules live here: a local time inside the spring-forward gap maps to the first instant after
// the gap; a local time in the repeated fall-back hour maps to its first occurrence. Callers
// therefore get exactly one instant for every local date and time.
import { DomainError } from "../shared/errors.js";

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

const MINUTE = 60_000;
const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
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

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading (to the second) of `instant` in `timeZone`. */
export function toZoned(instant: Date, timeZone: string): LocalDateTime & { second: number } {
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
  };
}

/** The wall clock of `instant` in `timeZone` as if it were UTC milliseconds (whole seconds). */
function wallMs(instant: number, timeZone: string): number {
  const z = toZoned(new Date(instant), timeZone);
  return Date.UTC(z.year, z.month - 1, z.day, z.hour, z.minute, z.second);
}

/** UTC offset of `timeZone` at `instant`, in ms (positive east of Greenwich). */
export function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallMs(whole, timeZone) - whole;
}

/**
 * The instant at which the wall clock in `timeZone` reads `local`. In a spring-forward gap: the
 * first instant after the gap (the transition itself). In a repeated fall-back hour: the first
 * of the two instants.
 */
export function zonedToInstant(local: LocalDateTime, timeZone: string): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  // At most one transition lies near a given day, so the offsets a day either side cover it.
  const offsets = [...new Set([offsetAt(wall - DAY, timeZone), offsetAt(wall, timeZone), offsetAt(wall + DAY, timeZone)])];
  const matches = offsets.map((o) => wall - o).filter((t) => wallMs(t, timeZone) === wall);
  if (matches.length > 0) return new Date(Math.min(...matches));
  // In the gap: the wall clock jumps over `wall`. Binary-search (by minute) for the first instant
  // whose wall clock is past it; that instant is the transition.
  let lo = wall - Math.max(...offsets); // wall clock before `wall`
  let hi = wall - Math.min(...offsets); // wall clock after `wall`
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (wallMs(mid, timeZone) >= wall) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** The calendar date `days` after `date` (negative goes back). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Days since 1970-01-01 of a calendar date. */
export function epochDay(date: LocalDate): number {
  return Math.round(Date.UTC(date.year, date.month - 1, date.day) / DAY);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  return ((epochDay(date) + 3) % 7 + 7) % 7 + 1; // 1970-01-01 was a Thursday
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
