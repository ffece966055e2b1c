import { describe, expect, it } from "vitest";
import { healthIndex, pillarWeight } from "../../../../src/core/trust-health/health-index.js";

const scores = { reliability: 80, reciprocity: 80, transparency: 80, clear_agreements: 80, trust: 40 };

describe("healthIndex", () => {
  it("weighs trust 1, 2 and 3 times as uncertainty rises", () => {
    expect(pillarWeight("trust", "low")).toBe(1);
    expect(pillarWeight("trust", "medium")).toBe(2);
    expect(pillarWeight("trust", "high")).toBe(3);
    expect(pillarWeight("reliability", "high")).toBe(1);
    // low: (320 + 40)/5 = 72; medium: (320 + 80)/6 = 66.7; high: (320 + 120)/7 = 62.9
    expect(healthIndex(scores, "low")).toBe(72);
    expect(healthIndex(scores, "medium")).toBe(66.7);
    expect(healthIndex(scores, "high")).toBe(62.9);
  });

  it("leaves pillars without data out of both sums", () => {
    // (80 + 60 + 3·40) / 5 = 52
    expect(healthIndex({ reliability: 80, reciprocity: 60, transparency: null, clear_agreements: null, trust: 40 }, "high")).toBe(52);
  });

  it("needs at least 3 pillars with data", () => {
    expect(healthIndex({ reliability: 80, reciprocity: null, transparency: null, clear_agreements: null, trust: 40 }, "low")).toBeNull();
  });
});
