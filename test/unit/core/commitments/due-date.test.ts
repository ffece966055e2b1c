import { describe, expect, it } from "vitest";
import { parseDueDate, type DueDateContext } from "#core/commitments/due-date.js";
import { isDomainError } from "#core/shared/errors.js";

const AMS = "Europe/Amsterdam";
const NY = "America/New_York";
// Wednesday 25 March 2026, 11:00 in Amsterdam (CET; summer time starts Sunday 29 March).
const WED = new Date("2026-03-25T10:00:00Z");
const en = (now = WED, timeZone = AMS): DueDateContext => ({ now, timeZone, locale: "en" });
const nl = (now = WED, timeZone = AMS): DueDateContext => ({ now, timeZone, locale: "nl" });
const iso = (text: string, context: DueDateContext) => parseDueDate(text, context).dueAt.toISOString();

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isDomainError(error) ? error.code : "not a DomainError";
  }
  return undefined;
}

describe("parseDueDate", () => {
  describe("English", () => {
    it.each([
      ["friday", "2026-03-27T22:59:59.999Z"],
      ["by friday", "2026-03-27T22:59:59.999Z"],
      ["in 2 weeks", "2026-04-08T21:59:59.999Z"], // after the DST change: 23:59:59.999 CEST
      ["tomorrow 17:00", "2026-03-26T16:00:00.000Z"],
      ["tomorrow at 5pm", "2026-03-26T16:00:00.000Z"],
      ["next tuesday", "2026-03-31T21:59:59.999Z"],
      ["2026-12-05", "2026-12-05T22:59:59.999Z"],
      ["5 December 2026", "2026-12-05T22:59:59.999Z"],
      ["05/12/2026", "2026-12-05T22:59:59.999Z"], // day first: the alliance is European
      ["today", "2026-03-25T22:59:59.999Z"],
      ["in 3 hours", "2026-03-25T13:00:00.000Z"],
      ["2026-12-05T17:00:00Z", "2026-12-05T17:00:00.000Z"],
    ])("reads %j in Amsterdam", (text, expected) => {
      expect(iso(text, en())).toBe(expected);
    });
  });

  describe("Dutch", () => {
    it.each([
      ["vrijdag", "2026-03-27T22:59:59.999Z"],
      ["uiterlijk vrijdag", "2026-03-27T22:59:59.999Z"],
      ["over 2 weken", "2026-04-08T21:59:59.999Z"],
      ["volgende week dinsdag", "2026-03-31T21:59:59.999Z"],
      ["morgen 17:00", "2026-03-26T16:00:00.000Z"],
      ["morgen om 17:00", "2026-03-26T16:00:00.000Z"],
      ["5 december", "2026-12-05T22:59:59.999Z"],
      ["2026-12-05", "2026-12-05T22:59:59.999Z"],
    ])("reads %j in Amsterdam", (text, expected) => {
      expect(iso(text, nl())).toBe(expected);
    });

    it("understands English from a Dutch member and Dutch from an English one", () => {
      expect(iso("friday", nl())).toBe("2026-03-27T22:59:59.999Z");
      expect(iso("vrijdag", en())).toBe("2026-03-27T22:59:59.999Z");
    });
  });

  it("means the end of the local day when no time is given, and says so", () => {
    const due = parseDueDate("friday", en());
    expect(due).toMatchObject({ hasTime: false, localDate: "2026-03-27", matchedText: "friday" });
    expect(parseDueDate("tomorrow 17:00", en()).hasTime).toBe(true);
  });

  it("takes 'friday' on a Friday as today, whatever zone the server runs in", () => {
    const fridayMorning = new Date("2026-03-27T08:00:00Z");
    expect(iso("friday", en(fridayMorning))).toBe("2026-03-27T22:59:59.999Z");
  });

  describe("time zones and DST", () => {
    it("reads the same words in New York's local time", () => {
      expect(iso("2026-12-05", en(WED, NY))).toBe("2026-12-06T04:59:59.999Z");
      expect(iso("tomorrow 17:00", en(WED, NY))).toBe("2026-03-26T21:00:00.000Z");
    });

    it("keeps local times across the Amsterdam spring-forward weekend", () => {
      const friday = new Date("2026-03-27T10:00:00Z"); // CET, +1
      expect(iso("sunday 10:00", en(friday))).toBe("2026-03-29T08:00:00.000Z"); // CEST, +2
      expect(iso("monday", en(friday))).toBe("2026-03-30T21:59:59.999Z");
      expect(iso("zondag 10:00", nl(friday))).toBe("2026-03-29T08:00:00.000Z");
    });

    it("keeps local times across the New York spring-forward weekend", () => {
      const saturday = new Date("2026-03-07T15:00:00Z"); // 10:00 EST, -5; DST starts Sunday 8 March
      expect(iso("tomorrow 17:00", en(saturday, NY))).toBe("2026-03-08T21:00:00.000Z"); // EDT, -4
      expect(iso("monday", en(saturday, NY))).toBe("2026-03-10T03:59:59.999Z");
      expect(iso("today", en(saturday, NY))).toBe("2026-03-08T04:59:59.999Z");
    });

    it("keeps local times across the Amsterdam fall-back weekend", () => {
      const saturday = new Date("2026-10-24T10:00:00Z"); // CEST
      expect(iso("monday 9:00", en(saturday))).toBe("2026-10-26T08:00:00.000Z"); // CET
    });
  });

  it("refuses past dates with COMMITMENT_DUE_DATE_IN_PAST", () => {
    expect(codeOf(() => parseDueDate("yesterday", en()))).toBe("COMMITMENT_DUE_DATE_IN_PAST");
    expect(codeOf(() => parseDueDate("today 9:00", en()))).toBe("COMMITMENT_DUE_DATE_IN_PAST");
    expect(codeOf(() => parseDueDate("gisteren", nl()))).toBe("COMMITMENT_DUE_DATE_IN_PAST");
    expect(codeOf(() => parseDueDate("2025-12-05", nl()))).toBe("COMMITMENT_DUE_DATE_IN_PAST");
  });

  it.each(["banana", "", "   ", "friday after the board meeting", "friday or monday", "soon"])(
    "refuses %j with COMMITMENT_DUE_DATE_UNPARSEABLE",
    (text) => {
      expect(codeOf(() => parseDueDate(text, en()))).toBe("COMMITMENT_DUE_DATE_UNPARSEABLE");
    },
  );

  it("refuses an unknown time zone with INVALID_INPUT", () => {
    expect(codeOf(() => parseDueDate("friday", en(WED, "Mars/Base")))).toBe("INVALID_INPUT");
  });
});
