/**
 * The commitment lifecycle as a table: which action is legal in which (status, confirmation),
 * and where it leads. Who may act is a separate question (commitment-permissions.ts).
 *
 *   status        confirmation  legal actions
 *   open          none          report → kept | kept_late | broken (confirmation → pending)
 *                               renegotiate → open (only before the due date)
 *                               withdraw → withdrawn
 *   kept/kept_late/broken
 *                 pending       confirm → confirmed, dispute → disputed
 *                 disputed      resolve_dispute → kept | kept_late | broken (confirmation → confirmed)
 *                 confirmed     (final)
 *   withdrawn     none          (final)
 *
 * Decision: a "kept" reported after the due date becomes kept_late automatically (the owner is
 * not made to retype it; the event says what happened), and "kept_late" reported on time becomes
 * kept — lateness is a fact of the clock, not a choice. Without a due date the owner's word stands.
 */
import { DomainError } from "../shared/errors.js";
import type { CommitmentEventType, CommitmentOutcome, CommitmentStatus, ConfirmationState } from "./commitment.js";

/** What someone tries to do to a commitment. */
export type CommitmentAction =
  | { kind: "report"; outcome: CommitmentOutcome }
  | { kind: "renegotiate"; newDueAt: Date }
  | { kind: "withdraw" }
  | { kind: "confirm" }
  | { kind: "dispute" }
  | { kind: "resolve_dispute"; outcome: CommitmentOutcome };

/** Every action kind, for exhaustive tests and adapters. */
export type CommitmentActionKind = CommitmentAction["kind"];
export const COMMITMENT_ACTION_KINDS: readonly CommitmentActionKind[] = [
  "report",
  "renegotiate",
  "withdraw",
  "confirm",
  "dispute",
  "resolve_dispute",
];

/** The part of a commitment the state machine looks at. */
export interface CommitmentState {
  status: CommitmentStatus;
  confirmation: ConfirmationState;
  dueAt: Date | null;
}

/** Where a legal action leads. */
export interface CommitmentTransition {
  status: CommitmentStatus;
  confirmation: ConfirmationState;
  dueAt: Date | null;
  event: CommitmentEventType;
}

const RESOLVED: readonly CommitmentStatus[] = ["kept", "kept_late", "broken"];

/** The table above: for each action, the (status, confirmation) pairs it is legal in. */
export const LEGAL_FROM: Readonly<Record<CommitmentActionKind, (state: CommitmentState) => boolean>> = {
  report: (s) => s.status === "open",
  renegotiate: (s) => s.status === "open",
  withdraw: (s) => s.status === "open",
  confirm: (s) => RESOLVED.includes(s.status) && s.confirmation === "pending",
  dispute: (s) => RESOLVED.includes(s.status) && s.confirmation === "pending",
  resolve_dispute: (s) => RESOLVED.includes(s.status) && s.confirmation === "disputed",
};

/** The outcome stored for a report made at `at`: lateness follows the clock (see header). */
export function effectiveOutcome(requested: CommitmentOutcome, dueAt: Date | null, at: Date): CommitmentOutcome {
  if (requested === "broken" || dueAt === null) return requested;
  return at.getTime() > dueAt.getTime() ? "kept_late" : "kept";
}

/**
 * Applies `action` at `at`, or throws COMMITMENT_ILLEGAL_TRANSITION (details: from, confirmation,
 * action) and, for a renegotiation, COMMITMENT_RENEGOTIATE_AFTER_DUE / COMMITMENT_DUE_DATE_IN_PAST.
 */
export function transition(state: CommitmentState, action: CommitmentAction, at: Date): CommitmentTransition {
  if (!LEGAL_FROM[action.kind](state)) {
    throw new DomainError(
      "COMMITMENT_ILLEGAL_TRANSITION",
      `cannot ${action.kind} a commitment that is ${state.status}/${state.confirmation}`,
      { from: state.status, confirmation: state.confirmation, action: action.kind },
    );
  }
  switch (action.kind) {
    case "report":
      return {
        status: effectiveOutcome(action.outcome, state.dueAt, at),
        confirmation: "pending",
        dueAt: state.dueAt,
        event: "outcome",
      };
    case "renegotiate":
      // Renegotiation is agreed BEFORE the due date; afterwards the honest outcome is late or broken.
      if (state.dueAt !== null && at.getTime() > state.dueAt.getTime()) {
        throw new DomainError("COMMITMENT_RENEGOTIATE_AFTER_DUE", "the due date has passed", {
          dueAt: state.dueAt.toISOString(),
        });
      }
      if (action.newDueAt.getTime() <= at.getTime()) {
        throw new DomainError("COMMITMENT_DUE_DATE_IN_PAST", "the new due date is not in the future", {
          date: action.newDueAt.toISOString(),
        });
      }
      return { status: "open", confirmation: "none", dueAt: action.newDueAt, event: "renegotiated" };
    case "withdraw":
      return { status: "withdrawn", confirmation: "none", dueAt: state.dueAt, event: "withdrawn" };
    case "confirm":
      return { status: state.status, confirmation: "confirmed", dueAt: state.dueAt, event: "confirmed" };
    case "dispute":
      return { status: state.status, confirmation: "disputed", dueAt: state.dueAt, event: "disputed" };
    case "resolve_dispute":
      return { status: action.outcome, confirmation: "confirmed", dueAt: state.dueAt, event: "dispute_resolved" };
  }
}
