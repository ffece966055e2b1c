// A poll's recurrence rule in words, in the member's language: "every Monday at 09:00", "every
// weekday at 09:00 and 17:00", "on day 1 of every month at 09:00". Rules the phrase reader
// (poll-recurrence-phrase.ts) produces read naturally; any other cron rule is quoted as it is.
import { translator } from "../i18n/catalogue.js";
import type { Locale } from "../shared/refs.js";

const WEEKDAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
/** 2026-01-04 was a Sunday: day n of that week names weekday n (0 = Sunday). */
const SUNDAY = Date.UTC(2026, 0, 4, 12);

const weekdayNumber = (token: string): number | null => {
  const named = WEEKDAY_NAMES.indexOf(token.toUpperCase());
  if (named >= 0) return named;
  return /^[0-7]$/.test(token) ? Number(token) % 7 : null;
};

/** The rule in words, or null when it is not a five-field rule. */
export function describeRecurrence(rule: string, locale: Locale): string | null {
  const fields = rule.trim().split(/\s+/);
  if (fields.length !== 5) return null;
  const t = translator(locale);
  const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
  const tag = locale === "nl" ? "nl-NL" : "en-GB";
  const list = (items: string[]) => new Intl.ListFormat(tag, { type: "conjunction" }).format(items);
  const cron = t("polls.rule.cron", { rule: fields.join(" ") });
  if (!/^\d{1,2}$/.test(minute) || !/^\d{1,2}(,\d{1,2})*$/.test(hour) || month !== "*") return cron;
  const time = list(hour.split(",").map((h) => `${h.padStart(2, "0")}:${minute.padStart(2, "0")}`));
  if (dom === "*" && dow === "*") return t("polls.rule.daily", { time });
  if (dom === "*" && /^(1-5|MON-FRI)$/i.test(dow)) return t("polls.rule.weekdays", { time });
  if (dom === "*") {
    const days = dow.split(",").map(weekdayNumber);
    if (days.some((d) => d === null)) return cron;
    const name = (d: number) => new Intl.DateTimeFormat(tag, { weekday: "long", timeZone: "UTC" }).format(new Date(SUNDAY + d * 86_400_000));
    return t("polls.rule.days", { days: list([...new Set(days as number[])].map(name)), time });
  }
  if (dow === "*" && /^\d{1,2}$/.test(dom)) return t("polls.rule.monthly", { day: Number(dom), time });
  return cron;
}
