// k-anonymity of the per-partner and per-direction figures (DESIGN.md §2.3): over random answer
// sets, every perception figure the summary shows about a partner or a direction rests on at
// least k people, a direction below k is hidden and marked, and a hidden direction cannot be
// recovered by subtracting the shown directions from the partner's or the alliance's total. Kept-rates come from
// commitments (attributed work) and need no k.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregatePulse } from "#core/pulse/pulse-aggregation.js";
import type { PulseAnswer, PulseRound } from "#core/pulse/pulse-types.js";
import { buildTrustHealthSummary } from "#core/summary/build-summary.js";
import { periodInputFromFigures } from "#core/trust-health/inputs-from-figures.js";
import { NO_COMMITMENT_EVENTS } from "#core/trust-health/trust-health-inputs.js";

const ORGS = ["org-a", "org-b", "org-c"] as const;
const organizations = ORGS.map((id) => ({ id, name: id.toUpperCase() }));
/** Directional trust and reliability items, plus a non-directional one so rows have a remainder. */
const ITEMS = { trust: "tru.good_faith", reliability: "rel.kept_agreements", other: "tru.shared_values" } as const;
const round: PulseRound = {
  id: "r1",
  allianceId: "al",
  periodKey: "2026-W10",
  itemKeys: Object.values(ITEMS),
  openedAt: new Date("2026-03-04T09:00:00Z"),
  closesAt: new Date("2026-03-09T00:00:00Z"),
};

/** One person: which partners they rated on trust / reliability, and whether they answered the non-directional item. */
const person = fc.record({
  trust: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  reliability: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  other: fc.boolean(),
  score: fc.integer({ min: 1, max: 5 }),
});
const alliance = fc.record({
  k: fc.integer({ min: 3, max: 6 }),
  people: fc.tuple(...ORGS.map(() => fc.array(person, { maxLength: 10 }))),
});

type Person = typeof person extends fc.Arbitrary<infer T> ? T : never;

function answersOf(people: ReadonlyArray<ReadonlyArray<Person>>): PulseAnswer[] {
  const answers: PulseAnswer[] = [];
  people.forEach((members, o) =>
    members.forEach((p, i) => {
      const base = { roundId: round.id, respondentKey: `${ORGS[o]}-${i}`, respondentOrganizationId: ORGS[o]!, comment: null, answeredOn: round.openedAt };
      ORGS.forEach((target, t) => {
        if (t === o) return;
        if (p.trust[t]) answers.push({ ...base, itemKey: ITEMS.trust, targetOrganizationId: target, score: p.score });
        if (p.reliability[t]) answers.push({ ...base, itemKey: ITEMS.reliability, targetOrganizationId: target, score: 6 - p.score });
      });
      if (p.other) answers.push({ ...base, itemKey: ITEMS.other, targetOrganizationId: "", score: p.score });
    }),
  );
  return answers;
}

/** Distinct people behind the answers of `item` from `from` about `to`. */
function peopleIn(answers: readonly PulseAnswer[], item: string, from: string, to: string): Set<string> {
  return new Set(answers.filter((a) => a.itemKey === item && a.respondentOrganizationId === from && a.targetOrganizationId === to).map((a) => a.respondentKey));
}

describe("per-partner and per-direction figures are k-anonymous", () => {
  it("shows a figure only from ≥ k people, hides and marks the rest, and leaves nothing to subtract", () => {
    fc.assert(
      fc.property(alliance, ({ k, people }) => {
        const answers = answersOf(people);
        const pulse = aggregatePulse({ allianceId: "al", anonymityThreshold: k, organizations, rounds: [round], invites: [], answers });
        const period = periodInputFromFigures({ periodKey: round.periodKey, label: "week 10", organizations, commitments: null, pulse });
        const summary = buildTrustHealthSummary({
          alliance: { id: "al", name: "Alliance", uncertainty: "medium", anonymityThreshold: k },
          periods: [period],
          say: null,
          commitmentEvents: NO_COMMITMENT_EVENTS,
          cultureFit: null,
          generatedAt: new Date("2026-03-09T08:00:00Z"),
        });

        for (const [category, item] of [["trust", ITEMS.trust], ["perceivedReliability", ITEMS.reliability]] as const) {
          for (const giver of ORGS) {
            const receivers = ORGS.filter((o) => o !== giver);
            const shown = new Map<string, boolean>();
            for (const receiver of receivers) {
              // The direction giver → receiver: how the receiver's people see the giver.
              const finding = summary.findings.find((f) => f.subject.kind === "pair" && f.subject.fromOrganizationId === giver && f.subject.toOrganizationId === receiver);
              const raters = peopleIn(answers, item, receiver, giver);
              const estimate = finding?.evidence[category] ?? null;
              if (estimate !== null) {
                expect(raters.size).toBeGreaterThanOrEqual(k);
                expect(estimate.basis).toBeGreaterThanOrEqual(k);
              } else if (raters.size > 0) {
                expect(finding?.hidden[category]).toBe(true);
                expect(summary.hidden).toContainEqual({ kind: "pair_perception", fromOrganizationId: giver, toOrganizationId: receiver });
              }
              shown.set(receiver, estimate !== null);
            }
            // The giver's total (its partners' view of it) is published only from ≥ k people, and
            // then the hidden directions together hold 0 or ≥ k people, so total − shown reveals no small group.
            const organization = summary.findings.find((f) => f.subject.kind === "organization" && f.subject.organizationId === giver);
            const total = new Set(receivers.flatMap((r) => [...peopleIn(answers, item, r, giver)]));
            if ((organization?.evidence[category] ?? null) !== null) {
              expect(total.size).toBeGreaterThanOrEqual(k);
              const hiddenPeople = new Set(receivers.filter((r) => !shown.get(r)).flatMap((r) => [...peopleIn(answers, item, r, giver)]));
              expect(hiddenPeople.size === 0 || hiddenPeople.size >= k).toBe(true);
            }
          }
        }
        // The alliance's trust figure minus every shown direction leaves the hidden directions and
        // the non-directional answers: together 0 or ≥ k people.
        if (summary.pillars.find((p) => p.pillar === "trust")?.perceived !== null) {
          const shownCells = summary.findings.filter((f) => f.subject.kind === "pair" && f.evidence.trust !== null);
          const shownKeys = new Set(shownCells.map((f) => (f.subject.kind === "pair" ? `${f.subject.toOrganizationId}>${f.subject.fromOrganizationId}` : "")));
          const rest = answers.filter(
            (a) => (a.itemKey === ITEMS.trust || a.itemKey === ITEMS.other) && !shownKeys.has(`${a.respondentOrganizationId}>${a.targetOrganizationId}`),
          );
          const restPeople = new Set(rest.map((a) => a.respondentKey));
          expect(restPeople.size === 0 || restPeople.size >= k).toBe(true);
        }
        // Nothing about a hidden direction leaks into the stored content either.
        for (const f of summary.findings) {
          if (f.hidden.trust) expect(f.evidence.trust).toBeNull();
          if (f.hidden.perceivedReliability) expect(f.evidence.perceivedReliability).toBeNull();
        }
      }),
      { numRuns: 300 },
    );
  });
});
