import { describe, expect, it } from "vitest";
import { recurrenceFiresAt } from "#core/polls/poll-recurrence-match.js";

const AMS = "Europe/Amsterdam";
// Monday 2026-11-23 09:00 in Amsterdam is 08:00 UTC (CET).
const mondayNine = new Date("2026-11-23T08:00:00Z");
const plus = (minutes: number) => new Date(mondayNine.getTime() + minutes * 60_000);

describe("recurrenceFiresAt", () => {
  it("fires in the local minute of the rule, not in UTC", () => {
    expect(recurrenceFiresAt("0 9 * * MON", mondayNine, AMS)).toBe(true);
    expect(recurrenceFiresAt("0 9 * * MON", mondayNine, "UTC")).toBe(false);
    expect(recurrenceFiresAt("0 9 * * MON", plus(1), AMS)).toBe(false);
  });

  it("reads weekday and month names, numbers, ranges, steps and lists", () => {
    expect(recurrenceFiresAt("0 9 * * 1", mondayNine, AMS)).toBe(true);
    expect(recurrenceFiresAt("0 9 * * TUE-FRI", mondayNine, AMS)).toBe(false);
    expect(recurrenceFiresAt("0 9,17 * NOV *", mondayNine, AMS)).toBe(true);
    expect(recurrenceFiresAt("0 9 * DEC *", mondayNine, AMS)).toBe(false);
    expect(recurrenceFiresAt("*/15 9 * * *", plus(30), AMS)).toBe(true);
    expect(recurrenceFiresAt("*/15 9 * * *", plus(31), AMS)).toBe(false);
  });

  it("treats 0 and 7 as Sunday and matches either day field when both are restricted", () => {
    const sundayNine = plus(-24 * 60);
    expect(recurrenceFiresAt("0 9 * * 7", sundayNine, AMS)).toBe(true);
    expect(recurrenceFiresAt("0 9 * * 0", sundayNine, AMS)).toBe(true);
    expect(recurrenceFiresAt("0 9 1 * MON", mondayNine, AMS)).toBe(true); // Monday, though not the 1st
    expect(recurrenceFiresAt("0 9 1 * *", mondayNine, AMS)).toBe(false);
  });
});
