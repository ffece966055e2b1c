import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decideSuppression, effectiveAnonymityThreshold } from "#core/anonymity/anonymity.js";

// Random alliances: 1–7 groups of 0–15 people, a configured k of 0–10, total published or not.
const scenario = fc.record({
  sizes: fc.array(fc.nat({ max: 15 }), { minLength: 1, maxLength: 7 }),
  configuredK: fc.integer({ min: 0, max: 10 }),
  publishTotal: fc.boolean(),
  unreportable: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
});

interface Scenario {
  sizes: number[];
  configuredK: number;
  publishTotal: boolean;
  unreportable: boolean[];
}

function decide(input: Scenario) {
  return decideSuppression({
    groups: input.sizes.map((contributors, index) => ({
      id: `g${index}`,
      contributors,
      reportable: !input.unreportable[index],
    })),
    k: input.configuredK,
    publishTotal: input.publishTotal,
  });
}

/**
 * Every group of people an observer can isolate from the published figures: any union of
 * published groups, and — when the total is published — the total minus any union of published
 * groups (which always contains the hidden union). Returns the sizes of the sets they can pin down.
 */
function recoverableSetSizes(decision: ReturnType<typeof decideSuppression>): number[] {
  const published = decision.groups.filter((group) => group.published).map((group) => group.contributors);
  const sizes: number[] = [];
  for (let mask = 0; mask < 1 << published.length; mask++) {
    const union = published.reduce((sum, size, index) => (mask & (1 << index) ? sum + size : sum), 0);
    sizes.push(union);
    if (decision.totalPublished) sizes.push(decision.totalContributors - union);
  }
  return sizes;
}

describe("anonymity properties", () => {
  it("publishes no group figure with fewer than k contributors", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const decision = decide(input);
        for (const group of decision.groups) {
          if (group.published) expect(group.contributors).toBeGreaterThanOrEqual(decision.k);
        }
        if (decision.totalPublished) expect(decision.totalContributors).toBeGreaterThanOrEqual(decision.k);
      }),
      { numRuns: 500 },
    );
  });

  it("lets nobody isolate fewer than k (but some) people by subtracting published figures", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const decision = decide(input);
        for (const size of recoverableSetSizes(decision)) {
          expect(size === 0 || size >= decision.k).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("leaves the total minus the published groups either empty or at least k people", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const decision = decide(input);
        fc.pre(decision.totalPublished);
        const hiddenUnion = decision.groups.filter((group) => !group.published).reduce((s, g) => s + g.contributors, 0);
        expect(hiddenUnion === 0 || hiddenUnion >= decision.k).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("hides a reportable group of at least k only to protect another (complementary) and only when a total is published", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const decision = decide(input);
        for (const group of decision.groups) {
          if (group.hiddenReason === "complementary") {
            expect(decision.totalPublished).toBe(true);
            expect(group.contributors).toBeGreaterThanOrEqual(decision.k);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it("publishes the total exactly when asked and at least k people contributed", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const decision = decide(input);
        const total = input.sizes.reduce((sum, size) => sum + size, 0);
        expect(decision.totalPublished).toBe(input.publishTotal && total >= effectiveAnonymityThreshold(input.configuredK));
      }),
      { numRuns: 300 },
    );
  });
});
