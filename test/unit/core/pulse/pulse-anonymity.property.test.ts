// Property: for random single-round data, no published pulse figure rests on fewer than k people,
// and no subtraction between a published total and its published parts isolates fewer than k.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregatePulse } from "#core/pulse/pulse-aggregation.js";
import type { PulseFigure } from "#core/pulse/pulse-figures.js";
import type { PulseAnswer } from "#core/pulse/pulse-types.js";

const ORGS = ["A", "B", "C"];
const ITEMS = ["rel.kept_agreements", "rel.follow_through"]; // one directional, one not (both reliability)

// Per organisation 0–8 people; per person and question: no answer, "can't say" or 1–5. Dense on
// purpose, so cells land near k and the complementary rules have work to do.
const cellValue = fc.oneof(
  { weight: 2, arbitrary: fc.constant<"absent">("absent") },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 5 }) },
);
const QUESTIONS = [
  { item: "rel.follow_through", target: "" },
  ...ORGS.map((target) => ({ item: "rel.kept_agreements", target })),
];
const dataArb = fc.array(fc.array(fc.array(cellValue, { minLength: 4, maxLength: 4 }), { maxLength: 8 }), {
  minLength: 3,
  maxLength: 3,
});

function build(data: Array<Array<Array<number | null | "absent">>>): PulseAnswer[] {
  const answers: PulseAnswer[] = [];
  data.forEach((people, o) =>
    people.forEach((values, p) =>
      values.forEach((value, q) => {
        if (value === "absent") return;
        answers.push({
          roundId: "r1",
          itemKey: QUESTIONS[q]!.item,
          respondentKey: `${ORGS[o]}-${p}`,
          respondentOrganizationId: ORGS[o]!,
          targetOrganizationId: QUESTIONS[q]!.target,
          score: value,
          comment: null,
          answeredOn: new Date(0),
        });
      }),
    ),
  );
  return answers;
}

const peopleWhere = (answers: PulseAnswer[], pred: (a: PulseAnswer) => boolean) =>
  new Set(answers.filter((a) => a.score !== null && pred(a)).map((a) => a.respondentKey));
const published = (f: PulseFigure | undefined) => f?.kind === "score";
const safe = (n: number, k: number) => n === 0 || n >= k;

describe("pulse anonymity (property)", () => {
  it("publishes nothing that isolates fewer than k people", () => {
    fc.assert(
      fc.property(dataArb, fc.integer({ min: 3, max: 5 }), (data, k) => {
        const answers = build(data);
        const figures = aggregatePulse({
          allianceId: "al",
          anonymityThreshold: k,
          organizations: ORGS.map((id) => ({ id, name: id })),
          rounds: [],
          invites: [],
          answers,
        });
        const json = [figures.overall.reliability, ...figures.perception.map((c) => c.figure)];
        for (const o of figures.organizations) json.push(o.answeredBy.reliability, o.seenByPartners.reliability);
        for (const f of json) if (f?.kind === "score") expect(f.respondents).toBeGreaterThanOrEqual(k);

        // organisations as a breakdown of the total
        if (published(figures.overall.reliability)) {
          const hidden = figures.organizations.filter((o) => !published(o.answeredBy.reliability)).map((o) => o.organizationId);
          expect(safe(peopleWhere(answers, (a) => hidden.includes(a.respondentOrganizationId!)).size, k)).toBe(true);
        }
        for (const o of figures.organizations) {
          const cells = figures.perception.filter((c) => c.fromOrganizationId === o.organizationId);
          // a matrix row as a breakdown of the organisation's own figure
          if (published(o.answeredBy.reliability) && cells.some((c) => published(c.figure))) {
            const hiddenTargets = cells.filter((c) => !published(c.figure)).map((c) => c.toOrganizationId);
            const rest = peopleWhere(
              answers,
              (a) =>
                a.respondentOrganizationId === o.organizationId &&
                (a.targetOrganizationId === "" || hiddenTargets.includes(a.targetOrganizationId)),
            );
            expect(safe(rest.size, k)).toBe(true);
          }
          // a matrix column as a breakdown of how the partners see the organisation
          if (published(o.seenByPartners.reliability)) {
            const hiddenFrom = figures.perception
              .filter((c) => c.toOrganizationId === o.organizationId && !c.self && !published(c.figure))
              .map((c) => c.fromOrganizationId);
            const rest = peopleWhere(
              answers,
              (a) => a.targetOrganizationId === o.organizationId && hiddenFrom.includes(a.respondentOrganizationId!),
            );
            expect(safe(rest.size, k)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
