// "every monday 09:00" → a five-field cron rule in the alliance's time zone, which the poll
// service validates (poll-recurrence.ts) and the scheduler evaluates. English and Dutch.
//
//   day | dag | daily                       [at|om HH:MM]   → M H * * *
//   weekday | workday | werkdag              [at|om HH:MM]   → M H * * 1-5
//   <weekday>[,<weekday>…] (mon, maandag…)   [at|om HH:MM]   → M H * * d,d
//   month | maand [on|op] N                  [at|om HH:MM]   → M H N * *
//   a raw cron rule ("0 9 * * MON")
// The time defaults to 09:00.

const DAYS: Record<string, number> = {
  sunday: 0, sun: 0, zondag: 0, zo: 0,
  monday: 1, mon: 1, maandag: 1, ma: 1,
  tuesday: 2, tue: 2, dinsdag: 2, di: 2,
  wednesday: 3, wed: 3, woensdag: 3, wo: 3,
  thursday: 4, thu: 4, donderdag: 4, do: 4,
  friday: 5, fri: 5, vrijdag: 5, vr: 5,
  saturday: 6, sat: 6, zaterdag: 6, za: 6,
};
const FILLERS = new Set(["at", "om", "on", "op", "and", "en", "the", "de", "of", "van"]);

/** The cron rule for `phrase`, or null when it is not understood. */
export function recurrenceFromPhrase(phrase: string): string | null {
  const text = phrase.trim().toLowerCase();
  if (/^[\d*,/-]+(\s+[\w*,/-]+){4}$/.test(text)) return text.toUpperCase();
  let hour = 9;
  let minute = 0;
  const time = /(\d{1,2})[:.](\d{2})|(\d{1,2})\s*(?:h|u|uur)\b/.exec(text);
  if (time) {
    hour = Number(time[1] ?? time[3]);
    minute = Number(time[2] ?? 0);
    if (hour > 23 || minute > 59) return null;
  }
  const words = text.replace(time?.[0] ?? "\u0000", " ").split(/[\s,]+/).filter((w) => w && !FILLERS.has(w));
  const [first, ...rest] = words;
  if (!first) return null;
  if (["day", "dag", "daily", "dagelijks"].includes(first) && rest.length === 0) return `${minute} ${hour} * * *`;
  if (["weekday", "weekdays", "workday", "workdays", "werkdag", "werkdagen"].includes(first) && rest.length === 0) return `${minute} ${hour} * * 1-5`;
  if (["month", "maand", "monthly", "maandelijks"].includes(first)) {
    const day = Number(rest[0] ?? 1);
    return rest.length <= 1 && Number.isInteger(day) && day >= 1 && day <= 28 ? `${minute} ${hour} ${day} * *` : null;
  }
  const days = words.map((w) => DAYS[w.replace(/s$/, "")] ?? DAYS[w]);
  if (days.some((d) => d === undefined)) return null;
  return `${minute} ${hour} * * ${[...new Set(days)].sort().join(",")}`;
}
