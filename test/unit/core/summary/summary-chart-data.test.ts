import { describe, expect, it } from "vitest";
import { buildTrustHealthSummary } from "#core/summary/build-summary.js";
import { summaryChartData } from "#core/summary/summary-chart-data.js";
import { formatPeriod, sparkline } from "#core/summary/summary-format.js";
import { workedInput } from "../../../fixtures/trust-health-worked-example.js";

describe("summaryChartData", () => {
  const data = summaryChartData(buildTrustHealthSummary(workedInput), "en");

  it("gives one trend row per pillar and the index per period, oldest first", () => {
    expect(data.pillarTrends).toHaveLength(6 * 2);
    expect(data.pillarTrends.filter((r) => r.series === "reliability")).toEqual([
      { series: "reliability", seriesLabel: "Reliability", periodKey: "2026-W09", period: "W9", order: 0, score: 72 },
      { series: "reliability", seriesLabel: "Reliability", periodKey: "2026-W10", period: "W10", order: 1, score: 77.6 },
    ]);
    expect(data.titles.pillarTrends).toBe("Pillar scores, last 8 periods");
    expect(data.periods).toEqual(["W9", "W10"]);
    expect(data.rag).toEqual({ amber: 50, green: 70 });
  });

  it("gives kept-rate and partners' rating per organisation, flagging hidden ratings", () => {
    expect(data.keptRateByOrganization.map((r) => [r.organization, r.measure, r.value, r.hidden])).toEqual([
      ["Acme", "observed", 80, false],
      ["Acme", "perceived", 75, false],
      ["Bolt", "observed", 66.7, false],
      ["Bolt", "perceived", null, true],
    ]);
  });

  it("gives radar rows only for visible culture profiles", () => {
    expect(data.cultureRadar?.map((r) => `${r.organization}/${r.profile}/${r.quadrant}=${r.value}`)).toEqual([
      "Acme/now/clan=22.5",
      "Acme/now/adhocracy=20.8",
      "Acme/now/market=25.8",
      "Acme/now/hierarchy=30.9",
      "Acme/preferred/clan=32.5",
      "Acme/preferred/adhocracy=27.5",
      "Acme/preferred/market=20",
      "Acme/preferred/hierarchy=20",
    ]);
    expect(summaryChartData(buildTrustHealthSummary({ ...workedInput, cultureFit: null }), "en").cultureRadar).toBeNull();
  });
});

describe("sparkline", () => {
  it("maps 0–100 onto eight bars and shows gaps", () => {
    const points = [0, 12.5, 50, 99.9, 100, null].map((score, i) => ({ periodKey: `${i}`, label: `${i}`, score }));
    expect(sparkline(points)).toBe("▁▂▅██·");
  });
});

describe("formatPeriod", () => {
  it("formats ISO weeks and months in the reader's language, else keeps the stored label", () => {
    expect(formatPeriod("2026-W09", "x", "en", "long")).toBe("week 9, 2026");
    expect(formatPeriod("2026-W09", "x", "nl", "short")).toBe("W9");
    expect(formatPeriod("2026-03", "x", "en", "long")).toBe("March 2026");
    expect(formatPeriod("2026-03", "x", "nl", "long")).toBe("maart 2026");
    expect(formatPeriod("2026-03", "x", "nl", "short")).toBe("mrt");
    expect(formatPeriod("sprint-4", "Sprint 4", "en", "long")).toBe("Sprint 4");
  });
});
