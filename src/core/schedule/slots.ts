// Recurring local-time schedules ("every Monday 09:00 in Europe/Amsterdam") as slots: the
// instants they fire at, each with a period key that names it uniquely. Pure: the scheduler
// decides what is due from these plus its claim table, so node-cron only has to tick.
//
// DST: each scheduled local date yields exactly one slot (see zonedToInstant): inside the
// spring-forward gap it fires at the first instant after the gap, in the repeated fall-back hour
// it fires once, at the first occurrence. So no week is skipped and none fires twice.
import type { Cadence } from "../alliance/alliance.js";
import { DomainError } from "../shared/errors.js";
import {
  addDays,
  epochDay,
  formatLocalDate,
  isoWeekday,
  isoWeekKey,
  toZoned,
  weeksSinceEpochMonday,
  zonedToInstant,
  type LocalDate,
} from "../shared/zoned-time.js";

/** How often a schedule fires; `daily` is for sweeps such as commitment reminders. */
export type ScheduleCadence = Cadence | "daily";

/** A recurring schedule at a local weekday and time in an IANA zone. */
export interface RecurringSchedule {
  cadence: ScheduleCadence;
  /** ISO weekday 1 (Monday) – 7 (Sunday); ignored for `daily`. Monthly = first such weekday of the month. */
  weekday: number;
  hour: number;
  minute?: number;
  timezone: string;
}

/** One firing of a schedule. */
export interface Slot {
  at: Date;
  /** Unique per schedule and firing: "2026-W48" (weekly, biweekly), "2026-11" (monthly), "2026-11-27" (daily). */
  periodKey: string;
  /** The local date it belongs to, "2026-11-23". */
  localDate: string;
}

const DAY = 86_400_000;

function validate(schedule: RecurringSchedule): void {
  const minute = schedule.minute ?? 0;
  const bad =
    !Number.isInteger(schedule.hour) || schedule.hour < 0 || schedule.hour > 23 ||
    !Number.isInteger(minute) || minute < 0 || minute > 59 ||
    (schedule.cadence !== "daily" && (!Number.isInteger(schedule.weekday) || schedule.weekday < 1 || schedule.weekday > 7));
  if (bad) {
    throw new DomainError("INVALID_INPUT", "Schedule needs weekday 1–7, hour 0–23 and minute 0–59", {
      weekday: schedule.weekday,
      hour: schedule.hour,
      minute,
    });
  }
}

/** True when the schedule fires on `date` (a local date in its zone). */
export function firesOn(schedule: RecurringSchedule, date: LocalDate): boolean {
  if (schedule.cadence === "daily") return true;
  if (isoWeekday(date) !== schedule.weekday) return false;
  switch (schedule.cadence) {
    case "weekly":
      return true;
    case "biweekly":
      // Counted from a fixed Monday (1970-01-05), not by ISO week parity, which breaks after
      // 53-week years; pulse periods pair weeks the same way.
      return weeksSinceEpochMonday(date) % 2 === 0;
    case "monthly":
      return date.day <= 7;
  }
}

/** The period key of a firing on `date`. */
export function periodKeyOf(cadence: ScheduleCadence, date: LocalDate): string {
  switch (cadence) {
    case "daily":
      return formatLocalDate(date);
    case "monthly":
      return formatLocalDate(date).slice(0, 7);
    case "weekly":
    case "biweekly":
      return isoWeekKey(date);
  }
}

/** The slot of `schedule` on local date `date` (whether or not the schedule fires that day). */
export function slotOn(schedule: RecurringSchedule, date: LocalDate): Slot {
  const at = zonedToInstant({ ...date, hour: schedule.hour, minute: schedule.minute ?? 0 }, schedule.timezone);
  return { at, periodKey: periodKeyOf(schedule.cadence, date), localDate: formatLocalDate(date) };
}

/** Every slot with `from < at <= to`, oldest first. */
export function slotsBetween(schedule: RecurringSchedule, from: Date, to: Date): Slot[] {
  validate(schedule);
  if (to.getTime() <= from.getTime()) return [];
  // Local dates a day either side of the range cover any zone offset.
  const first = addDays(toZoned(from, schedule.timezone), -1);
  const last = addDays(toZoned(to, schedule.timezone), 1);
  const slots: Slot[] = [];
  for (let date = first; epochDay(date) <= epochDay(last); date = addDays(date, 1)) {
    if (!firesOn(schedule, date)) continue;
    const slot = slotOn(schedule, date);
    if (slot.at.getTime() > from.getTime() && slot.at.getTime() <= to.getTime()) slots.push(slot);
  }
  return slots;
}

/** The first slot strictly after `after`. */
export function nextSlot(schedule: RecurringSchedule, after: Date): Slot {
  // Every cadence fires within 5 weeks (monthly is the sparsest), so 40 days always finds one.
  const [slot] = slotsBetween(schedule, after, new Date(after.getTime() + 40 * DAY));
  if (!slot) throw new Error("unreachable: no slot within 40 days");
  return slot;
}

/** The last slot at or before `at`, if any within 40 days. */
export function latestSlot(schedule: RecurringSchedule, at: Date): Slot | undefined {
  return slotsBetween(schedule, new Date(at.getTime() - 40 * DAY), at).at(-1);
}
