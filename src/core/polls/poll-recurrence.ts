/**
 * Shape check of a poll's recurrence rule: a five-field cron expression (minute hour day-of-month
 * month day-of-week) in the alliance's time zone. The scheduler evaluates it; the core only makes
 * sure it is well formed and fires at fixed times of day, so a typo cannot post a poll every minute.
 */

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"] as const;
const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] as const;

const DAY_OF_MONTH: FieldSpec = { name: "day of month", min: 1, max: 31 };
const MONTH: FieldSpec = { name: "month", min: 1, max: 12, names: MONTHS };
// 0 and 7 both mean Sunday, as in node-cron and Vixie cron.
const DAY_OF_WEEK: FieldSpec = { name: "day of week", min: 0, max: 7, names: WEEKDAYS };

/** Why a rule was refused, for the error details; null when the rule is fine. */
export function recurrenceProblem(rule: string): string | null {
  const fields = rule.trim().split(/\s+/);
  if (fields.length !== 5) return "expected 5 fields: minute hour day-of-month month day-of-week";
  const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
  if (!isNumberIn(minute, 0, 59)) return "minute must be one number 0-59";
  if (!hour.split(",").every((part) => isNumberIn(part, 0, 23))) {
    return "hour must be a number 0-23 or a list such as 9,17";
  }
  for (const [value, spec] of [
    [dom, DAY_OF_MONTH],
    [month, MONTH],
    [dow, DAY_OF_WEEK],
  ] as const) {
    if (!isValidField(value, spec)) return `invalid ${spec.name}: ${value}`;
  }
  return null;
}

/** True when `rule` is an acceptable recurrence rule. */
export function isValidRecurrence(rule: string): boolean {
  return recurrenceProblem(rule) === null;
}

/** The rule with single spaces between fields, as stored. */
export function normalizeRecurrence(rule: string): string {
  return rule.trim().split(/\s+/).join(" ").toUpperCase();
}

function isNumberIn(value: string, min: number, max: number): boolean {
  if (!/^\d{1,2}$/.test(value)) return false;
  const n = Number(value);
  return n >= min && n <= max;
}

function valueOf(token: string, spec: FieldSpec): number | null {
  const named = spec.names?.indexOf(token.toUpperCase() as never) ?? -1;
  if (named >= 0) return spec === MONTH ? named + 1 : named;
  return isNumberIn(token, spec.min, spec.max) ? Number(token) : null;
}

// One list item: "*", "*/n", "a", "a-b", "a-b/n".
function isValidItem(item: string, spec: FieldSpec): boolean {
  const [range, step, extra] = item.split("/");
  if (extra !== undefined || range === undefined || range === "") return false;
  if (step !== undefined && !(/^\d{1,2}$/.test(step) && Number(step) >= 1)) return false;
  if (range === "*") return true;
  const [from, to, more] = range.split("-");
  if (more !== undefined || from === undefined) return false;
  const start = valueOf(from, spec);
  if (start === null) return false;
  if (to === undefined) return step === undefined;
  const end = valueOf(to, spec);
  return end !== null && start <= end;
}

function isValidField(value: string, spec: FieldSpec): boolean {
  return value.split(",").every((item) => isValidItem(item, spec));
}
