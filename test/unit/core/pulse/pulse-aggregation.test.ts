import { describe, expect, it } from "vitest";
import { aggregatePulse, type PulseAggregationInput } from "#core/pulse/pulse-aggregation.js";
import type { PulseFigure } from "#core/pulse/pulse-figures.js";
import type { PulseAnswer, PulseInvite, PulseRound } from "#core/pulse/pulse-types.js";

const orgs = [
  { id: "A", name: "Alpha" },
  { id: "B", name: "Beta" },
  { id: "C", name: "Gamma" },
];
const round = (id: string, periodKey: string): PulseRound => ({
  id,
  allianceId: "al",
  periodKey,
  itemKeys: [],
  openedAt: new Date("2026-11-23T09:00:00Z"),
  closesAt: new Date("2026-11-30T00:00:00Z"),
});
const R1 = round("r1", "2026-W48");

function answer(
  respondent: string,
  org: string | null,
  itemKey: string,
  score: number | null,
  extra: Partial<PulseAnswer> = {},
): PulseAnswer {
  return {
    roundId: "r1",
    itemKey,
    respondentKey: respondent,
    respondentOrganizationId: org,
    targetOrganizationId: "",
    score,
    comment: null,
    answeredOn: new Date("2026-11-23T00:00:00Z"),
    ...extra,
  };
}

/** `n` people of `org` answering the non-directional reliability item with `scores`. */
function people(org: string, scores: number[], itemKey = "rel.follow_through"): PulseAnswer[] {
  return scores.map((s, i) => answer(`${org}${i}`, org, itemKey, s));
}

function run(answers: PulseAnswer[], extra: Partial<PulseAggregationInput> = {}) {
  return aggregatePulse({
    allianceId: "al",
    anonymityThreshold: 5,
    organizations: orgs,
    rounds: [R1],
    invites: [],
    answers,
    ...extra,
  });
}

const score = (figure: PulseFigure | undefined) => (figure?.kind === "score" ? figure : undefined);
const org = (figures: ReturnType<typeof run>, id: string) => figures.organizations.find((o) => o.organizationId === id)!;

