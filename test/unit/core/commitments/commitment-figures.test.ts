// A hand-checked fixture: every expected number below was worked out on paper from the table in
// the comment, not printed from the code.
import { describe, expect, it } from "vitest";
import type { Beneficiary, Commitment, CommitmentEvent, CommitmentStatus } from "#core/commitments/commitment.js";
import { computeCommitmentFigures } from "#core/commitments/commitment-figures.js";
import { instantOf } from "#core/shared/zoned-time.js";

const AMS = "Europe/Amsterdam";
const A = "org-a";
const B = "org-b";
const C = "org-c";
const day = (md: string) => new Date(`2026-${md}T12:00:00Z`);
const endOfDay = (md: string) => {
  const [month = 0, d = 0] = md.split("-").map(Number);
  return instantOf({ year: 2026, month, day: d, hour: 23, minute: 59, second: 59, millisecond: 999 }, AMS);
};

type Step =
  | { type: "outcome"; status: "kept" | "kept_late" | "broken"; at: string }
  | { type: "withdrawn"; at: string }
  | { type: "renegotiated"; at: string; to: string }
  | { type: "disputed" | "confirmed"; at: string }
  | { type: "dispute_resolved"; at: string; status: CommitmentStatus };

const commitments: Commitment[] = [];
const events: CommitmentEvent[] = [];

function make(n: number, from: string, to: Beneficiary, created: string, due: string | null, dod: boolean, steps: Step[] = []): void {
  const id = `c${n}`;
  let status: CommitmentStatus = "open";
  let dueAt = due ? endOfDay(due) : null;
  let resolvedAt: Date | null = null;
  const log = (e: Partial<CommitmentEvent> & Pick<CommitmentEvent, "type" | "at">, seq: number) =>
    events.push({ id: `${id}-e${seq}`, commitmentId: id, sequence: seq, actorMemberId: "x", fromStatus: status, toStatus: status, reason: null, dueAtBefore: null, dueAtAfter: null, idempotencyKey: null, ...e });
  log({ type: "created", at: day(created), fromStatus: null, toStatus: "open", dueAtAfter: dueAt }, 0);
  steps.forEach((step, i) => {
    const at = day(step.at);
    if (step.type === "renegotiated") {
      const next = endOfDay(step.to);
      log({ type: "renegotiated", at, dueAtBefore: dueAt, dueAtAfter: next }, i + 1);
      dueAt = next;
      return;
    }
    const next = step.type === "outcome" || step.type === "dispute_resolved" ? step.status : step.type === "withdrawn" ? "withdrawn" : status;
    log({ type: step.type, at, toStatus: next }, i + 1);
    if (resolvedAt === null && (step.type === "outcome" || step.type === "withdrawn")) resolvedAt = at;
    status = next;
  });
  commitments.push({
    id, allianceId: "alliance", number: n, text: `Agreement ${n}`, ownerMemberId: "x", ownerOrganizationId: from, beneficiary: to,
    dueAt, definitionOfDone: dod ? "Done when signed" : null, status, confirmation: "none", createdById: "x",
    createdAt: day(created), resolvedAt, renegotiations: steps.filter((s) => s.type === "renegotiated").length, version: steps.length,
  });
}

const org = (organizationId: string): Beneficiary => ({ kind: "organization", organizationId });
//  #  owner→for   created due    DoD  what happened                                   in March [03-01, 04-01)
make(1, A, org(B), "02-20", "03-10", true, [{ type: "outcome", status: "kept", at: "03-09" }]); //        kept
make(2, A, org(B), "03-02", "03-12", false, [{ type: "outcome", status: "kept_late", at: "03-14" }]); //  kept late
make(3, A, org(B), "03-03", "03-15", true, [{ type: "outcome", status: "broken", at: "03-16" }]); //      broken
make(4, B, org(A), "03-04", "03-20", true, [
  { type: "renegotiated", at: "03-10", to: "03-25" },
  { type: "outcome", status: "kept", at: "03-24" },
]); //                                                                                                   kept on the new date, 1 renegotiation
make(5, B, org(A), "03-05", "03-18", true, [{ type: "withdrawn", at: "03-06" }]); //                       withdrawn (neutral)
make(6, B, org(A), "03-05", "03-28", true); //                                                            open, overdue at 04-01 by 4 days
make(7, A, { kind: "member", memberId: "carl", organizationId: C }, "03-06", "03-09", false, [
  { type: "outcome", status: "kept", at: "03-08" },
  { type: "disputed", at: "03-09" },
  { type: "dispute_resolved", at: "04-02", status: "broken" },
]); //                                                                                                   kept, still disputed at the end (settled after)
make(8, A, org(B), "02-01", "02-15", true, [{ type: "outcome", status: "kept", at: "02-10" }]); //          resolved in February: not counted
make(9, B, org(A), "03-20", "04-10", true, [{ type: "outcome", status: "kept", at: "04-03" }]); //          open at the end (kept in April)
make(10, A, org(A), "03-07", "03-10", true, [{ type: "outcome", status: "kept", at: "03-08" }]); //         kept, internal: no direction
make(11, A, org(B), "03-08", "03-21", true, [
  { type: "outcome", status: "kept", at: "03-20" },
  { type: "disputed", at: "03-21" },
  { type: "dispute_resolved", at: "03-22", status: "broken" },
]); //                                                                                                   settled as broken within March
make(12, B, org(A), "03-12", null, false); //                                                             open, no due date

