import { describe, expect, it } from "vitest";
import { pearson, sayVsDo } from "#core/trust-health/say-vs-do.js";
import { scorePeriod } from "#core/trust-health/pillar-scores.js";
import { PILLARS, type Pillar } from "#core/trust-health/pillars.js";
import type { SayInput, TrustHealthPeriodInput } from "#core/trust-health/trust-health-inputs.js";
import { perceivedPeriod } from "./period-builder.js";

const poll: SayInput = { pollId: "p", respondents: 40, shares: { trust: 0.61, reliability: 0.2, transparency: 0.19 } };

function allianceScores(periods: TrustHealthPeriodInput[]) {
  return periods.map((period) => {
    const scored = scorePeriod(period);
    return Object.fromEntries(PILLARS.map((p) => [p, scored[p].score])) as Record<Pillar, number | null>;
  });
}

/** Trust follows reliability exactly; transparency is flat; reciprocity goes the other way. */
function periods(count: number): TrustHealthPeriodInput[] {
  return Array.from({ length: count }, (_, i) =>
    perceivedPeriod(i + 1, { reliability: 50 + 5 * i, trust: 40 + 5 * i, transparency: 60, reciprocity: 80 - 3 * i }),
  );
}

describe("pearson", () => {
  it("matches a hand computation", () => {
    // x = 1,2,3,4 (mean 2.5)  y = 2,4,5,4 (mean 3.75): Sxy = 3.5, Sxx = 5, Syy = 4.75
    // → r = 3.5 / √(5 · 4.75) = 3.5 / 4.8734 = 0.7182
    expect(pearson([1, 2, 3, 4], [2, 4, 5, 4])).toBeCloseTo(0.7182, 4);
  });

  it("is null when one side never varies", () => {
    expect(pearson([1, 2, 3], [5, 5, 5])).toBeNull();
  });
});

describe("sayVsDo", () => {
  it("says not enough data with fewer than 6 periods", () => {
    const five = periods(5);
    const result = sayVsDo(poll, five, allianceScores(five));
    expect(result.finding).toBe("not_enough_data");
    expect(result.movements.every((m) => m.r === null)).toBe(true);
    expect(result.movements.find((m) => m.pillar === "reliability")?.points).toBe(5);
  });

  it("finds that trust grows from reliability while members say trust", () => {
    const six = periods(6);
    const result = sayVsDo(poll, six, allianceScores(six));
    expect(result.finding).toBe("trust_grows_from");
    expect(result.source).toBe("alliance");
    expect(result.topSaid).toBe("trust");
    expect(result.topMover).toBe("reliability");
    const byPillar = Object.fromEntries(result.movements.map((m) => [m.pillar, m]));
    expect(byPillar.reliability).toMatchObject({ r: 1, movesWithTrust: true, points: 6 });
    expect(byPillar.reciprocity).toMatchObject({ r: -1, movesWithTrust: false });
    // Flat transparency has no variation: no correlation rather than a fake 0.
    expect(byPillar.transparency).toMatchObject({ r: null, movesWithTrust: false });
    expect(byPillar.clear_agreements).toMatchObject({ r: null, points: 0 });
  });

  it("uses only the last 8 periods", () => {
    const twelve = periods(12);
    const result = sayVsDo(poll, twelve, allianceScores(twelve));
    expect(result.movements.find((m) => m.pillar === "reliability")?.points).toBe(8);
  });

  it("reports a mismatch when members say one foundation but another moves trust", () => {
    const six = periods(6);
    const said: SayInput = { pollId: "p", respondents: 10, shares: { transparency: 0.5, reliability: 0.3, trust: 0.2 } };
    expect(sayVsDo(said, six, allianceScores(six))).toMatchObject({ finding: "mismatch", topSaid: "transparency", topMover: "reliability" });
  });

  it("reports alignment when the most-chosen pillar is the one that moves trust", () => {
    const six = periods(6);
    const said: SayInput = { pollId: "p", respondents: 10, shares: { reliability: 0.5, trust: 0.3 } };
    expect(sayVsDo(said, six, allianceScores(six)).finding).toBe("aligned");
  });

  it("reports no_poll when there is no poll result", () => {
    const six = periods(6);
    expect(sayVsDo(null, six, allianceScores(six)).finding).toBe("no_poll");
  });

  it("uses respondent groups per period when they exist", () => {
    // 3 periods × 2 groups = 6 points: enough, although 3 periods alone would not be.
    const grouped = Array.from({ length: 3 }, (_, i) =>
      perceivedPeriod(i + 1, { reliability: 60, trust: 60 }, {
        groups: [
          { groupId: "a", scores: { reliability: 40 + 10 * i, trust: 45 + 10 * i, reciprocity: 70 } },
          { groupId: "b", scores: { reliability: 70 + 5 * i, trust: 72 + 5 * i, reciprocity: 50 + i } },
        ],
      }),
    );
    const result = sayVsDo(poll, grouped, allianceScores(grouped));
    expect(result.source).toBe("groups");
    expect(result.movements.find((m) => m.pillar === "reliability")).toMatchObject({ points: 6, movesWithTrust: true });
  });

  it("says nothing_moves when no foundation reaches r = 0.5", () => {
    const flatish = [50, 52, 49, 51, 50, 48].map((trust, i) =>
      perceivedPeriod(i + 1, { trust, reliability: [60, 58, 61, 59, 62, 60][i] ?? 60 }),
    );
    const result = sayVsDo(poll, flatish, allianceScores(flatish));
    expect(result.finding).toBe("nothing_moves");
  });
});
