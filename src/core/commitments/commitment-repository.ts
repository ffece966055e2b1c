/**
 * Storage port for commitments and their append-only history. Implementations: in-memory
 * (src/storage/memory) and Prisma (src/storage/prisma); test/contract runs the same suite on both.
 */
import type { Beneficiary, Commitment, CommitmentEvent, CommitmentStatus, ConfirmationState } from "./commitment.js";
import type { CommitmentPeriodAggregates, CommitmentPeriodQuery } from "./commitment-period-counts.js";

/** A new agreement; the repository allocates `id` and the per-alliance `number`. */
export interface NewCommitment {
  allianceId: string;
  text: string;
  ownerMemberId: string;
  ownerOrganizationId: string;
  beneficiary: Beneficiary;
  dueAt: Date | null;
  definitionOfDone: string | null;
  createdById: string;
  createdAt: Date;
}

/**
 * The event to append with a change (id, commitment and sequence are assigned by the repository).
 * Its idempotencyKey is unique across all events; a second write with the same key is a no-op.
 */
export type NewCommitmentEvent = Omit<CommitmentEvent, "id" | "commitmentId" | "sequence">;

/** The new values of a change; fields left out stay as they are. */
export interface CommitmentPatch {
  status?: CommitmentStatus;
  confirmation?: ConfirmationState;
  dueAt?: Date | null;
  resolvedAt?: Date | null;
}

/** What a write did: `replayed` means the idempotency key was already used and nothing changed. */
export interface CommitmentWriteResult {
  commitment: Commitment;
  replayed: boolean;
}

/** Filters for listing; all given conditions must hold, except the `beneficiary*` pair (either). */
export interface CommitmentQuery {
  allianceId: string;
  statuses?: readonly CommitmentStatus[];
  ownerMemberId?: string;
  ownerOrganizationId?: string;
  /** Owed to this organisation... */
  beneficiaryOrganizationId?: string;
  /** ...or to this member (either matches when both are given). */
  beneficiaryMemberId?: string;
  confirmation?: ConfirmationState;
  /** dueAt < dueBefore (commitments without a due date never match a due-date bound). */
  dueBefore?: Date;
  /** dueAt >= dueFrom. */
  dueFrom?: Date;
  /** createdAt < createdBefore. */
  createdBefore?: Date;
  /** resolvedAt IS NULL or resolvedAt >= unresolvedOrResolvedFrom (commitments still relevant to a period). */
  unresolvedOrResolvedFrom?: Date;
  /** Default 200. */
  limit?: number;
}

/** The commitment storage port. */
export interface CommitmentRepository {
  /**
   * Inserts the commitment with the next free per-alliance number (safe under concurrent
   * creates) and its `created` event (sequence 0). When `event.idempotencyKey` was used before,
   * returns the commitment of that earlier event with `replayed: true` and writes nothing.
   */
  create(commitment: NewCommitment, event: NewCommitmentEvent): Promise<CommitmentWriteResult>;

  /**
   * Applies `patch` and appends `event` (sequence = new version) only if the stored version is
   * still `expectedVersion`; otherwise throws DomainError CONFLICT and writes nothing. An already
   * used idempotency key makes it a no-op returning the current commitment with `replayed: true`.
   */
  applyChange(
    commitmentId: string,
    expectedVersion: number,
    patch: CommitmentPatch,
    event: NewCommitmentEvent,
  ): Promise<CommitmentWriteResult>;

  /** The commitment with this id, or null. */
  findById(commitmentId: string): Promise<Commitment | null>;

  /** The commitment "#number" of an alliance, or null. */
  findByNumber(allianceId: string, number: number): Promise<Commitment | null>;

  /** The commitment whose event carries this idempotency key, or null. */
  findByIdempotencyKey(idempotencyKey: string): Promise<Commitment | null>;

  /** Matching commitments, ordered by due date (no date last), then number. */
  list(query: CommitmentQuery): Promise<Commitment[]>;

  /** Events of the given commitments, each commitment's in sequence order. */
  listEvents(commitmentIds: readonly string[]): Promise<CommitmentEvent[]>;

  /**
   * Counts per (period, owner organisation, beneficiary organisation) over a run of consecutive
   * periods, and the last period's named lists, reading each commitment and event once: exactly
   * what aggregateCommitmentPeriods (commitment-period-counts.ts) computes from the rows.
   */
  periodAggregates(query: CommitmentPeriodQuery): Promise<CommitmentPeriodAggregates>;

  /**
   * "Forget me": detaches `memberId` from every commitment of the alliance — owner, creator and
   * beneficiary member become null (a member beneficiary becomes their organisation) and the
   * member's events lose their actor. The only update events ever get. Returns how many
   * commitments were touched.
   */
  detachMember(allianceId: string, memberId: string): Promise<number>;
}