const MARCH = { start: new Date("2026-03-01T00:00:00Z"), end: new Date("2026-04-01T00:00:00Z") };
const figures = computeCommitmentFigures({
  allianceId: "alliance", period: MARCH, now: new Date("2026-04-05T09:00:00Z"), timeZone: AMS, commitments, events,
});

describe("computeCommitmentFigures on the hand-checked March fixture", () => {
  it("counts the alliance's outcomes and rates", () => {
    // kept #1 #4 #7 #10, late #2, broken #3 #11, withdrawn #5; resolved = 7.
    expect(figures.overall).toEqual({
      resolved: 7, kept: 4, keptLate: 1, broken: 2, withdrawn: 1, renegotiated: 1, disputed: 1,
      reliability: 5 / 7, onTimeRate: 4 / 7,
    });
    expect(figures.asOf.toISOString()).toBe(MARCH.end.toISOString());
  });

  it("counts per owning organisation", () => {
    expect(figures.byOrganization).toEqual([
      { organizationId: A, resolved: 6, kept: 3, keptLate: 1, broken: 2, withdrawn: 0, renegotiated: 0, disputed: 1, reliability: 4 / 6, onTimeRate: 3 / 6 },
      { organizationId: B, resolved: 1, kept: 1, keptLate: 0, broken: 0, withdrawn: 1, renegotiated: 1, disputed: 0, reliability: 1, onTimeRate: 1 },
    ]);
  });

  it("counts per direction, leaving agreements inside one organisation out", () => {
    expect(figures.byDirection.map((d) => [d.fromOrganizationId, d.toOrganizationId, d.resolved, d.kept, d.keptLate, d.broken, d.reliability, d.onTimeRate])).toEqual([
      [A, B, 4, 1, 1, 2, 0.5, 0.25],
      [A, C, 1, 1, 0, 0, 1, 1],
      [B, A, 1, 1, 0, 0, 1, 1],
    ]);
  });

  it("balances what partners delivered to each other", () => {
    expect(figures.reciprocity).toEqual([
      { organizationA: A, organizationB: B, deliveredAToB: 2, deliveredBToA: 1, ratio: 2, balance: 0.5 },
      { organizationA: A, organizationB: C, deliveredAToB: 1, deliveredBToA: 0, ratio: null, balance: 0 },
    ]);
  });

  it("measures clarity over the agreements made in the period", () => {
    // Created in March: #2-#7, #9-#12 = 10; no date: #12; no definition of done: #2 #7 #12.
    expect(figures.clarity).toEqual({ commitments: 10, withOwner: 10, withDueDate: 9, withDefinitionOfDone: 7, complete: 7, share: 0.7 });
    expect(figures.clarityByOrganization).toEqual([
      { organizationId: A, commitments: 5, withOwner: 5, withDueDate: 5, withDefinitionOfDone: 3, complete: 3, share: 0.6 },
      { organizationId: B, commitments: 5, withOwner: 5, withDueDate: 4, withDefinitionOfDone: 4, complete: 4, share: 0.8 },
    ]);
  });

  it("lists overdue, broken and still-disputed agreements as known at the period's end", () => {
    expect(figures.overdue.map((o) => [o.number, o.dueDate, o.daysOverdue])).toEqual([[6, "2026-03-28", 4]]);
    expect(figures.broken.map((r) => r.number)).toEqual([3, 11]);
    expect(figures.disputed.map((r) => [r.number, r.beneficiaryOrganizationId])).toEqual([[7, C]]);
  });

  it("counts April's resolutions in April, with the dispute settled after March now broken", () => {
    const april = computeCommitmentFigures({
      allianceId: "alliance",
      period: { start: MARCH.end, end: new Date("2026-05-01T00:00:00Z") },
      now: new Date("2026-04-05T09:00:00Z"),
      timeZone: AMS,
      commitments,
      events,
    });
    // Only #9 was first resolved in April; #7's settlement does not move it out of March.
    expect(april.overall).toMatchObject({ resolved: 1, kept: 1, broken: 0 });
    expect(april.asOf.toISOString()).toBe("2026-04-05T09:00:00.000Z");
    // At 5 April #6 is 8 local days overdue and #7's dispute is settled.
    expect(april.overdue.map((o) => [o.number, o.daysOverdue])).toEqual([[6, 8]]);
    expect(april.disputed).toEqual([]);
    expect(april.clarity.commitments).toBe(0);
    expect(april.clarity.share).toBeNull();
  });

  it("reports no rates for a period without resolutions", () => {
    const empty = computeCommitmentFigures({ ...{ allianceId: "alliance", timeZone: AMS, commitments: [], events: [] }, period: MARCH, now: MARCH.end });
    expect(empty.overall.reliability).toBeNull();
    expect(empty.overall.onTimeRate).toBeNull();
    expect(empty.reciprocity).toEqual([]);
  });
});
