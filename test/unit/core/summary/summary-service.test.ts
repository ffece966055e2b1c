import { describe, expect, it } from "vitest";
import { reportedPeriodKey } from "../../../../src/core/summary/summary-service.js";

const alliance = (cadence: "weekly" | "biweekly" | "monthly") => ({ timezone: "Europe/Amsterdam", summary: { cadence, weekday: 1, hour: 9 } });

describe("reportedPeriodKey", () => {
  it("reports the week that ended, in the alliance's zone, on the Monday morning post", () => {
    expect(reportedPeriodKey(alliance("weekly"), new Date("2026-11-23T08:00:00Z"))).toBe("2026-W47");
    // Sunday 23:30 in Amsterdam is still week 47 there, so week 46 is the last complete one.
    expect(reportedPeriodKey(alliance("weekly"), new Date("2026-11-22T22:30:00Z"))).toBe("2026-W46");
  });

  it("reports the month that ended for a monthly summary, across the turn of the year", () => {
    expect(reportedPeriodKey(alliance("monthly"), new Date("2027-01-04T08:00:00Z"))).toBe("2026-12");
  });
});
