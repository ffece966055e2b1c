/**
 * Rebuilds what was known about a commitment at a given moment from its event log, so figures
 * for a past period stay what they were at the period's end even after later disputes or
 * renegotiations (the log is append-only, so the replay is exact).
 */
import type { Commitment, CommitmentEvent, CommitmentStatus, ConfirmationState } from "./commitment.js";

/** A commitment's state as of a moment. */
export interface CommitmentSnapshot {
  /** False when the commitment did not exist yet. */
  exists: boolean;
  status: CommitmentStatus;
  confirmation: ConfirmationState;
  dueAt: Date | null;
  /** When it first left `open` (outcome or withdrawal), if it had by then. */
  resolvedAt: Date | null;
}

/** Groups events by commitment id, each list in sequence order. */
export function eventsByCommitment(events: readonly CommitmentEvent[]): Map<string, CommitmentEvent[]> {
  const byId = new Map<string, CommitmentEvent[]>();
  for (const event of events) {
    const list = byId.get(event.commitmentId) ?? [];
    list.push(event);
    byId.set(event.commitmentId, list);
  }
  for (const list of byId.values()) list.sort((a, b) => a.sequence - b.sequence);
  return byId;
}

const CONFIRMATION_AFTER: Partial<Record<CommitmentEvent["type"], ConfirmationState>> = {
  outcome: "pending",
  confirmed: "confirmed",
  disputed: "disputed",
  dispute_resolved: "confirmed",
  renegotiated: "none",
  withdrawn: "none",
};

/**
 * The state of `commitment` just before `cut`, replayed from `events` (in sequence order). Without
 * events (a store that lost them) the current row is the best answer, cut by its own dates.
 */
export function snapshotAt(commitment: Commitment, events: readonly CommitmentEvent[], cut: Date): CommitmentSnapshot {
  if (commitment.createdAt.getTime() >= cut.getTime()) {
    return { exists: false, status: "open", confirmation: "none", dueAt: commitment.dueAt, resolvedAt: null };
  }
  if (events.length === 0) {
    const resolved = commitment.resolvedAt !== null && commitment.resolvedAt.getTime() < cut.getTime();
    return {
      exists: true,
      status: resolved ? commitment.status : "open",
      confirmation: resolved ? commitment.confirmation : "none",
      dueAt: commitment.dueAt,
      resolvedAt: resolved ? commitment.resolvedAt : null,
    };
  }
  const snapshot: CommitmentSnapshot = { exists: true, status: "open", confirmation: "none", dueAt: null, resolvedAt: null };
  for (const event of events) {
    if (event.at.getTime() >= cut.getTime()) break;
    if (event.toStatus !== null) snapshot.status = event.toStatus;
    if (event.type === "created" || event.type === "renegotiated") snapshot.dueAt = event.dueAtAfter;
    const confirmation = CONFIRMATION_AFTER[event.type];
    if (confirmation !== undefined) snapshot.confirmation = confirmation;
    if ((event.type === "outcome" || event.type === "withdrawn") && snapshot.resolvedAt === null) {
      snapshot.resolvedAt = event.at;
    }
  }
  return snapshot;
}
