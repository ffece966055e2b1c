import { describe, expect, it } from "vitest";
import type { CommitmentStatus, ConfirmationState } from "#core/commitments/commitment.js";
import {
  effectiveOutcome,
  transition,
  type CommitmentAction,
  type CommitmentActionKind,
} from "#core/commitments/commitment-state-machine.js";
import { isDomainError } from "#core/shared/errors.js";

const DUE = new Date("2026-03-20T22:59:59.999Z");
const BEFORE = new Date("2026-03-18T10:00:00Z");
const AFTER = new Date("2026-03-22T10:00:00Z");
const LATER = new Date("2026-04-01T10:00:00Z");

const actions: Record<CommitmentActionKind, CommitmentAction> = {
  report: { kind: "report", outcome: "kept" },
  renegotiate: { kind: "renegotiate", newDueAt: LATER },
  withdraw: { kind: "withdraw" },
  confirm: { kind: "confirm" },
  dispute: { kind: "dispute" },
  resolve_dispute: { kind: "resolve_dispute", outcome: "broken" },
};

// Every reachable (status, confirmation) and where each action leads; "illegal" = refused.
type Expected = Record<CommitmentActionKind, [CommitmentStatus, ConfirmationState] | "illegal">;
const resolved = (status: CommitmentStatus): Record<ConfirmationState, Expected> => ({
  none: { report: "illegal", renegotiate: "illegal", withdraw: "illegal", confirm: "illegal", dispute: "illegal", resolve_dispute: "illegal" },
  pending: { report: "illegal", renegotiate: "illegal", withdraw: "illegal", confirm: [status, "confirmed"], dispute: [status, "disputed"], resolve_dispute: "illegal" },
  confirmed: { report: "illegal", renegotiate: "illegal", withdraw: "illegal", confirm: "illegal", dispute: "illegal", resolve_dispute: "illegal" },
  disputed: { report: "illegal", renegotiate: "illegal", withdraw: "illegal", confirm: "illegal", dispute: "illegal", resolve_dispute: ["broken", "confirmed"] },
});
const TABLE: Array<[CommitmentStatus, ConfirmationState, Expected]> = [
  ["open", "none", { report: ["kept", "pending"], renegotiate: ["open", "none"], withdraw: ["withdrawn", "none"], confirm: "illegal", dispute: "illegal", resolve_dispute: "illegal" }],
  ...(["kept", "kept_late", "broken"] as const).flatMap((status) =>
    (["pending", "confirmed", "disputed"] as const).map((c): [CommitmentStatus, ConfirmationState, Expected] => [status, c, resolved(status)[c]]),
  ),
  ["withdrawn", "none", resolved("withdrawn").none],
];

describe("commitment state machine", () => {
  const cases = TABLE.flatMap(([status, confirmation, expected]) =>
    (Object.keys(actions) as CommitmentActionKind[]).map((action) => [status, confirmation, action, expected[action]] as const),
  );

  it("covers all 11 reachable states × 6 actions", () => {
    expect(cases).toHaveLength(66);
  });

  it.each(cases)("%s/%s + %s → %j", (status, confirmation, action, expected) => {
    const run = () => transition({ status, confirmation, dueAt: DUE }, actions[action], BEFORE);
    if (expected === "illegal") {
      expect(run).toThrow(expect.objectContaining({ code: "COMMITMENT_ILLEGAL_TRANSITION", details: { from: status, confirmation, action } }));
    } else {
      const next = run();
      expect([next.status, next.confirmation]).toEqual(expected);
    }
  });

  it("records the matching event type for each legal action", () => {
    const open = { status: "open" as const, confirmation: "none" as const, dueAt: DUE };
    expect(transition(open, actions.report, BEFORE).event).toBe("outcome");
    expect(transition(open, actions.renegotiate, BEFORE).event).toBe("renegotiated");
    expect(transition(open, actions.withdraw, BEFORE).event).toBe("withdrawn");
    const pending = { status: "kept" as const, confirmation: "pending" as const, dueAt: DUE };
    expect(transition(pending, actions.confirm, BEFORE).event).toBe("confirmed");
    expect(transition(pending, actions.dispute, BEFORE).event).toBe("disputed");
    expect(transition({ ...pending, confirmation: "disputed" }, actions.resolve_dispute, BEFORE).event).toBe("dispute_resolved");
  });

  it("turns a 'kept' reported after the due date into kept_late, and a 'late' on time into kept", () => {
    const open = { status: "open" as const, confirmation: "none" as const, dueAt: DUE };
    expect(transition(open, { kind: "report", outcome: "kept" }, AFTER).status).toBe("kept_late");
    expect(transition(open, { kind: "report", outcome: "kept" }, DUE).status).toBe("kept");
    expect(transition(open, { kind: "report", outcome: "kept_late" }, BEFORE).status).toBe("kept");
    expect(transition(open, { kind: "report", outcome: "broken" }, BEFORE).status).toBe("broken");
    expect(transition(open, { kind: "report", outcome: "broken" }, AFTER).status).toBe("broken");
  });

  it("keeps the owner's word about lateness when there is no due date", () => {
    expect(effectiveOutcome("kept_late", null, AFTER)).toBe("kept_late");
    expect(effectiveOutcome("kept", null, AFTER)).toBe("kept");
  });

  it("moves the due date on renegotiation and keeps the commitment open", () => {
    const next = transition({ status: "open", confirmation: "none", dueAt: DUE }, actions.renegotiate, BEFORE);
    expect(next).toEqual({ status: "open", confirmation: "none", dueAt: LATER, event: "renegotiated" });
  });

  it("refuses a renegotiation after the due date with COMMITMENT_RENEGOTIATE_AFTER_DUE", () => {
    const run = () => transition({ status: "open", confirmation: "none", dueAt: DUE }, actions.renegotiate, AFTER);
    expect(run).toThrow(expect.objectContaining({ code: "COMMITMENT_RENEGOTIATE_AFTER_DUE" }));
  });

  it("refuses a renegotiated date that is not in the future with COMMITMENT_DUE_DATE_IN_PAST", () => {
    try {
      transition({ status: "open", confirmation: "none", dueAt: DUE }, { kind: "renegotiate", newDueAt: BEFORE }, BEFORE);
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, "COMMITMENT_DUE_DATE_IN_PAST")).toBe(true);
    }
  });

  it("lets a commitment without a due date be renegotiated to one", () => {
    const next = transition({ status: "open", confirmation: "none", dueAt: null }, actions.renegotiate, AFTER);
    expect(next.dueAt).toEqual(LATER);
  });
});
