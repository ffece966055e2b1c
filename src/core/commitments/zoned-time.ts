/**
 * Wall-clock arithmetic in an IANA time zone with nothing but Intl, so due dates ("friday",
 * "tomorrow 17:00") mean the member's local time whatever zone the server runs in, across DST.
 */

/** A local date and time in some zone; month is 1–12. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // h23 so midnight is 0, not 24; constructing it also validates the zone name (RangeError).
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timeZone` at `instant`. */
export function wallClockAt(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    millisecond: instant.getUTCMilliseconds(),
  };
}

function wallClockAsUtc(clock: WallClock): number {
  return Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second, clock.millisecond);
}

/** Minutes the zone is ahead of UTC at `instant` (Amsterdam: 60 in winter, 120 in summer). */
export function offsetMinutesAt(instant: Date, timeZone: string): number {
  const asUtc = wallClockAsUtc(wallClockAt(instant, timeZone));
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

/**
 * The instant at which `timeZone` shows `clock`. The zone's offsets a day before and a day after
 * give the (at most two) candidates: a wall clock repeated by autumn's fall-back takes the earlier
 * instant; one skipped by spring-forward does not exist and is shifted forward by the gap
 * (02:30 on the Amsterdam spring-forward day becomes 03:30).
 */
export function instantOf(clock: WallClock, timeZone: string): Date {
  const naive = wallClockAsUtc(clock);
  const before = naive - offsetMinutesAt(new Date(naive - 86_400_000), timeZone) * 60_000;
  const after = naive - offsetMinutesAt(new Date(naive + 86_400_000), timeZone) * 60_000;
  const shows = (t: number) => wallClockAsUtc(wallClockAt(new Date(t), timeZone)) === naive;
  const valid = [before, after].filter(shows);
  if (valid.length > 0) return new Date(Math.min(...valid));
  return new Date(before);
}

/** The local calendar date of `instant` in `timeZone`, as "YYYY-MM-DD". */
export function localDateKey(instant: Date, timeZone: string): string {
  const { year, month, day } = wallClockAt(instant, timeZone);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The first instant of the local day containing `instant`. */
export function startOfLocalDay(instant: Date, timeZone: string): Date {
  const clock = wallClockAt(instant, timeZone);
  return instantOf({ ...clock, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
}

/** The same local day `days` later (negative: earlier), keeping the wall-clock time. */
export function addLocalDays(instant: Date, days: number, timeZone: string): Date {
  const clock = wallClockAt(instant, timeZone);
  const shifted = new Date(Date.UTC(clock.year, clock.month - 1, clock.day + days));
  return instantOf(
    { ...clock, year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() },
    timeZone,
  );
}

/** Whole local calendar days from the day of `from` to the day of `to` (negative when earlier). */
export function localDaysBetween(from: Date, to: Date, timeZone: string): number {
  const a = wallClockAt(from, timeZone);
  const b = wallClockAt(to, timeZone);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}
