import { describe, expect, it } from "vitest";
import { notableEvents, participationRate } from "#core/trust-health/notable-events.js";
import { NO_COMMITMENT_EVENTS, type OrganizationPeriodInput } from "#core/trust-health/trust-health-inputs.js";
import { reciprocityImbalance } from "#core/trust-health/reciprocity.js";
import { pillarBounds } from "#core/trust-health/pillar-bounds.js";
import { calibrateLikert } from "#core/trust-health/calibration.js";
import { FLAG_LEVEL } from "#core/trust-health/trust-health-constants.js";
import { perceivedPeriod } from "./period-builder.js";

const scores = (trust: number | null) => ({ reliability: 70, reciprocity: 70, transparency: 70, clear_agreements: 70, trust });
const band = { low: 60, high: 80 };
/** Intervals of the current scores: trust's is `trust`, the rest clearly green. */
const bounds = (trust: { low: number; high: number } | null) => ({ reliability: band, reciprocity: band, transparency: band, clear_agreements: band, trust });
const noBounds = bounds(null);
const org = (id: string, invited: number, responded: number): OrganizationPeriodInput => ({
  organizationId: id,
  name: id,
  observed: null,
  perceivedByPartners: null,
  participation: { invited, responded },
});

describe("notableEvents", () => {
  it("reports a pillar that turned red, but not one that was already red or had no data", () => {
    const base = { commitments: NO_COMMITMENT_EVENTS, currentOrganizations: [], previousOrganizations: [], currentBounds: bounds({ low: 38, high: 49.9 }) };
    expect(notableEvents({ ...base, currentScores: scores(45), previousScores: scores(52) })).toEqual([
      { kind: "pillar_turned_red", pillar: "trust", score: 45, previous: "amber" },
    ]);
    expect(notableEvents({ ...base, currentScores: scores(45), previousScores: scores(48) })).toEqual([]);
    expect(notableEvents({ ...base, currentScores: scores(45), previousScores: scores(null) })).toEqual([]);
    expect(notableEvents({ ...base, currentScores: scores(45), previousScores: null })).toEqual([]);
  });

  it("does not report a pillar as turned red while its interval still reaches amber (noise)", () => {
    const base = { commitments: NO_COMMITMENT_EVENTS, currentOrganizations: [], previousOrganizations: [] };
    const args = { ...base, currentScores: scores(45), previousScores: scores(52) };
    expect(notableEvents({ ...args, currentBounds: bounds({ low: 35, high: 50 }) })).toEqual([]);
    expect(notableEvents({ ...args, currentBounds: bounds(null) })).toEqual([]);
  });

  it("reports a participation drop of 15 points or more per organisation and overall", () => {
    const events = notableEvents({
      commitments: NO_COMMITMENT_EVENTS,
      currentScores: scores(70),
      currentBounds: noBounds,
      previousScores: scores(70),
      currentOrganizations: [org("a", 200, 110), org("b", 200, 120)],
      previousOrganizations: [[org("a", 200, 140), org("b", 200, 160)]],
    });
    // a: 70% → 55% = 15 (inclusive); b: 80% → 60% = 20; overall 75% → 57.5% = 17.5.
    expect(events).toEqual([
      { kind: "participation_falling", organizationId: null, previousRate: 75, currentRate: 57.5, drop: 17.5 },
      { kind: "participation_falling", organizationId: "a", previousRate: 70, currentRate: 55, drop: 15 },
      { kind: "participation_falling", organizationId: "b", previousRate: 80, currentRate: 60, drop: 20 },
    ]);
  });

  it("does not report the same rates from 20 people each (within noise), but does a small team that stopped answering", () => {
    const args = { commitments: NO_COMMITMENT_EVENTS, currentScores: scores(70), currentBounds: noBounds, previousScores: scores(70) };
    const noisy = notableEvents({
      ...args,
      currentOrganizations: [org("a", 20, 11), org("b", 20, 12)],
      previousOrganizations: [[org("a", 20, 14), org("b", 20, 16)]],
    });
    expect(noisy).toEqual([]);
    // 7 people: 5 → 2 answering (71.4% → 28.6%) could be chance; 7 → 1 is not.
    expect(notableEvents({ ...args, currentOrganizations: [org("a", 7, 2)], previousOrganizations: [[org("a", 7, 5)]] })).toEqual([]);
    expect(notableEvents({ ...args, currentOrganizations: [org("a", 7, 1)], previousOrganizations: [[org("a", 7, 7)]] })).toEqual([
      { kind: "participation_falling", organizationId: null, previousRate: 100, currentRate: 14.3, drop: 85.7 },
      { kind: "participation_falling", organizationId: "a", previousRate: 100, currentRate: 14.3, drop: 85.7 },
    ]);
  });

  it("measures the drop against the rate pooled over the last 4 periods with a pulse, not one lucky week", () => {
    const args = { commitments: NO_COMMITMENT_EVENTS, currentScores: scores(70), currentBounds: noBounds, previousScores: scores(70) };
    const now = [org("a", 7, 3)];
    // Against the lucky last week alone (7 of 7) 3 of 7 would be a clear drop …
    expect(notableEvents({ ...args, currentOrganizations: now, previousOrganizations: [[org("a", 7, 7)]] })).toHaveLength(2);
    // … against the usual 22 of 28 it is within noise; the oldest period and the one without a pulse do not count.
    const earlier = [[org("a", 7, 0)], [org("a", 7, 5)], [org("a", 7, 5)], [org("a", 0, 0)], [org("a", 7, 5)], [org("a", 7, 7)]];
    expect(notableEvents({ ...args, currentOrganizations: now, previousOrganizations: earlier })).toEqual([]);
  });

  it("ignores a drop of 14.9 points and an organisation without a previous figure", () => {
    const events = notableEvents({
      commitments: NO_COMMITMENT_EVENTS,
      currentScores: scores(70),
      currentBounds: noBounds,
      previousScores: scores(70),
      currentOrganizations: [org("a", 1000, 551), org("new", 10, 1)],
      previousOrganizations: [[org("a", 1000, 700)]],
    });
    expect(events.filter((e) => e.kind === "participation_falling" && e.organizationId === "a")).toEqual([]);
    expect(events.some((e) => e.kind === "participation_falling" && e.organizationId === "new")).toBe(false);
  });

  it("lists broken, disputed, then overdue commitments, the longest overdue first", () => {
    const ref = { text: "x", ownerOrganizationId: "a", beneficiaryOrganizationId: "b", dueDate: "2026-03-01" };
    const events = notableEvents({
      commitments: {
        broken: [{ id: "b1", ...ref }],
        disputed: [{ id: "d1", ...ref }],
        overdue: [
          { id: "o1", ...ref, daysOverdue: 2 },
          { id: "o2", ...ref, daysOverdue: 9 },
        ],
      },
      currentScores: scores(70),
      currentBounds: noBounds,
      previousScores: null,
      currentOrganizations: [],
      previousOrganizations: null,
    });
    expect(events.map((e) => (e.kind.startsWith("commitment") && "commitment" in e ? e.commitment.id : e.kind))).toEqual([
      "b1",
      "d1",
      "o2",
      "o1",
    ]);
  });
});

