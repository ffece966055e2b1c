/** The /poll command grammar and the recurrence phrases. */
import { describe, expect, it } from "vitest";
import { parsePollCommand } from "../../../../src/core/polls/poll-command.js";
import { recurrenceFromPhrase } from "../../../../src/core/polls/poll-recurrence-phrase.js";

describe("/poll grammar", () => {
  it("reads the question, options and every flag", () => {
    const result = parsePollCommand(`"What matters most?" "Trust" "Reliability" "Clear agreements" anonymous choices 2 hidden closes friday 17:00 every monday 09:00`);
    expect(result).toEqual({
      ok: true,
      draft: {
        question: "What matters most?", options: ["Trust", "Reliability", "Clear agreements"], anonymous: true, mode: "multiple",
        maxChoices: 2, visibility: "after_close", deadlineText: "friday 17:00", recurrenceText: "monday 09:00",
      },
    });
  });

  it("accepts curly quotes as Slack clients send them, and Dutch flags", () => {
    const result = parsePollCommand(`“Lunch?” “Ja” “Nee” anoniem stuurgroep sluit morgen`);
    expect(result.ok && result.draft).toMatchObject({ question: "Lunch?", options: ["Ja", "Nee"], anonymous: true, visibility: "steering", deadlineText: "morgen" });
  });

  it("reports an unclosed quote and an unknown word", () => {
    expect(parsePollCommand(`"Lunch? "Yes" "No"`)).toEqual({ ok: false, error: { code: "unclosed_quote" } });
    expect(parsePollCommand(`"Lunch?" "Yes" "No" pronto`)).toEqual({ ok: false, error: { code: "unknown_word", word: "pronto" } });
  });

  it("keeps an apostrophe inside a word", () => {
    const result = parsePollCommand(`"Don't we agree?" "Yes" "No"`);
    expect(result.ok && result.draft.question).toBe("Don't we agree?");
  });
});

describe("recurrence phrases", () => {
  it.each([
    ["monday 09:00", "0 9 * * 1"],
    ["maandag om 9:30", "30 9 * * 1"],
    ["mon, wed, fri at 17:00", "0 17 * * 1,3,5"],
    ["weekday 8:15", "15 8 * * 1-5"],
    ["werkdag", "0 9 * * 1-5"],
    ["day at 12:00", "0 12 * * *"],
    ["month on 1 at 10:00", "0 10 1 * *"],
    ["0 9 * * MON", "0 9 * * MON"],
  ])("%s → %s", (phrase, cron) => {
    expect(recurrenceFromPhrase(phrase)).toBe(cron);
  });

  it("refuses what it does not understand", () => {
    expect(recurrenceFromPhrase("blue moon")).toBeNull();
    expect(recurrenceFromPhrase("monday 25:00")).toBeNull();
  });
});
