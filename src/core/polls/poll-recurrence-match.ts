// Evaluates a poll's recurrence rule (a five-field cron expression, checked by
// core/polls/poll-recurrence.ts) against one local minute. The recurrence sweep runs every minute
// and asks "does the rule fire now, in the alliance's zone?", so no cron library has to keep
// per-poll timers in step with DST or with polls being added and removed. nextRecurrence finds
// the next such minute, to tell the creator when the next run is posted.
import { addDays, isoWeekday, localDateOf, toZoned, zonedToInstant } from "../shared/zoned-time.js";

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

function valueOf(token: string, names: readonly string[] | null, offset: number): number {
  const named = names ? names.indexOf(token.toUpperCase()) : -1;
  return named >= 0 ? named + offset : Number(token);
}

/** True when `value` is in a cron field ("*", "*\/n", "a", "a-b", "a-b/n", comma lists). */
function fieldMatches(field: string, value: number, min: number, max: number, names: readonly string[] | null = null, offset = 0): boolean {
  return field.split(",").some((item) => {
    const [range = "*", stepText] = item.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    let from = min;
    let to = max;
    if (range !== "*") {
      const [a = "", b] = range.split("-");
      from = valueOf(a, names, offset);
      to = b === undefined ? (stepText === undefined ? from : max) : valueOf(b, names, offset);
    }
    return value >= from && value <= to && (value - from) % step === 0;
  });
}

/** Whether `rule` fires in the local minute of `instant` in `timezone`. */
export function recurrenceFiresAt(rule: string, instant: Date, timezone: string): boolean {
  const fields = rule.trim().split(/\s+/);
  if (fields.length !== 5) return false;
  const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
  const local = toZoned(instant, timezone);
  const weekday = isoWeekday(local) % 7; // cron: 0 = Sunday (7 is Sunday too)
  const domMatch = fieldMatches(dom, local.day, 1, 31);
  const dowMatch = fieldMatches(dow, weekday, 0, 7, WEEKDAYS) || (weekday === 0 && fieldMatches(dow, 7, 0, 7, WEEKDAYS));
  // Vixie cron: when both day fields are restricted, either may match.
  const dayMatch = dom !== "*" && dow !== "*" ? domMatch || dowMatch : domMatch && dowMatch;
  return (
    fieldMatches(minute, local.minute, 0, 59) &&
    fieldMatches(hour, local.hour, 0, 23) &&
    fieldMatches(month, local.month, 1, 12, MONTHS, 1) &&
    dayMatch
  );
}

/** How far ahead the next run is looked for: a rule may fire only on 29 February, or never. */
const NEXT_RUN_HORIZON_DAYS = 4 * 366;

/**
 * The first instant after `after` at which the sweep posts a run of `rule` in `timezone`, or null
 * when there is none within four years (e.g. "0 9 31 2 *"). Day by day, only the rule's own times
 * are tried (the validated minute field is one number, the hour field a list), each checked with
 * recurrenceFiresAt, so a time skipped by a DST change is skipped here as the sweep skips it.
 */
export function nextRecurrence(rule: string, after: Date, timezone: string): Date | null {
  const fields = rule.trim().split(/\s+/);
  if (fields.length !== 5) return null;
  const minute = Number(fields[0]);
  const hours = fields[1]!.split(",").map(Number).sort((a, b) => a - b);
  if (!Number.isInteger(minute) || hours.some((h) => !Number.isInteger(h))) return null;
  const start = localDateOf(after, timezone);
  for (let i = 0; i <= NEXT_RUN_HORIZON_DAYS; i++) {
    const date = addDays(start, i);
    for (const hour of hours) {
      const at = zonedToInstant({ ...date, hour, minute }, timezone);
      if (at.getTime() > after.getTime() && recurrenceFiresAt(rule, at, timezone)) return at;
    }
  }
  return null;
}