describe("pillarBounds", () => {
  const trustFrom = (mean: number, respondents: number) => {
    const period = perceivedPeriod(1, {});
    period.perceived.trust = { kind: "score", score: calibrateLikert(mean), mean, respondents };
    return pillarBounds("trust", period, FLAG_LEVEL);
  };

  it("is red as a whole for a mean of 1.5 from 18 people, but reaches amber for 2.4 from 5", () => {
    expect(trustFrom(1.5, 18)!.high).toBeLessThan(50);
    const few = trustFrom(2.4, 5)!;
    expect(calibrateLikert(2.4)).toBeLessThan(50);
    expect(few.high).toBeGreaterThanOrEqual(50);
  });

  it("blends the observed and perceived bounds with the score's own weight", () => {
    const period = perceivedPeriod(1, {});
    period.perceived.reliability = { kind: "score", score: 65, mean: 3, respondents: 10 };
    period.observed.reliability = { keptRate: 0.2, resolved: 10 };
    const blended = pillarBounds("reliability", period, FLAG_LEVEL)!;
    const perceivedOnly = pillarBounds("reliability", { ...period, observed: { ...period.observed, reliability: null } }, FLAG_LEVEL)!;
    expect(blended.low).toBeLessThan(perceivedOnly.low);
    expect(blended.high).toBeLessThan(perceivedOnly.high);
    expect(pillarBounds("transparency", perceivedPeriod(1, {}), FLAG_LEVEL)).toBeNull();
  });
});

describe("participationRate", () => {
  it("is a percentage with one decimal, or null when nobody was invited", () => {
    expect(participationRate({ invited: 3, responded: 2 })).toBe(66.7);
    expect(participationRate({ invited: 0, responded: 0 })).toBeNull();
  });
});

describe("reciprocityImbalance", () => {
  it("is |a − b| / (a + b) for two partners", () => {
    expect(
      reciprocityImbalance([
        { organizationId: "a", delivered: 5, received: 3 },
        { organizationId: "b", delivered: 3, received: 5 },
      ]),
    ).toEqual({ imbalance: 0.25, exchanges: 8 });
  });

  it("generalises to three partners and is null when nothing was delivered", () => {
    // a gave 6 got 2, b gave 2 got 4, c gave 2 got 4: Σ|Δ| = 4 + 2 + 2 = 8, / (2·10) = 0.4
    expect(
      reciprocityImbalance([
        { organizationId: "a", delivered: 6, received: 2 },
        { organizationId: "b", delivered: 2, received: 4 },
        { organizationId: "c", delivered: 2, received: 4 },
      ]),
    ).toEqual({ imbalance: 0.4, exchanges: 10 });
    expect(reciprocityImbalance([{ organizationId: "a", delivered: 0, received: 0 }])).toBeNull();
  });
});
