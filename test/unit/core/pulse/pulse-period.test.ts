import { describe, expect, it } from "vitest";
import {
  isoWeekKey,
  periodIndex,
  periodKeyFor,
  periodKeysBetween,
  periodWindow,
  shiftPeriodKey,
} from "#core/pulse/pulse-period.js";
import { isoWeek as isoWeekOf } from "#core/shared/zoned-time.js";

const AMS = "Europe/Amsterdam";

describe("pulse period keys", () => {
  it("computes ISO weeks, including the years where week 1 starts in December or week 53 exists", () => {
    expect(isoWeekOf({ year: 2026, month: 11, day: 27 })).toEqual({ year: 2026, week: 48 });
    expect(isoWeekOf({ year: 2024, month: 12, day: 30 })).toEqual({ year: 2025, week: 1 });
    expect(isoWeekOf({ year: 2021, month: 1, day: 3 })).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOf({ year: 2026, month: 1, day: 1 })).toEqual({ year: 2026, week: 1 });
  });

  it("uses the alliance's time zone: Sunday 23:30 in Amsterdam is still the old week", () => {
    // 2026-11-29 is a Sunday; 22:30 UTC is 23:30 in Amsterdam but already Monday in Tokyo.
    const instant = new Date("2026-11-29T22:30:00Z");
    expect(isoWeekKey(instant, AMS)).toBe("2026-W48");
    expect(isoWeekKey(instant, "Asia/Tokyo")).toBe("2026-W49");
  });

  it("gives weekly, biweekly and monthly keys", () => {
    const instant = new Date("2026-11-27T10:00:00Z");
    expect(periodKeyFor("weekly", instant, AMS)).toBe("2026-W48");
    expect(periodKeyFor("monthly", instant, AMS)).toBe("2026-11");
    const biweekly = periodKeyFor("biweekly", instant, AMS);
    expect(["2026-W47", "2026-W48"]).toContain(biweekly);
    // the two weeks of the pair share the key; the week after the pair starts a new one
    const pairStart = periodWindow("biweekly", biweekly, AMS).start.getTime();
    expect(periodKeyFor("biweekly", new Date(pairStart + 2 * 86_400_000), AMS)).toBe(biweekly);
    expect(periodKeyFor("biweekly", new Date(pairStart + 9 * 86_400_000), AMS)).toBe(biweekly);
    expect(periodKeyFor("biweekly", new Date(pairStart + 16 * 86_400_000), AMS)).not.toBe(biweekly);
  });

  it("pairs biweekly weeks so that consecutive keys are two weeks apart and indices consecutive", () => {
    const a = periodKeyFor("biweekly", new Date("2026-03-02T12:00:00Z"), AMS);
    const b = shiftPeriodKey("biweekly", a, 1);
    expect(periodIndex("biweekly", b) - periodIndex("biweekly", a)).toBe(1);
    const wa = periodWindow("biweekly", a, AMS);
    const wb = periodWindow("biweekly", b, AMS);
    expect(wb.start.getTime()).toBe(wa.end.getTime());
    expect(periodKeyFor("biweekly", new Date(wa.start.getTime() + 8 * 86_400_000), AMS)).toBe(a);
  });

  it("opens a week at local Monday midnight and closes it at the next, across a DST change", () => {
    // 2026-10-25: clocks go back in Amsterdam (CEST → CET).
    const week = periodWindow("weekly", "2026-W43", AMS);
    expect(week.start.toISOString()).toBe("2026-10-18T22:00:00.000Z");
    expect(week.end.toISOString()).toBe("2026-10-25T23:00:00.000Z");
  });

  it("gives month windows and consecutive month indices across a year end", () => {
    const dec = periodWindow("monthly", "2026-12", AMS);
    expect(dec.start.toISOString()).toBe("2026-11-30T23:00:00.000Z");
    expect(dec.end.toISOString()).toBe("2026-12-31T23:00:00.000Z");
    expect(shiftPeriodKey("monthly", "2026-12", 1)).toBe("2027-01");
    expect(periodIndex("monthly", "2027-01") - periodIndex("monthly", "2026-12")).toBe(1);
  });

  it("shifts weekly keys over a year with 53 weeks", () => {
    expect(shiftPeriodKey("weekly", "2020-W53", 1)).toBe("2021-W01");
    expect(shiftPeriodKey("weekly", "2026-W01", -1)).toBe("2025-W52");
  });

  it("lists the period keys of a range for aggregates over several rounds", () => {
    expect(periodKeysBetween("weekly", "2026-W51", "2027-W02")).toEqual(["2026-W51", "2026-W52", "2026-W53", "2027-W01", "2027-W02"]);
    expect(periodKeysBetween("monthly", "2026-11", "2027-01")).toEqual(["2026-11", "2026-12", "2027-01"]);
    expect(() => periodKeysBetween("weekly", "2026-W10", "2026-W09")).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
  });

  it("refuses malformed keys with INVALID_INPUT", () => {
    expect(() => periodIndex("weekly", "2026-48")).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
    expect(() => periodIndex("weekly", "2026-W54")).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
    expect(() => periodIndex("monthly", "2026-13")).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
  });
});
