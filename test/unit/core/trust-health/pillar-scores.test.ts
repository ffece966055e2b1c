import { describe, expect, it } from "vitest";
import { blend, observedWeight, round1, scorePillar } from "#core/trust-health/pillar-scores.js";
import { perceivedPeriod } from "./period-builder.js";

describe("observedWeight", () => {
  it("ramps linearly from 0 to 0.6 at 10 resolved items and stays there", () => {
    expect(observedWeight(0)).toBe(0);
    expect(observedWeight(1)).toBeCloseTo(0.06, 10);
    expect(observedWeight(5)).toBeCloseTo(0.3, 10);
    expect(observedWeight(10)).toBeCloseTo(0.6, 10);
    expect(observedWeight(40)).toBeCloseTo(0.6, 10);
  });
});

describe("blend", () => {
  it("shrinks towards perception when few commitments were resolved", () => {
    // 1 resolved and broken: 0.06·0 + 0.94·80 = 75.2, not a crash to 0.
    expect(blend({ value: 0, count: 1 }, 80).score).toBe(75.2);
  });

  it("uses perception alone when there is no observed figure", () => {
    expect(blend(null, 63.25)).toEqual({ score: 63.3, weight: 0 });
  });

  it("uses observed data alone only from 5 items", () => {
    expect(blend({ value: 40, count: 4 }, null).score).toBeNull();
    expect(blend({ value: 40, count: 5 }, null)).toEqual({ score: 40, weight: 1 });
  });

  it("says no data (null), never 0, when both are missing", () => {
    expect(blend(null, null).score).toBeNull();
  });
});

describe("scorePillar", () => {
  it("treats a hidden perceived figure as missing but marks it hidden", () => {
    const period = perceivedPeriod(1, {}, { perceived: { trust: { kind: "hidden" } } });
    const trust = scorePillar("trust", period);
    expect(trust.score).toBeNull();
    expect(trust.parts.perceivedHidden).toBe(true);
  });

  it("ignores an observed record with zero resolved commitments", () => {
    const period = perceivedPeriod(1, { reliability: 60 }, {
      observed: { reliability: { keptRate: 0, resolved: 0 }, clarity: null, reciprocity: null },
    });
    expect(scorePillar("reliability", period).score).toBe(60);
  });

  it("scores reciprocity from 1 − imbalance", () => {
    const period = perceivedPeriod(1, { reciprocity: 50 }, {
      observed: { reliability: null, clarity: null, reciprocity: { imbalance: 0.1, exchanges: 10 } },
    });
    // 0.6·90 + 0.4·50 = 74.
    expect(scorePillar("reciprocity", period).score).toBe(74);
  });
});

describe("round1", () => {
  it("rounds half away from zero despite binary artefacts", () => {
    expect(round1(69.85)).toBe(69.9);
    expect(round1(0.48 * 75)).toBe(36);
    expect(round1(-1.25)).toBe(-1.3);
  });
});
