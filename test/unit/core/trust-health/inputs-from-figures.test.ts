import { describe, expect, it } from "vitest";
import type { CommitmentFigures, ReliabilityFigures } from "../../../../src/core/commitments/commitment-figures.js";
import { tallyPoll } from "../../../../src/core/polls/poll-tally.js";
import type { PulseFigures } from "../../../../src/core/pulse/pulse-figures.js";
import {
  commitmentEventsFromFigures,
  periodInputFromFigures,
  sayFromPollTally,
} from "../../../../src/core/trust-health/inputs-from-figures.js";
import { computeTrustHealth } from "../../../../src/core/trust-health/trust-health-report.js";
import { NO_COMMITMENT_EVENTS } from "../../../../src/core/trust-health/trust-health-inputs.js";

function reliability(kept: number, keptLate: number, broken: number): ReliabilityFigures {
  const resolved = kept + keptLate + broken;
  return { resolved, kept, keptLate, broken, withdrawn: 0, renegotiated: 0, disputed: 0, reliability: (kept + keptLate) / resolved, onTimeRate: kept / resolved };
}

const ref = { number: 1, dueAt: new Date("2026-03-04T17:00:00Z") };
const commitments: CommitmentFigures = {
  allianceId: "all-1",
  period: { start: new Date("2026-02-09T00:00:00Z"), end: new Date("2026-03-09T00:00:00Z") },
  asOf: new Date("2026-03-09T00:00:00Z"),
  timeZone: "Europe/Amsterdam",
  overall: reliability(5, 1, 2),
  byOrganization: [
    { ...reliability(4, 0, 1), organizationId: "org-a" },
    { ...reliability(1, 1, 1), organizationId: "org-b" },
  ],
  byDirection: [],
  reciprocity: [{ organizationA: "org-a", organizationB: "org-b", deliveredAToB: 4, deliveredBToA: 2, ratio: 2, balance: 0.5 }],
  clarity: { commitments: 12, withOwner: 12, withDueDate: 11, withDefinitionOfDone: 9, complete: 9, share: 0.75 },
  clarityByOrganization: [],
  overdue: [{ ...ref, id: "c-2", text: "Roadmap", ownerOrganizationId: "org-a", beneficiaryOrganizationId: "org-b", dueDate: "2026-03-02", daysOverdue: 7 }],
  broken: [{ ...ref, id: "c-1", text: "Pilot results", ownerOrganizationId: "org-b", beneficiaryOrganizationId: "org-a", dueDate: "2026-03-04" }],
  disputed: [],
};

const pulse: PulseFigures = {
  allianceId: "all-1",
  periodKeys: ["2026-W10"],
  k: 5,
  overall: {
    reliability: { kind: "score", mean: 4.2, score: 80, respondents: 11 },
    trust: { kind: "score", mean: 3.2, score: 55, respondents: 11 },
    transparency: { kind: "hidden", reason: "below_threshold" },
    culture: { kind: "score", mean: 3, score: 50, respondents: 11 },
  },
  organizations: [
    {
      organizationId: "org-a",
      name: "Acme",
      participation: { invited: 10, completed: 6, rate: 0.6 },
      answeredBy: { reliability: { kind: "score", mean: 4, score: 75, respondents: 6 }, trust: { kind: "score", mean: 3, score: 50, respondents: 6 } },
      seenByPartners: { reliability: { kind: "score", mean: 4, score: 75, respondents: 5 } },
      selfPerception: {},
      comments: { kind: "comments", items: [] },
    },
    {
      organizationId: "org-b",
      name: "Bolt",
      participation: { invited: 6, completed: 5, rate: 5 / 6 },
      answeredBy: { trust: { kind: "hidden", reason: "complementary" } },
      seenByPartners: { reliability: { kind: "hidden", reason: "below_threshold" } },
      selfPerception: {},
      comments: { kind: "hidden", reason: "below_threshold" },
    },
  ],
  perception: [],
  participation: { invited: 16, completed: 11, rate: 11 / 16 },
};

