// The one way the bot names an upcoming moment to people ("Wednesday 2 December at 10:00" /
// "woensdag 2 december om 10:00"): weekday, date and time in the alliance's zone.
import type { Locale } from "../shared/refs.js";

/** `at` as weekday, day, month and time in `timeZone`, in `locale`. */
export function formatUpcoming(at: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", {
    timeZone,
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
  }).format(at);
}
