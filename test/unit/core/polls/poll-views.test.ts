import { describe, expect, it } from "vitest";
import type { PollResults } from "#core/polls/poll-service-types.js";
import { tallyPoll } from "#core/polls/poll-tally.js";
import { buildPollView } from "#core/polls/poll-views.js";
import { ballots, pollWith } from "./poll-fixtures.js";

const now = new Date("2026-03-02T10:00:00Z");
const names = { a: "Acme", b: "Bolt", c: "Corp" };

function results(overrides: Partial<PollResults> & { ballotList?: ReturnType<typeof ballots> } = {}): PollResults {
  const poll = overrides.poll ?? pollWith(3, { closesAt: new Date("2026-03-05T16:00:00Z") });
  const list = overrides.ballotList ?? [...ballots(5, "a", ["o0"]), ...ballots(5, "b", ["o1"]), ...ballots(2, "c", ["o1"])];
  return {
    poll,
    totalVoters: list.length,
    hiddenReason: null,
    tally: tallyPoll(poll, list, { k: 5, organizationIds: ["a", "b", "c"] }),
    organizationNames: names,
    figuresAsOf: null,
    ...overrides,
  };
}

describe("buildPollView", () => {
  it("shows counts, whole percentages and bar ratios for every option", () => {
    const view = buildPollView(results(), { locale: "en", timeZone: "Europe/Amsterdam", now });
    expect(view.kind).toBe("poll");
    expect(view.options.map((o) => [o.label, o.count, o.percent, o.figureText])).toEqual([
      ["Option 0", 5, 42, "5 · 42%"],
      ["Option 1", 7, 58, "7 · 58%"],
      ["Option 2", 0, 0, "0 · 0%"],
    ]);
    expect(view.options[1]?.barRatio).toBeCloseTo(7 / 12, 6);
    expect(view.totalVotersText).toBe("12 votes");
    expect(view.acceptsVotes).toBe(true);
    expect(view.statusText).toBe("Open · closes 5 Mar 2026, 17:00");
  });

  it("shows only published organisations and names the hidden ones without figures", () => {
    const view = buildPollView(results(), { locale: "en", timeZone: "UTC", now });
    // c has 2 voters (< 5); hidden union is 2, so the smallest published (a or b, 5 each) goes too.
    expect(view.breakdown?.rows.map((r) => r.name)).toEqual(["Bolt"]);
    expect(view.breakdown?.hiddenText).toBe(
      "Not shown to protect anonymity: Acme, Corp (each organisation needs at least 5 voters, and no figure may reveal a hidden one).",
    );
  });

  // Issue 11: a named poll said "Not shown to protect anonymity" while its export lists voters by name.
  it("says what applies to a named poll: no anonymity promise, the export names voters", () => {
    const poll = pollWith(3, { anonymous: false, closesAt: new Date("2026-03-05T16:00:00Z") });
    const view = buildPollView(results({ poll }), { locale: "en", timeZone: "UTC", now });
    expect(view.breakdown?.hiddenText).toBe("No figures per organisation yet for Acme, Corp: each shows from 5 voters. This is a named poll: the export lists who voted what.");
    const none = buildPollView(results({ poll, ballotList: [] }), { locale: "nl", timeZone: "UTC", now });
    expect(none.breakdown?.hiddenText).toBe("Nog geen cijfers per organisatie voor Acme, Bolt, Corp: die verschijnen vanaf 5 stemmers. Dit is een peiling op naam: de export toont wie wat stemde.");
  });

  it("hides every figure with the reason when results are hidden for this viewer", () => {
    const view = buildPollView(results({ hiddenReason: "after_close", tally: null }), { locale: "nl", timeZone: "UTC", now });
    expect(view.options.every((o) => o.count === null && o.percent === null && o.barRatio === null)).toBe(true);
    expect(view.resultsHiddenText).toBe("De uitslag verschijnt als de peiling sluit.");
    expect(view.breakdown).toBeNull();
    expect(view.totalVotersText).toBe("12 stemmen");
  });

  it("explains that an anonymous poll shows results from k voters on", () => {
    const view = buildPollView(results({ ballotList: ballots(2, "a", ["o0"]) }), { locale: "en", timeZone: "UTC", now });
    expect(view.resultsHiddenText).toContain("at least 5 people");
    expect(view.options.every((o) => o.count === null)).toBe(true);
    expect(view.anonymityNote).toContain("nobody, admins included");
  });

  it("says how many may be chosen once on an open poll: in the vote hint, not again in the flags", () => {
    const poll = pollWith(2, { anonymous: false, mode: "multiple", maxChoices: 2 });
    const view = buildPollView(results({ poll, ballotList: [] }), { locale: "en", timeZone: "UTC", now });
    expect(view.flags).toEqual(["Votes are visible to the poll owner", "Live results"]);
    expect(view.voteHint).toBe("Choose up to 2 options.");
  });

  it("marks a closed poll as closed and takes no votes", () => {
    const poll = pollWith(2, { status: "closed", closedAt: new Date("2026-03-02T09:00:00Z"), anonymous: false, mode: "multiple", maxChoices: 2 });
    const view = buildPollView(results({ poll, ballotList: ballots(1, "a", ["o0"]) }), { locale: "en", timeZone: "UTC", now });
    expect(view.acceptsVotes).toBe(false);
    expect(view.voteHint).toBe("This poll is closed.");
    expect(view.statusText).toBe("Closed 2 Mar 2026, 09:00");
    expect(view.flags).toEqual(["Votes are visible to the poll owner", "Up to 2 choices", "Live results"]);
    expect(view.anonymityNote).toBeNull();
    expect(view.totalVotersText).toBe("1 vote");
  });
});
