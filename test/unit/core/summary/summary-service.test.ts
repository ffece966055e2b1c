import { describe, expect, it } from "vitest";
import { buildTrustHealthSummary } from "#core/summary/build-summary.js";
import { createSummaryService, reportedPeriodKey, type SummaryServiceDeps } from "#core/summary/summary-service.js";
import { workedInput } from "../../../fixtures/trust-health-worked-example.js";

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

describe("the scheduled summary's view", () => {
  // viewOf only presents a stored summary: none of the sources is read.
  const unused = {} as unknown as SummaryServiceDeps;
  const summary = buildTrustHealthSummary(workedInput);

  it("links to the methods note the deployment names, in the reader's language", () => {
    const service = createSummaryService({ ...unused, methodsUrl: "https://bot.example.org/methods" });
    expect(service.viewOf(summary, "en").presentation.methodsLink).toEqual({ label: "Open the methods note", url: "https://bot.example.org/methods" });
    expect(service.viewOf(summary, "nl").presentation.methodsLink?.label).toBe("Open de methodebeschrijving");
  });

  it("has no link, and says to ask the alliance manager, without one", () => {
    const view = createSummaryService(unused).viewOf(summary, "en");
    expect(view.presentation.methodsLink).toBeNull();
    expect(view.presentation.footer).toContain("How each number is computed: ask your alliance manager.");
  });
});
