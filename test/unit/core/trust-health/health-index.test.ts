import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foundationsMean, healthIndex, pillarWeight } from "#core/trust-health/health-index.js";

const scores = { reliability: 80, reciprocity: 80, transparency: 80, clear_agreements: 80, trust: 40 };

describe("healthIndex", () => {
  it("weighs trust 1, 2 and 3 times as uncertainty rises", () => {
    expect(pillarWeight("trust", "low")).toBe(1);
    expect(pillarWeight("trust", "medium")).toBe(2);
    expect(pillarWeight("trust", "high")).toBe(3);
    expect(pillarWeight("reliability", "high")).toBe(1);
    // F = 80, trust 40 (below F, so it counts as is), minus the gap penalty on |40 − 80|:
    // low: (320 + 40)/5 − 0.1·40 = 68; medium: (320 + 80)/6 − 0.2·40 = 58.7; high: (320 + 120)/7 − 0.3·40 = 50.9
    expect(healthIndex(scores, "low")).toBe(68);
    expect(healthIndex(scores, "medium")).toBe(58.7);
    expect(healthIndex(scores, "high")).toBe(50.9);
  });

  it("leaves pillars without data out of both sums", () => {
    // (80 + 60 + 3·40) / 5 − 0.3·|40 − 70| = 52 − 9 = 43
    expect(healthIndex({ reliability: 80, reciprocity: 60, transparency: null, clear_agreements: null, trust: 40 }, "high")).toBe(43);
  });

  it("needs at least 3 pillars with data", () => {
    expect(healthIndex({ reliability: 80, reciprocity: null, transparency: null, clear_agreements: null, trust: 40 }, "low")).toBeNull();
  });

  it("never scores unbacked trust higher at higher uncertainty, and trust above its foundations never raises the index", () => {
    const score = fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null });
    fc.assert(
      fc.property(score, score, score, score, fc.double({ min: 0, max: 100, noNaN: true }), (reliability, reciprocity, transparency, clear_agreements, trust) => {
        const s = { reliability, reciprocity, transparency, clear_agreements, trust };
        const [low, medium, high] = (["low", "medium", "high"] as const).map((u) => healthIndex(s, u));
        if (low == null || medium == null || high == null) return;
        expect(high).toBeLessThanOrEqual(medium + 0.1);
        expect(medium).toBeLessThanOrEqual(low + 0.1);
        const backed = { ...s, trust: Math.min(trust, foundationsMean(s) ?? trust) };
        for (const u of ["low", "medium", "high"] as const) expect(healthIndex(s, u)!).toBeLessThanOrEqual(healthIndex(backed, u)! + 0.1);
      }),
    );
  });
});
