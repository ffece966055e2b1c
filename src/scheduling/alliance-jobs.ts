// Which runs an alliance's settings produce in a time range: pure, from the slot math. The
// scheduler asks this "what was due up to now" and lets the claim table decide who runs it.
import { slotOn, slotsBetween, type RecurringSchedule } from "#core/schedule/slots.js";
import { addDays, type LocalDate } from "#core/shared/zoned-time.js";
import type { AllianceJobName, ScheduledAlliance } from "./job-handlers.js";

/** Settings for the jobs that alliance settings do not cover. */
export interface AllianceJobOptions {
  /** Local hour of the daily commitment reminders and check-ins (default 9). */
  commitmentHour: number;
  /** Days after a pulse round opens that its reminder goes out, at the same local hour (default 2). */
  pulseReminderAfterDays: number;
}

export const DEFAULT_ALLIANCE_JOB_OPTIONS: AllianceJobOptions = { commitmentHour: 9, pulseReminderAfterDays: 2 };

/** One run of an alliance job: when it was due and the period it is for. */
export interface DueRun {
  job: AllianceJobName;
  /** The alliance id. */
  scope: string;
  periodKey: string;
  at: Date;
}

const DAY = 86_400_000;

function parseLocalDate(text: string): LocalDate {
  const [year, month, day] = text.split("-").map(Number);
  return { year: year ?? 0, month: month ?? 1, day: day ?? 1 };
}

/** Runs of all of `alliance`'s jobs with `from < at <= to`, oldest first. */
export function allianceRunsBetween(
  alliance: ScheduledAlliance,
  from: Date,
  to: Date,
  options: AllianceJobOptions = DEFAULT_ALLIANCE_JOB_OPTIONS,
): DueRun[] {
  const tz = alliance.timezone;
  const start = alliance.createdAt && alliance.createdAt > from ? alliance.createdAt : from;
  const summary: RecurringSchedule = { ...alliance.summary, timezone: tz };
  const pulse: RecurringSchedule = { ...alliance.pulse, timezone: tz };
  const daily: RecurringSchedule = { cadence: "daily", weekday: 1, hour: options.commitmentHour, timezone: tz };
  const runs: DueRun[] = [];
  const add = (job: AllianceJobName, periodKey: string, at: Date) => {
    if (at > start && at <= to) runs.push({ job, scope: alliance.id, periodKey, at });
  };
  for (const s of slotsBetween(summary, start, to)) add("summary", s.periodKey, s.at);
  for (const s of slotsBetween(pulse, start, to)) add("pulse-round", s.periodKey, s.at);
  // A reminder belongs to its round (same period key), some local days later at the same hour;
  // look back far enough to catch rounds whose reminder falls into the range.
  const shift = options.pulseReminderAfterDays;
  for (const s of slotsBetween(pulse, new Date(start.getTime() - (shift + 2) * DAY), to)) {
    if (alliance.createdAt && s.at <= alliance.createdAt) continue; // that round never opened
    const reminder = slotOn(pulse, addDays(parseLocalDate(s.localDate), shift));
    add("pulse-reminders", s.periodKey, reminder.at);
  }
  for (const s of slotsBetween(daily, start, to)) {
    add("commitment-reminders", s.periodKey, s.at);
    add("commitment-check-ins", s.periodKey, s.at);
  }
  return runs.sort((a, b) => a.at.getTime() - b.at.getTime());
}