describe("periodInputFromFigures", () => {
  const input = periodInputFromFigures({
    periodKey: "2026-W10",
    label: "week 10",
    organizations: [
      { id: "org-a", name: "Acme" },
      { id: "org-b", name: "Bolt" },
    ],
    commitments,
    pulse,
  });

  it("maps pulse pillars to perceived scores, keeping hidden markers and dropping culture", () => {
    expect(input.perceived).toEqual({
      reliability: { kind: "score", score: 80, respondents: 11 },
      trust: { kind: "score", score: 55, respondents: 11 },
      transparency: { kind: "hidden" },
    });
  });

  it("maps commitment figures: kept late counts as kept, clarity share, reciprocity imbalance from the pair", () => {
    expect(input.observed.reliability).toEqual({ keptRate: 0.75, resolved: 8 });
    expect(input.observed.clarity).toEqual({ share: 0.75, commitments: 12 });
    // Acme delivered 4, Bolt 2: |4 − 2| / 6 = 1/3.
    expect(input.observed.reciprocity?.imbalance).toBeCloseTo(1 / 3, 10);
    expect(input.observed.reciprocity?.exchanges).toBe(6);
  });

  it("maps each organisation's record, partners' rating and participation", () => {
    expect(input.organizations).toEqual([
      { organizationId: "org-a", name: "Acme", observed: { keptRate: 0.8, resolved: 5 }, perceivedByPartners: { kind: "score", score: 75, respondents: 5 }, participation: { invited: 10, responded: 6 } },
      { organizationId: "org-b", name: "Bolt", observed: { keptRate: 2 / 3, resolved: 3 }, perceivedByPartners: { kind: "hidden" }, participation: { invited: 6, responded: 5 } },
    ]);
  });

  it("uses only organisations with a published trust score as say-vs-do groups", () => {
    expect(input.groups).toEqual([{ groupId: "org-a", scores: { reliability: 75, trust: 50 } }]);
  });

  it("feeds the model end to end", () => {
    const report = computeTrustHealth({ periods: [input], uncertainty: "medium", say: null, commitmentEvents: NO_COMMITMENT_EVENTS });
    // reliability: w = 0.48; 0.48·75 + 0.52·80 = 77.6
    expect(report.pillars.find((p) => p.pillar === "reliability")?.score).toBe(77.6);
    expect(report.pillars.find((p) => p.pillar === "transparency")?.parts.perceivedHidden).toBe(true);
  });
});

describe("commitmentEventsFromFigures", () => {
  it("lists broken, disputed and overdue commitments with local due dates", () => {
    const events = commitmentEventsFromFigures(commitments);
    expect(events.broken).toEqual([{ id: "c-1", text: "Pilot results", ownerOrganizationId: "org-b", beneficiaryOrganizationId: "org-a", dueDate: "2026-03-04" }]);
    expect(events.overdue[0]).toMatchObject({ id: "c-2", daysOverdue: 7 });
    expect(events.disputed).toEqual([]);
  });
});

describe("sayFromPollTally", () => {
  const options = ["Trust", "Reliability", "Transparency", "Reciprocity", "Clear agreements"].map((label, position) => ({
    id: `o${position}`,
    position,
    label,
  }));
  const poll = { id: "poll-1", templateKey: "collaboration-priorities", options, mode: "single" as const, anonymous: true };
  const ballots = [0, 0, 0, 1, 2].map((i) => ({ organizationId: null, optionIds: [`o${i}`] }));

  it("turns the brief's poll into shares per pillar", () => {
    const say = sayFromPollTally(poll, tallyPoll(poll, ballots, { k: 5 }));
    expect(say).toEqual({
      pollId: "poll-1",
      respondents: 5,
      shares: { trust: 0.6, reliability: 0.2, transparency: 0.2, reciprocity: 0, clear_agreements: 0 },
    });
  });

  it("ignores other polls and unpublished tallies", () => {
    expect(sayFromPollTally({ ...poll, templateKey: null }, tallyPoll(poll, ballots, { k: 5 }))).toBeNull();
    expect(sayFromPollTally(poll, tallyPoll(poll, ballots.slice(0, 3), { k: 5 }))).toBeNull();
  });
});
