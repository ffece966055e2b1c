/**
 * The commitment (agreement) and its history, as the core sees them.
 *
 * State model (DESIGN.md §2.2):
 * - `status` is where the agreement stands: open, kept, kept_late, broken or withdrawn.
 * - "Renegotiated" is a TRANSITION, not a resting state: a renegotiation (a new due date agreed
 *   before the old one passed) is recorded as a `renegotiated` event (open → open, with the due
 *   date before and after) and the commitment stays `open` with the new date; `renegotiations`
 *   counts them. That keeps every "what is still open?" query a single status test.
 * - `confirmation` is the beneficiary side's answer to a reported outcome: none (nothing
 *   reported, or withdrawn), pending, confirmed or disputed. A dispute stays visible until an
 *   admin, a steering member or the beneficiary side resolves it.
 * - `version` increases with every event, so two instances cannot both apply a transition.
 */
import { z } from "zod";

/** Where an agreement stands. */
export const COMMITMENT_STATUSES = ["open", "kept", "kept_late", "broken", "withdrawn"] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];
export const commitmentStatusSchema = z.enum(COMMITMENT_STATUSES);

/** Outcomes an owner can report; "kept" after the due date is stored as kept_late. */
export const COMMITMENT_OUTCOMES = ["kept", "kept_late", "broken"] as const;
export type CommitmentOutcome = (typeof COMMITMENT_OUTCOMES)[number];

/** The beneficiary side's answer to a reported outcome. */
export const CONFIRMATION_STATES = ["none", "pending", "confirmed", "disputed"] as const;
export type ConfirmationState = (typeof CONFIRMATION_STATES)[number];
export const confirmationStateSchema = z.enum(CONFIRMATION_STATES);

/** What happened, one per CommitmentEvent row. */
export const COMMITMENT_EVENT_TYPES = [
  "created",
  "outcome",
  "renegotiated",
  "withdrawn",
  "confirmed",
  "disputed",
  "dispute_resolved",
  "reminded",
] as const;
export type CommitmentEventType = (typeof COMMITMENT_EVENT_TYPES)[number];
export const commitmentEventTypeSchema = z.enum(COMMITMENT_EVENT_TYPES);

/** Length limits, in characters after trimming. */
export const COMMITMENT_LIMITS = {
  textMin: 3,
  textMax: 280,
  definitionOfDoneMax: 1000,
  reasonMax: 500,
} as const;

/**
 * Who receives the agreement: a partner organisation, or one person (with their organisation when
 * known, for per-direction figures). When a member beneficiary is forgotten the agreement becomes
 * owed to their organisation; `memberId: null` remains only when that organisation is unknown.
 */
export type Beneficiary =
  | { kind: "organization"; organizationId: string }
  | { kind: "member"; memberId: string | null; organizationId: string | null };

/** An agreement. `ownerMemberId` is null once the owner asked to be forgotten ("former member"). */
export interface Commitment {
  id: string;
  allianceId: string;
  /** Short per-alliance reference shown as "#12". */
  number: number;
  text: string;
  ownerMemberId: string | null;
  ownerOrganizationId: string;
  beneficiary: Beneficiary;
  /** Null when the agreement was made without a date (it then lowers agreement clarity). */
  dueAt: Date | null;
  definitionOfDone: string | null;
  status: CommitmentStatus;
  confirmation: ConfirmationState;
  /** Null once the creator asked to be forgotten. */
  createdById: string | null;
  createdAt: Date;
  /** When it first left `open` (outcome or withdrawal); a later dispute resolution keeps it. */
  resolvedAt: Date | null;
  /** How many times the due date was renegotiated. */
  renegotiations: number;
  version: number;
}

/** One append-only history entry. */
export interface CommitmentEvent {
  id: string;
  commitmentId: string;
  /** 0 for `created`; equals the commitment's version after the change. */
  sequence: number;
  type: CommitmentEventType;
  actorMemberId: string | null;
  at: Date;
  fromStatus: CommitmentStatus | null;
  toStatus: CommitmentStatus | null;
  reason: string | null;
  dueAtBefore: Date | null;
  dueAtAfter: Date | null;
  idempotencyKey: string | null;
}

/** "#12". */
export function commitmentRef(commitment: Pick<Commitment, "number">): string {
  return `#${commitment.number}`;
}

/** The beneficiary's organisation, when known (for per-direction figures). */
export function beneficiaryOrganizationId(commitment: Pick<Commitment, "beneficiary">): string | null {
  return commitment.beneficiary.organizationId;
}

/** True while an outcome can still be reported. */
export function isOpen(commitment: Pick<Commitment, "status">): boolean {
  return commitment.status === "open";
}

/** True when the commitment is open and its due moment has passed at `now`. */
export function isOverdue(commitment: Pick<Commitment, "status" | "dueAt">, now: Date): boolean {
  return commitment.status === "open" && commitment.dueAt !== null && commitment.dueAt.getTime() < now.getTime();
}
