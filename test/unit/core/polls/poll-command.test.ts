/** The /poll command grammar and the recurrence phrases. */
import { describe, expect, it } from "vitest";
import { parsePollCommand } from "#core/polls/poll-command.js";
import { readPollDeadline } from "#core/polls/poll-command-input.js";
import { recurrenceFromPhrase } from "#core/polls/poll-recurrence-phrase.js";

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

  it("makes an alliance poll with alliance-wide (alliantiebreed), and leaves the word alliance to the question", () => {
    expect(parsePollCommand(`"Which pilot?" "Dyke" "Pump" alliance-wide`)).toMatchObject({ ok: true, draft: { forAlliance: true } });
    expect(parsePollCommand(`"Welke pilot?" "Dijk" "Gemaal" --alliantiebreed anoniem`)).toMatchObject({ ok: true, draft: { forAlliance: true, anonymous: true } });
    const plain = parsePollCommand(`Shall the alliance meet monthly?`);
    expect(plain).toMatchObject({ ok: true, draft: { question: "Shall the alliance meet monthly?" } });
    expect(plain.ok && plain.draft.forAlliance).toBeFalsy();
  });

  it("accepts curly quotes as Slack clients send them, and Dutch flags", () => {
    const result = parsePollCommand(`“Lunch?” “Ja” “Nee” anoniem stuurgroep sluit morgen`);
    expect(result.ok && result.draft).toMatchObject({ question: "Lunch?", options: ["Ja", "Nee"], anonymous: true, visibility: "steering", deadlineText: "morgen" });
  });

  it("accepts flags with leading dashes (also as chat apps turn them into dashes) and a count after multiple", () => {
    const result = parsePollCommand(`"Which date?" "Mon" "Tue" "Wed" --anonymous --multiple 2 --hidden --closes friday 17:00`);
    expect(result.ok && result.draft).toMatchObject({ anonymous: true, mode: "multiple", maxChoices: 2, visibility: "after_close", deadlineText: "friday 17:00" });
    const dutch = parsePollCommand(`"Welke datum?" "ma" "di" —anoniem -meerdere 2 –verborgen sluit vrijdag 17:00`);
    expect(dutch.ok && dutch.draft).toMatchObject({ anonymous: true, mode: "multiple", maxChoices: 2, visibility: "after_close", deadlineText: "vrijdag 17:00" });
    expect(parsePollCommand(`"Q?" "A" "B" multiple`)).toMatchObject({ ok: true, draft: { mode: "multiple", maxChoices: undefined } });
    expect(parsePollCommand(`"Q?" "A" "B" --choices 1`)).toMatchObject({ ok: true, draft: { mode: "single", maxChoices: undefined } });
    expect(parsePollCommand(`"Q?" "A" "B" --`)).toEqual({ ok: false, error: { code: "unknown_word", word: "--" } });
  });

  it("reads a Dutch deadline after either closing word", () => {
    for (const text of [`"Q?" "A" "B" closes vrijdag 17:00`, `"Q?" "A" "B" sluit vrijdag`, `"Q?" "A" "B" tot vrijdag 17:00`]) {
      const result = parsePollCommand(text);
      expect(result.ok && result.draft.deadlineText, text).toMatch(/^vrijdag/);
      // Whatever the member's language, the Dutch day is read (Friday 27 Nov 2026, Amsterdam).
      for (const locale of ["en", "nl"] as const) {
        const closesAt = readPollDeadline(result.ok ? result.draft.deadlineText : null, { now: new Date("2026-11-25T10:00:00Z"), timeZone: "Europe/Amsterdam", locale });
        expect(closesAt?.toISOString().slice(0, 10), `${text} (${locale})`).toBe("2026-11-27");
      }
    }
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
