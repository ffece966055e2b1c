import { describe, expect, it } from "vitest";
import { largestRemainder, optionKeyShares, tallyPoll } from "#core/polls/poll-tally.js";
import { COLLABORATION_PRIORITIES_TEMPLATE } from "#core/polls/poll-templates.js";
import { ballots, pollWith } from "./poll-fixtures.js";

describe("tallyPoll", () => {
  it("counts votes and percentages of voters overall", () => {
    const poll = pollWith(3);
    const tally = tallyPoll(poll, [...ballots(3, "a", ["o0"]), ...ballots(1, "a", ["o1"]), ...ballots(2, "b", ["o0"])], { k: 5 });
    expect(tally.totalVoters).toBe(6);
    expect(tally.overallPublished).toBe(true);
    expect(tally.options.map((o) => [o.count, o.percentRounded])).toEqual([
      [5, 83],
      [1, 17],
      [0, 0],
    ]);
    expect(tally.options[0]?.percent).toBeCloseTo(83.333, 2);
  });

  it("shows an anonymous poll's figures only once k people voted", () => {
    const poll = pollWith(2);
    const four = tallyPoll(poll, ballots(4, "a", ["o0"]), { k: 5 });
    expect(four.overallPublished).toBe(false);
    expect(four.options).toEqual([]);
    expect(four.totalVoters).toBe(4);
    expect(tallyPoll(poll, ballots(5, "a", ["o0"]), { k: 5 }).overallPublished).toBe(true);
  });

  it("shows a named poll's overall figures with any number of voters, but no small organisation", () => {
    const tally = tallyPoll(pollWith(2, { anonymous: false }), ballots(2, "a", ["o1"]), { k: 5, organizationIds: ["a", "b"] });
    expect(tally.overallPublished).toBe(true);
    expect(tally.options[1]?.count).toBe(2);
    expect(tally.organizations).toEqual([]);
  });

  it("publishes an organisation's figures only when at least k of its people voted, hiding the complement too", () => {
    const poll = pollWith(2);
    // a: 6 voters, b: 2 voters. Publishing a would reveal b as total − a: both hidden.
    const twoOrgs = tallyPoll(poll, [...ballots(6, "a", ["o0"]), ...ballots(2, "b", ["o1"])], { k: 5, organizationIds: ["a", "b"] });
    expect(twoOrgs.organizations).toEqual([]);
    expect(twoOrgs.hiddenOrganizations).toEqual([
      { organizationId: "a", reason: "complementary" },
      { organizationId: "b", reason: "below_threshold" },
    ]);
    // Add c with 7 voters: hiding a (6) with b (2) gives a hidden union of 8 ≥ 5, c is shown.
    const threeOrgs = tallyPoll(poll, [...ballots(6, "a", ["o0"]), ...ballots(2, "b", ["o1"]), ...ballots(7, "c", ["o1"])], {
      k: 5,
      organizationIds: ["a", "b", "c"],
    });
    expect(threeOrgs.organizations.map((org) => [org.organizationId, org.voters])).toEqual([["c", 7]]);
    expect(threeOrgs.organizations[0]?.options.map((o) => o.count)).toEqual([0, 7]);
  });

  it("lists an organisation nobody voted from as hidden without forcing more suppression", () => {
    const tally = tallyPoll(pollWith(2), ballots(5, "a", ["o0"]), { k: 5, organizationIds: ["a", "b"] });
    expect(tally.organizations.map((org) => org.organizationId)).toEqual(["a"]);
    expect(tally.hiddenOrganizations).toEqual([{ organizationId: "b", reason: "below_threshold" }]);
  });

  it("never shows voters without an organisation as a group, but protects them", () => {
    const tally = tallyPoll(pollWith(2), [...ballots(8, "a", ["o0"]), ...ballots(1, null, ["o1"])], { k: 5, organizationIds: ["a"] });
    expect(tally.organizations).toEqual([]);
    expect(tally.hiddenOrganizations).toEqual([{ organizationId: "a", reason: "complementary" }]);
  });

  it("counts each selection of a multiple-choice ballot; percentages are of voters", () => {
    const poll = pollWith(3, { mode: "multiple", maxChoices: 2 });
    const tally = tallyPoll(poll, [...ballots(3, "a", ["o0", "o1"]), ...ballots(2, "a", ["o1"])], { k: 5 });
    expect(tally.options.map((o) => [o.count, o.percentRounded])).toEqual([
      [3, 60],
      [5, 100],
      [0, 0],
    ]);
  });

  it("clamps a configured k below 3 to 3", () => {
    const tally = tallyPoll(pollWith(2), ballots(2, "a", ["o0"]), { k: 1 });
    expect(tally.k).toBe(3);
    expect(tally.overallPublished).toBe(false);
  });

  it("labels each option of the brief's poll with its pillar", () => {
    const poll = pollWith(5, { templateKey: COLLABORATION_PRIORITIES_TEMPLATE });
    const tally = tallyPoll(poll, ballots(5, "a", ["o0"]), { k: 5 });
    expect(tally.options.map((o) => o.key)).toEqual(["trust", "reliability", "transparency", "reciprocity", "clear_agreements"]);
  });
});

describe("optionKeyShares", () => {
  it("gives the share of voters per pillar for the brief's poll", () => {
    const poll = pollWith(5, { templateKey: COLLABORATION_PRIORITIES_TEMPLATE });
    const tally = tallyPoll(poll, [...ballots(6, "a", ["o0"]), ...ballots(3, "a", ["o1"]), ...ballots(1, "b", ["o4"])], { k: 5 });
    expect(optionKeyShares(tally)).toEqual({
      respondents: 10,
      shares: { trust: 0.6, reliability: 0.3, transparency: 0, reciprocity: 0, clear_agreements: 0.1 },
    });
  });
  it("gives nothing for a poll without keys or with too few anonymous voters", () => {
    expect(optionKeyShares(tallyPoll(pollWith(2), ballots(9, "a", ["o0"]), { k: 5 }))).toBeNull();
    const brief = pollWith(5, { templateKey: COLLABORATION_PRIORITIES_TEMPLATE });
    expect(optionKeyShares(tallyPoll(brief, ballots(4, "a", ["o0"]), { k: 5 }))).toBeNull();
  });
});

describe("largestRemainder", () => {
  it("rounds thirds so they add up to 100", () => {
    expect(largestRemainder([100 / 3, 100 / 3, 100 / 3], 100)).toEqual([34, 33, 33]);
    expect(largestRemainder([66.6, 16.7, 16.7], 100)).toEqual([66, 17, 17]);
  });
});
