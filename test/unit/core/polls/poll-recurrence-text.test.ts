// Issue 11: a recurring poll's creator was never told the rule or the next run. The rule reads
// in words in both languages, and the next run is the next minute the sweep would post at.
import { describe, expect, it } from "vitest";
import { nextRecurrence, recurrenceFiresAt } from "#core/polls/poll-recurrence-match.js";
import { recurrenceFromPhrase } from "#core/polls/poll-recurrence-phrase.js";
import { describeRecurrence } from "#core/polls/poll-recurrence-text.js";

const AMS = "Europe/Amsterdam";
const words = (phrase: string, locale: "en" | "nl") => describeRecurrence(recurrenceFromPhrase(phrase)!, locale);

describe("a recurrence rule in words", () => {
  it.each([
    ["monday 09:00", "every Monday at 09:00", "elke maandag om 09:00"],
    ["mon, thu 9:30", "every Monday and Thursday at 09:30", "elke maandag en donderdag om 09:30"],
    ["weekday 17:00", "every weekday (Monday to Friday) at 17:00", "elke werkdag (maandag t/m vrijdag) om 17:00"],
    ["day 08:15", "every day at 08:15", "elke dag om 08:15"],
    ["month 1", "on day 1 of every month at 09:00", "op dag 1 van elke maand om 09:00"],
  ])("%s", (phrase, en, nl) => {
    expect(words(phrase, "en")).toBe(en);
    expect(words(phrase, "nl")).toBe(nl);
  });

  it("quotes any other cron rule as it is", () => {
    expect(describeRecurrence("0 9 1-7 * MON", "en")).toBe("on the schedule 0 9 1-7 * MON (cron)");
    expect(describeRecurrence("0 9,17 * * 1-5", "en")).toBe("every weekday (Monday to Friday) at 09:00 and 17:00");
  });
});

describe("the next run", () => {
  it("is the next minute the rule fires in the alliance's zone", () => {
    const wednesday = new Date("2026-11-25T10:00:00Z");
    expect(nextRecurrence("0 9 * * 1", wednesday, AMS)).toEqual(new Date("2026-11-30T08:00:00Z")); // Monday 09:00 CET
    expect(nextRecurrence("0 9,17 * * 1-5", wednesday, AMS)).toEqual(new Date("2026-11-25T16:00:00Z")); // today 17:00
    expect(nextRecurrence("30 9 1 * *", wednesday, AMS)).toEqual(new Date("2026-12-01T08:30:00Z"));
  });

  it("agrees with the sweep across a DST change and is null for a rule that never fires", () => {
    // Sunday 2027-03-28 02:30 does not exist in Amsterdam: the sweep never fires then, so neither does this.
    const next = nextRecurrence("30 2 * * 0", new Date("2027-03-27T12:00:00Z"), AMS)!;
    expect(recurrenceFiresAt("30 2 * * 0", next, AMS)).toBe(true);
    expect(next.toISOString()).toBe("2027-04-04T00:30:00.000Z");
    expect(nextRecurrence("0 9 31 2 *", new Date("2026-11-25T10:00:00Z"), AMS)).toBeNull();
  });
});