describe("pulse aggregation", () => {
  it("gives the mean per pillar on 1–5 and on 0–100, leaving out \"can't say\"", () => {
    const figures = run([...people("A", [1, 2, 3, 4, 5]), answer("A9", "A", "rel.follow_through", null)]);
    expect(score(figures.overall.reliability)).toEqual({ kind: "score", mean: 3, score: 50, respondents: 5 });
    expect(score(org(figures, "A").answeredBy.reliability)?.score).toBe(50);
    expect(figures.overall.trust).toBeUndefined();
  });

  it("hides a pillar answered by fewer than k people", () => {
    const figures = run(people("A", [4, 4, 4, 4]));
    expect(figures.overall.reliability).toEqual({ kind: "hidden", reason: "below_threshold" });
  });

  it("hides a small organisation and, by complementary suppression, the smallest other one", () => {
    const figures = run([...people("A", [5, 5, 5, 5, 5, 5]), ...people("B", [2, 2, 2, 2, 2]), ...people("C", [1, 1])]);
    expect(score(figures.overall.reliability)?.respondents).toBe(13);
    expect(org(figures, "C").answeredBy.reliability).toEqual({ kind: "hidden", reason: "below_threshold" });
    expect(org(figures, "B").answeredBy.reliability).toEqual({ kind: "hidden", reason: "complementary" });
    expect(score(org(figures, "A").answeredBy.reliability)?.mean).toBe(5);
  });

  it("builds the perception matrix with self-perception and how partners see each organisation", () => {
    const answers = [
      ...[0, 1, 2, 3, 4].flatMap((i) => [
        answer(`a${i}`, "A", "rel.kept_agreements", 4, { targetOrganizationId: "B" }),
        answer(`a${i}`, "A", "rel.kept_agreements", 5, { targetOrganizationId: "A" }),
      ]),
      ...[0, 1, 2, 3, 4].flatMap((i) => [
        answer(`b${i}`, "B", "rel.kept_agreements", 2, { targetOrganizationId: "A" }),
        answer(`b${i}`, "B", "rel.kept_agreements", i === 0 ? 3 : 4, { targetOrganizationId: "B" }),
      ]),
    ];
    const figures = run(answers);
    const cell = (from: string, to: string) =>
      figures.perception.find((c) => c.fromOrganizationId === from && c.toOrganizationId === to && c.category === "reliability");
    expect(score(cell("A", "B")?.figure)?.mean).toBe(4);
    expect(cell("A", "A")?.self).toBe(true);
    expect(score(org(figures, "A").selfPerception.reliability)?.mean).toBe(5);
    expect(score(org(figures, "A").seenByPartners.reliability)?.mean).toBe(2);
    expect(score(org(figures, "B").selfPerception.reliability)?.mean).toBeCloseTo(3.8, 10);
    expect(score(org(figures, "B").seenByPartners.reliability)?.score).toBe(75);
  });

  it("hides a row cell when the organisation's total would reveal a small self-perception cell", () => {
    // Six people of A rate B; only two of them rate their own organisation.
    const answers = [0, 1, 2, 3, 4, 5].flatMap((i) => [
      answer(`a${i}`, "A", "rel.kept_agreements", 4, { targetOrganizationId: "B" }),
      ...(i < 2 ? [answer(`a${i}`, "A", "rel.kept_agreements", 1, { targetOrganizationId: "A" })] : []),
    ]);
    const figures = run(answers);
    expect(score(org(figures, "A").answeredBy.reliability)?.respondents).toBe(6);
    const cells = figures.perception.filter((c) => c.fromOrganizationId === "A");
    expect(cells.map((c) => [c.toOrganizationId, c.figure])).toEqual([
      ["A", { kind: "hidden", reason: "below_threshold" }],
      ["B", { kind: "hidden", reason: "complementary" }],
    ]);
  });

  it("hides a column cell when how-partners-see-C would reveal a small cell by subtraction", () => {
    const answers = [
      ...[0, 1, 2, 3, 4].map((i) => answer(`a${i}`, "A", "tru.good_faith", 4, { targetOrganizationId: "C" })),
      ...[0, 1, 2, 3, 4].map((i) => answer(`b${i}`, "B", "tru.good_faith", i < 2 ? 1 : null, { targetOrganizationId: "C" })),
      // B's five people all answer a non-directional trust item, so B's own figure is published
      ...people("B", [3, 3, 3, 3, 3], "tru.shared_values").map((a, i) => ({ ...a, respondentKey: `b${i}` })),
    ];
    const figures = run(answers);
    expect(score(org(figures, "A").answeredBy.trust)?.respondents).toBe(5);
    expect(score(org(figures, "B").answeredBy.trust)?.respondents).toBe(5);
    expect(score(org(figures, "C").seenByPartners.trust)?.respondents).toBe(7);
    const toC = figures.perception.filter((c) => c.toOrganizationId === "C").map((c) => [c.fromOrganizationId, c.figure]);
    expect(toC).toEqual([
      ["A", { kind: "hidden", reason: "complementary" }],
      ["B", { kind: "hidden", reason: "below_threshold" }],
    ]);
  });

  it("counts people per round over a range, so the same three people in two rounds stay three", () => {
    const r2 = round("r2", "2026-W49");
    const answers = [
      ...people("A", [3, 3, 3]),
      ...people("A", [3, 3, 3]).map((a, i) => ({ ...a, roundId: "r2", respondentKey: `x${i}` })),
    ];
    const figures = run(answers, { rounds: [R1, r2] });
    expect(figures.overall.reliability).toEqual({ kind: "hidden", reason: "below_threshold" });
    expect(figures.periodKeys).toEqual(["2026-W48", "2026-W49"]);
  });

  it("never shows people without an organisation as a group, but counts them in the total", () => {
    const figures = run([...people("A", [4, 4, 4, 4, 4]), answer("u1", null, "rel.follow_through", 1)]);
    expect(score(figures.overall.reliability)?.respondents).toBe(6);
    // the unknown group is hidden, so A is hidden too: otherwise total − A reveals the one unknown
    expect(org(figures, "A").answeredBy.reliability).toEqual({ kind: "hidden", reason: "complementary" });
    expect(figures.perception).toEqual([]);
  });

  it("shows an organisation's comments only when at least k of its people answered, sorted by text", () => {
    const withComments = people("A", [4, 4, 4, 4, 4]).map((a, i) => ({ ...a, comment: i % 2 ? "zeta" : "alpha" }));
    const small = people("B", [2, 2]).map((a) => ({ ...a, comment: "only two of us" }));
    const figures = run([...withComments, ...small]);
    const a = org(figures, "A").comments;
    expect(a.kind === "comments" && a.items.map((c) => c.text)).toEqual(["alpha", "alpha", "alpha", "zeta", "zeta"]);
    expect(org(figures, "B").comments).toEqual({ kind: "hidden", reason: "below_threshold" });
    expect(JSON.stringify(figures)).not.toContain("only two of us");
  });

  it("reports participation per organisation as completed / invited", () => {
    const invite = (memberId: string, organizationId: string, done: boolean): PulseInvite => ({
      id: memberId,
      roundId: "r1",
      memberId,
      organizationId,
      sentAt: null,
      completedAt: done ? new Date() : null,
      remindedAt: null,
    });
    const figures = run([], {
      invites: [invite("m1", "A", true), invite("m2", "A", false), invite("m3", "A", true), invite("m4", "B", false)],
    });
    expect(org(figures, "A").participation).toEqual({ invited: 3, completed: 2, rate: 2 / 3 });
    expect(org(figures, "B").participation).toEqual({ invited: 1, completed: 0, rate: 0 });
    expect(org(figures, "C").participation).toEqual({ invited: 0, completed: 0, rate: null });
    expect(figures.participation).toEqual({ invited: 4, completed: 2, rate: 0.5 });
  });
});
