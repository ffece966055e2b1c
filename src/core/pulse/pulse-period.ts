/**
 * Period keys for pulse rounds, computed in the alliance's time zone:
 * weekly "2026-W48" (ISO week), biweekly the ISO week that starts the two-week pair
 * (pairs counted from the Monday 1970-01-05, so every alliance shares the same rhythm),
 * monthly "2026-05".
 */
import type { Cadence } from "../alliance/alliance.js";
import { DomainError } from "../shared/errors.js";
import {
  epochDay,
  fromEpochDay,
  isoWeekday,
  isoWeekKey as weekKeyOfDate,
  localDateOf,
  startOfLocalDate,
  weeksSinceEpochMonday,
  type LocalDate,
} from "../shared/zoned-time.js";

const DAY_MS = 86_400_000;

/** Epoch day of the Monday of ISO week `week` of `year` (week 1 holds 4 January). */
function mondayOfIsoWeek(year: number, week: number): number {
  const jan4 = { year, month: 1, day: 4 };
  return epochDay(jan4) - (isoWeekday(jan4) - 1) + (week - 1) * 7;
}

function weekKeyOfMonday(monday: number): string {
  return weekKeyOfDate(fromEpochDay(monday));
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
  return weekKeyOfDate(localDateOf(instant, timezone));
}

/** The key of the period of `cadence` that contains `instant`, in `timezone`. */
export function periodKeyFor(cadence: Cadence, instant: Date, timezone: string): string {
  const date = localDateOf(instant, timezone);
  if (cadence === "monthly") return `${date.year}-${String(date.month).padStart(2, "0")}`;
  const monday = epochDay(date) - (isoWeekday(date) - 1);
  if (cadence === "weekly") return weekKeyOfMonday(monday);
  return weekKeyOfMonday(monday - (weeksSinceEpochMonday(date) % 2) * 7);
}

/** A running number of the period (consecutive periods differ by 1); drives item rotation. */
export function periodIndex(cadence: Cadence, key: string): number {
  if (cadence === "monthly") {
    const d = parseMonthKey(key);
    return d.year * 12 + d.month - 1;
  }
  const weekIndex = weeksSinceEpochMonday(fromEpochDay(parseWeekKey(key)));
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
    return { start: startOfLocalDate(first, timezone), end: startOfLocalDate(next, timezone) };
  }
  const monday = parseWeekKey(key);
  const length = cadence === "weekly" ? 7 : 14;
  return {
    start: startOfLocalDate(fromEpochDay(monday), timezone),
    end: startOfLocalDate(fromEpochDay(monday + length), timezone),
  };
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
