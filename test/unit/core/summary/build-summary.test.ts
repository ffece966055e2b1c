import { describe, expect, it } from "vitest";
import { buildTrustHealthSummary } from "#core/summary/build-summary.js";
import { buildSummaryFromFigures } from "#core/summary/summary-from-figures.js";
import { tallyPoll } from "#core/polls/poll-tally.js";
import { commitments, pulse } from "../../../fixtures/trust-health-figures.js";
import { week10, week9, workedInput } from "../../../fixtures/trust-health-worked-example.js";

describe("buildTrustHealthSummary", () => {
  const summary = buildTrustHealthSummary(workedInput);

  it("carries the model's index, pillars and diagnosis for the current period", () => {
    expect(summary.period).toEqual({ key: "2026-W10", label: "week 10" });
    expect(summary.index.score).toBe(59.4);
    expect(summary.pillars.map((p) => [p.pillar, p.score, p.rag])).toEqual([
      ["reliability", 77.6, "green"],
      ["reciprocity", 69.8, "amber"],
      ["transparency", 70, "green"],
      ["clear_agreements", 67, "amber"],
      ["trust", 55, "amber"],
    ]);
    // 6 of 8 kept straddles the thresholds: not enough evidence yet (docs §8).
    expect(summary.diagnosis.diagnosis).toBe("insufficient_data");
    expect(summary.diagnosis.steps).toHaveLength(2);
  });

  it("shows observed vs perceived reliability per organisation, hiding what fewer than k rated", () => {
    expect(summary.organizations).toEqual([
      expect.objectContaining({ name: "Acme", keptRate: 80, resolved: 5, perceivedReliability: 75, gap: 5, gapMarked: false }),
      expect.objectContaining({ name: "Bolt", keptRate: 66.7, resolved: 3, perceivedReliability: null, perceivedHidden: true, gap: null }),
    ]);
  });

  it("marks a gap of 20 points or more only when it is clear of noise", () => {
    const withOrg = (observed: { keptRate: number; resolved: number }, respondents: number) => ({
      ...week10,
      organizations: [{ ...week10.organizations[0]!, observed, perceivedByPartners: { kind: "score" as const, score: 85, respondents } }],
    });
    const noisy = buildTrustHealthSummary({ ...workedInput, periods: [week9, withOrg({ keptRate: 0.5, resolved: 6 }, 6)] });
    expect(noisy.organizations[0]!.gap!).toBeLessThanOrEqual(-20);
    expect(noisy.organizations[0]!.gapMarked).toBe(false);
    const clear = buildTrustHealthSummary({ ...workedInput, periods: [week9, withOrg({ keptRate: 0.3, resolved: 30 }, 20)] });
    expect(clear.organizations[0]!.gapMarked).toBe(true);
  });

  it("reports reciprocity balance, clarity and overall participation", () => {
    expect(summary.reciprocity).toEqual({ imbalance: 0.25, balance: 75, exchanges: 8, pairs: [] });
    expect(summary.clarity).toEqual({ share: 75, commitments: 12 });
    expect(summary.participation).toEqual({ invited: 16, responded: 11, rate: 68.8 });
  });

  it("pairs every notable event with its next step (Acme's participation drop from 10 people is within noise)", () => {
    expect(summary.events.map((e) => [e.event.kind, e.step])).toEqual([
      ["commitment_broken", "trustHealth.eventStep.commitment_broken"],
      ["commitment_overdue", "trustHealth.eventStep.commitment_overdue"],
    ]);
  });

  it("lists every figure hidden for anonymity", () => {
    expect(summary.hidden).toEqual([
      { kind: "organization_reliability", organizationId: "org-b" },
      { kind: "culture_profile", organizationId: "org-b" },
    ]);
  });

  it("survives a JSON round trip unchanged, so it can be stored in Summary.content", () => {
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });
});

describe("buildSummaryFromFigures", () => {
  it("builds the summary straight from commitment, pulse and poll figures", () => {
    const options = ["Trust", "Reliability", "Transparency", "Reciprocity", "Clear agreements"].map((label, position) => ({
      id: `o${position}`,
      position,
      label,
    }));
    const poll = { id: "poll-1", templateKey: "collaboration-priorities", options, mode: "single" as const, anonymous: true };
    const ballots = [0, 0, 0, 1, 2].map((i) => ({ organizationId: null, optionIds: [`o${i}`] }));
    const summary = buildSummaryFromFigures({
      alliance: workedInput.alliance,
      organizations: [
        { id: "org-a", name: "Acme" },
        { id: "org-b", name: "Bolt" },
      ],
      periods: [{ periodKey: "2026-W10", label: "week 10", commitments, pulse }],
      currentCommitments: commitments,
      poll: { poll, tally: tallyPoll(poll, ballots, { k: 5 }) },
      cultureFit: null,
      generatedAt: new Date("2026-03-09T08:00:00Z"),
    });
    expect(summary.pillars.find((p) => p.pillar === "reliability")?.score).toBe(81.8); // calibrated perception: 0.48·75 + 0.52·88
    expect(summary.sayVsDo.topSaid).toBe("trust");
    expect(summary.events.map((e) => e.event.kind)).toEqual(["commitment_broken", "commitment_overdue"]);
    expect(summary.hidden).toEqual([
      { kind: "pillar_perception", pillar: "transparency" },
      { kind: "organization_reliability", organizationId: "org-b" },
    ]);
  });
});
