import { describe, expect, it } from "vitest";
import { tallyPoll } from "#core/polls/poll-tally.js";
import { commitments, pulse } from "../../../fixtures/trust-health-figures.js";
import {
  commitmentEventsFromFigures,
  periodInputFromFigures,
  sayFromPollTally,
} from "#core/trust-health/inputs-from-figures.js";
import { computeTrustHealth } from "#core/trust-health/trust-health-report.js";
import { NO_COMMITMENT_EVENTS } from "#core/trust-health/trust-health-inputs.js";

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

  it("maps pulse pillars to calibrated perceived scores, keeping hidden markers and dropping culture", () => {
    // Calibration (docs §1.1): mean 4.2 → 85 + 0.2·15 = 88; mean 3.2 → 65 + 0.2·20 = 69.
    expect(input.perceived).toEqual({
      reliability: { kind: "score", score: 88, mean: 4.2, respondents: 11 },
      trust: { kind: "score", score: 69, mean: 3.2, respondents: 11 },
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
      { organizationId: "org-a", name: "Acme", observed: { keptRate: 0.8, resolved: 5 }, perceivedByPartners: { kind: "score", score: 85, mean: 4, respondents: 5 }, trustByPartners: null, participation: { invited: 10, responded: 6 } },
      { organizationId: "org-b", name: "Bolt", observed: { keptRate: 2 / 3, resolved: 3 }, perceivedByPartners: { kind: "hidden" }, trustByPartners: null, participation: { invited: 6, responded: 5 } },
    ]);
  });

  it("uses only organisations with a published trust score as say-vs-do groups", () => {
    expect(input.groups).toEqual([{ groupId: "org-a", scores: { reliability: 85, trust: 65 } }]);
  });

  it("feeds the model end to end", () => {
    const report = computeTrustHealth({ periods: [input], uncertainty: "medium", say: null, commitmentEvents: NO_COMMITMENT_EVENTS });
    // reliability: w = 0.48; 0.48·75 + 0.52·88 = 81.8 (perceived calibrated)
    expect(report.pillars.find((p) => p.pillar === "reliability")?.score).toBe(81.8);
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
