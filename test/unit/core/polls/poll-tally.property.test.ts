import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PollBallot } from "#core/polls/poll.js";
import { tallyPoll } from "#core/polls/poll-tally.js";
import { pollWith } from "./poll-fixtures.js";

// Random polls: 2–10 options, single or multiple choice, 0–40 voters spread over 1–5 organisations
// (or none), k between 3 and 7.
const scenario = fc
  .record({
    options: fc.integer({ min: 2, max: 10 }),
    multiple: fc.boolean(),
    anonymous: fc.boolean(),
    k: fc.integer({ min: 3, max: 7 }),
    orgs: fc.integer({ min: 1, max: 5 }),
  })
  .chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      voters: fc.array(
        fc.record({
          org: fc.option(fc.integer({ min: 0, max: shape.orgs - 1 }), { freq: 8 }),
          picks: fc.uniqueArray(fc.integer({ min: 0, max: shape.options - 1 }), {
            minLength: 1,
            maxLength: shape.multiple ? shape.options : 1,
          }),
        }),
        { maxLength: 40 },
      ),
    }),
  );

interface Scenario {
  shape: { options: number; multiple: boolean; anonymous: boolean; k: number; orgs: number };
  voters: Array<{ org: number | null; picks: number[] }>;
}

function build({ shape, voters }: Scenario) {
  const poll = pollWith(shape.options, {
    mode: shape.multiple ? "multiple" : "single",
    maxChoices: shape.multiple ? shape.options : 1,
    anonymous: shape.anonymous,
  });
  const list: PollBallot[] = voters.map((voter, i) => ({
    pollId: poll.id,
    voterKey: `v${i}`,
    memberId: null,
    organizationId: voter.org === null ? null : `org${voter.org}`,
    optionIds: voter.picks.map((p) => `o${p}`),
    castOn: new Date("2026-03-02T00:00:00Z"),
  }));
  const organizationIds = Array.from({ length: shape.orgs }, (_, i) => `org${i}`);
  return { poll, ballots: list, organizationIds, tally: tallyPoll(poll, list, { k: shape.k, organizationIds }) };
}

describe("tally properties", () => {
  it("counts every selection exactly once, overall and per published organisation", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { ballots, tally } = build(input);
        const selections = ballots.reduce((sum, ballot) => sum + ballot.optionIds.length, 0);
        expect(tally.totalVoters).toBe(ballots.length);
        if (tally.overallPublished) expect(tally.options.reduce((sum, o) => sum + o.count, 0)).toBe(selections);
        for (const org of tally.organizations) {
          const own = ballots.filter((ballot) => ballot.organizationId === org.organizationId);
          expect(org.voters).toBe(own.length);
          expect(org.options.reduce((sum, o) => sum + o.count, 0)).toBe(own.reduce((s, b) => s + b.optionIds.length, 0));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("makes single-choice percentages add up to 100 (exactly when rounded)", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        fc.pre(!input.shape.multiple);
        const { tally } = build(input);
        fc.pre(tally.overallPublished && tally.totalVoters > 0);
        expect(tally.options.reduce((sum, o) => sum + o.percent, 0)).toBeCloseTo(100, 6);
        expect(tally.options.reduce((sum, o) => sum + o.percentRounded, 0)).toBe(100);
        for (const org of tally.organizations) {
          expect(org.options.reduce((sum, o) => sum + o.percentRounded, 0)).toBe(100);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("publishes no organisation with fewer than k voters and lets none be recovered from the overall figures", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { ballots, tally, poll } = build(input);
        for (const org of tally.organizations) expect(org.voters).toBeGreaterThanOrEqual(tally.k);
        if (!tally.overallPublished) return;
        // A named poll shows its overall figures at any size (voters are named anyway); with fewer
        // than k voters it publishes no organisation, so there is nothing to subtract.
        if (!poll.anonymous && tally.totalVoters < tally.k) {
          expect(tally.organizations).toEqual([]);
          return;
        }
        // What an observer learns by subtracting every published organisation from the overall
        // figures: the voters of all hidden groups together. That must be nobody or ≥ k people.
        const published = new Set(tally.organizations.map((org) => org.organizationId));
        const remainder = ballots.filter((ballot) => ballot.organizationId === null || !published.has(ballot.organizationId));
        expect(remainder.length === 0 || remainder.length >= tally.k).toBe(true);
        // And the per-option figures of that remainder are exactly the subtraction (a sanity
        // check that the published rows are the real figures, not something safer-looking).
        for (const option of poll.options) {
          const overall = tally.options.find((o) => o.optionId === option.id)?.count ?? 0;
          const shown = tally.organizations.reduce((s, org) => s + (org.options.find((o) => o.optionId === option.id)?.count ?? 0), 0);
          expect(overall - shown).toBe(remainder.filter((ballot) => ballot.optionIds.includes(option.id)).length);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("keeps an anonymous poll's overall figures hidden below k voters", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { tally } = build(input);
        if (input.shape.anonymous) expect(tally.overallPublished).toBe(tally.totalVoters >= tally.k);
        else expect(tally.overallPublished).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
