import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDomainError } from "#core/shared/errors.js";
import { latestSlot, nextSlot, slotsBetween, type RecurringSchedule } from "#core/schedule/slots.js";
import { isoWeekKey, toZoned, zonedToInstant } from "#core/shared/zoned-time.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const year2026 = [new Date("2025-12-31T12:00:00Z"), new Date("2026-12-31T12:00:00Z")] as const;
/** ISO year 2026: Monday 2025-12-29 (W01) to Sunday 2027-01-03 (W53); 2026 has 53 ISO weeks. */
const isoYear2026 = [new Date("2025-12-28T12:00:00Z"), new Date("2027-01-04T00:00:00Z")] as const;

function localTime(at: Date, tz: string): string {
  const z = toZoned(at, tz);
  return `${String(z.hour).padStart(2, "0")}:${String(z.minute).padStart(2, "0")}`;
}

describe("zonedToInstant", () => {
  it("maps a time inside the spring-forward gap to the first instant after it", () => {
    // Amsterdam 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00 UTC).
    expect(zonedToInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, "Europe/Amsterdam").toISOString())
      .toBe("2026-03-29T01:00:00.000Z");
    // New York 2026-03-08: 02:00 EST jumps to 03:00 EDT (07:00 UTC).
    expect(zonedToInstant({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, "America/New_York").toISOString())
      .toBe("2026-03-08T07:00:00.000Z");
  });

  it("maps a time in the repeated fall-back hour to its first occurrence", () => {
    // Amsterdam 2026-10-25: 02:30 happens at 00:30 UTC (CEST) and 01:30 UTC (CET).
    expect(zonedToInstant({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, "Europe/Amsterdam").toISOString())
      .toBe("2026-10-25T00:30:00.000Z");
    // New York 2026-11-01: 01:30 happens at 05:30 UTC (EDT) and 06:30 UTC (EST).
    expect(zonedToInstant({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, "America/New_York").toISOString())
      .toBe("2026-11-01T05:30:00.000Z");
  });

  it("handles zones with half-hour offsets and no DST", () => {
    expect(zonedToInstant({ year: 2026, month: 11, day: 1, hour: 9, minute: 0 }, "Asia/Kolkata").toISOString())
      .toBe("2026-11-01T03:30:00.000Z");
  });

  it("refuses an unknown zone with INVALID_INPUT", () => {
    expect(() => zonedToInstant({ year: 2026, month: 1, day: 1, hour: 9, minute: 0 }, "Mars/Olympus"))
      .toThrowError(expect.objectContaining({ code: "INVALID_INPUT" }));
  });
});

describe.each(["Europe/Amsterdam", "America/New_York"])("a weekly schedule over 52 weeks in %s", (timezone) => {
  it.each([
    ["Monday 09:00", 1, 9, 0],
    ["Sunday 02:30 (inside the spring-forward gap)", 7, 2, 30],
    ["Sunday 01:30 (inside New York's repeated hour)", 7, 1, 30],
  ] as const)("fires exactly once in every ISO week: %s", (_label, weekday, hour, minute) => {
    const schedule: RecurringSchedule = { cadence: "weekly", weekday, hour, minute, timezone };
    const slots = slotsBetween(schedule, ...isoYear2026);
    const weeks = slots.map((s) => s.periodKey);
    expect(new Set(weeks).size).toBe(slots.length);
    expect(slots).toHaveLength(53);
    expect(weeks[0]).toBe("2026-W01");
    expect(weeks.at(-1)).toBe("2026-W53");
    for (const slot of slots) {
      expect(isoWeekKey(toZoned(slot.at, timezone))).toBe(slot.periodKey);
    }
    // A week apart, give or take the hour DST moves (or the gap shift).
    for (let i = 1; i < slots.length; i++) {
      const gap = slots[i]!.at.getTime() - slots[i - 1]!.at.getTime();
      expect(Math.abs(gap - 7 * DAY)).toBeLessThanOrEqual(HOUR);
    }
    const wanted = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
    const offTime = slots.filter((s) => localTime(s.at, timezone) !== wanted);
    // Only a schedule in the skipped hour runs off its time, once a year, at 03:00.
    expect(offTime.map((s) => localTime(s.at, timezone))).toEqual(
      (hour === 2 && weekday === 7) ? ["03:00"] : [],
    );
  });
});

describe("other cadences", () => {
  it("biweekly stays exactly 14 days apart across a 53-week year", () => {
    const schedule: RecurringSchedule = { cadence: "biweekly", weekday: 1, hour: 9, timezone: "Europe/Amsterdam" };
    const slots = slotsBetween(schedule, new Date("2026-10-01T00:00:00Z"), new Date("2027-03-01T00:00:00Z"));
    for (let i = 1; i < slots.length; i++) {
      const gap = slots[i]!.at.getTime() - slots[i - 1]!.at.getTime();
      expect(Math.abs(gap - 14 * DAY)).toBeLessThanOrEqual(HOUR);
    }
    expect(slots.some((s) => s.periodKey.startsWith("2026-W5"))).toBe(true);
    expect(slots.some((s) => s.periodKey.startsWith("2027-W0"))).toBe(true);
  });

  it("monthly fires on the first given weekday of each month, keyed by month", () => {
    const schedule: RecurringSchedule = { cadence: "monthly", weekday: 1, hour: 9, timezone: "Europe/Amsterdam" };
    const slots = slotsBetween(schedule, ...year2026);
    expect(slots.map((s) => s.periodKey)).toEqual(
      ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"].map((m) => `2026-${m}`),
    );
    expect(slots.map((s) => s.localDate.slice(8)).every((d) => Number(d) <= 7)).toBe(true);
  });

  it("daily fires once per local date", () => {
    const schedule: RecurringSchedule = { cadence: "daily", weekday: 1, hour: 9, timezone: "America/New_York" };
    const slots = slotsBetween(schedule, ...year2026);
    expect(slots).toHaveLength(365);
    expect(new Set(slots.map((s) => s.periodKey)).size).toBe(365);
  });

  it("finds the next and the latest slot around an instant", () => {
    const schedule: RecurringSchedule = { cadence: "weekly", weekday: 1, hour: 9, timezone: "Europe/Amsterdam" };
    const at = new Date("2026-11-25T12:00:00Z"); // a Wednesday
    expect(nextSlot(schedule, at).at.toISOString()).toBe("2026-11-30T08:00:00.000Z");
    expect(latestSlot(schedule, at)?.periodKey).toBe("2026-W48");
    // A slot exactly at `at` is "latest", not "next".
    const monday = new Date("2026-11-30T08:00:00Z");
    expect(latestSlot(schedule, monday)?.at.toISOString()).toBe(monday.toISOString());
    expect(nextSlot(schedule, monday).periodKey).toBe("2026-W50");
  });

  it("refuses an hour outside 0–23 with INVALID_INPUT", () => {
    try {
      slotsBetween({ cadence: "weekly", weekday: 1, hour: 24, timezone: "UTC" }, ...year2026);
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, "INVALID_INPUT")).toBe(true);
    }
  });
});

describe("slot properties (random zones, times and start instants)", () => {
  const zones = ["Europe/Amsterdam", "America/New_York", "Australia/Melbourne", "Asia/Kolkata", "America/Santiago", "UTC"];
  it("never fires twice in a period, never skips one, and keeps the local time except in a gap", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(0, 15, 30, 45),
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }),
        (timezone, weekday, hour, minute, start) => {
          const schedule: RecurringSchedule = { cadence: "weekly", weekday, hour, minute, timezone };
          const slots = slotsBetween(schedule, new Date(start), new Date(start + 120 * DAY));
          expect(slots.length).toBeGreaterThanOrEqual(17);
          expect(new Set(slots.map((s) => s.periodKey)).size).toBe(slots.length);
          for (let i = 1; i < slots.length; i++) {
            const gap = slots[i]!.at.getTime() - slots[i - 1]!.at.getTime();
            expect(Math.abs(gap - 7 * DAY)).toBeLessThanOrEqual(HOUR);
          }
          for (const slot of slots) {
            const z = toZoned(slot.at, timezone);
            const late = (z.hour * 60 + z.minute) - (hour * 60 + minute);
            // On time, or (gap) up to an hour late on the scheduled date.
            expect(late >= 0 && late <= 60).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
