import { describe, expect, it } from "vitest";
import {
  addLocalDays,
  instantOf,
  isValidTimeZone,
  localDateKey,
  localDaysBetween,
  offsetMinutesAt,
  startOfLocalDay,
  toZoned,
} from "#core/shared/zoned-time.js";

const AMS = "Europe/Amsterdam";
const NY = "America/New_York";
const clock = (year: number, month: number, day: number, hour = 0, minute = 0) => ({ year, month, day, hour, minute, second: 0, millisecond: 0 });

describe("zoned time", () => {
  it("reads offsets on both sides of the DST changes", () => {
    expect(offsetMinutesAt(new Date("2026-03-29T00:30:00Z"), AMS)).toBe(60);
    expect(offsetMinutesAt(new Date("2026-03-29T01:30:00Z"), AMS)).toBe(120);
    expect(offsetMinutesAt(new Date("2026-03-08T06:30:00Z"), NY)).toBe(-300);
    expect(offsetMinutesAt(new Date("2026-03-08T07:30:00Z"), NY)).toBe(-240);
  });

  it("maps a local wall clock to the right instant across DST", () => {
    expect(instantOf(clock(2026, 3, 28, 17), AMS).toISOString()).toBe("2026-03-28T16:00:00.000Z");
    expect(instantOf(clock(2026, 3, 30, 17), AMS).toISOString()).toBe("2026-03-30T15:00:00.000Z");
    expect(instantOf(clock(2026, 3, 7, 17), NY).toISOString()).toBe("2026-03-07T22:00:00.000Z");
    expect(instantOf(clock(2026, 3, 9, 17), NY).toISOString()).toBe("2026-03-09T21:00:00.000Z");
  });

  it("puts a time skipped by spring-forward just after the gap, and a repeated one at its first occurrence", () => {
    expect(instantOf(clock(2026, 3, 29, 2, 30), AMS).toISOString()).toBe("2026-03-29T01:30:00.000Z"); // 03:30 CEST
    expect(instantOf(clock(2026, 10, 25, 2, 30), AMS).toISOString()).toBe("2026-10-25T00:30:00.000Z"); // first 02:30 (CEST)
  });

  it("round-trips wall clocks", () => {
    const at = new Date("2026-07-01T12:34:56.789Z");
    expect(instantOf(toZoned(at, NY), NY).toISOString()).toBe(at.toISOString());
  });

  it("knows local days, their starts and the days between them", () => {
    const lateEvening = new Date("2026-03-28T23:30:00Z"); // 00:30 on the 29th in Amsterdam
    expect(localDateKey(lateEvening, AMS)).toBe("2026-03-29");
    expect(localDateKey(lateEvening, NY)).toBe("2026-03-28");
    expect(startOfLocalDay(lateEvening, AMS).toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(addLocalDays(new Date("2026-03-28T16:00:00Z"), 2, AMS).toISOString()).toBe("2026-03-30T15:00:00.000Z");
    expect(localDaysBetween(new Date("2026-03-28T22:59:00Z"), new Date("2026-04-01T00:00:00Z"), AMS)).toBe(4);
    expect(localDaysBetween(new Date("2026-04-01T00:00:00Z"), new Date("2026-03-28T22:59:00Z"), AMS)).toBe(-4);
  });

  it("recognises IANA zones", () => {
    expect(isValidTimeZone(AMS)).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
  });
});

describe("toZoned fast path for UTC", () => {
  it("gives the same wall clock as the time-zone database (Etc/UTC) at any instant", () => {
    for (let ms = Date.UTC(1999, 11, 31, 23, 59, 59, 999); ms < Date.UTC(2031, 0, 1); ms += 86_400_000 * 37 + 3_600_000 * 7 + 61_001) {
      const instant = new Date(ms);
      expect(toZoned(instant, "UTC")).toEqual(toZoned(instant, "Etc/UTC"));
    }
  });
});
