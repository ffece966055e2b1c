/**
 * Who may do what to a commitment. The owner speaks for the delivery, the beneficiary side for
 * the receipt; admins can step in everywhere, steering members can settle disputes.
 *
 * - report outcome: the owner or an admin (else COMMITMENT_NOT_OWNER).
 * - renegotiate: the owner, the beneficiary side or an admin — a new date is agreed by both
 *   sides, and either may record it (else COMMITMENT_NOT_OWNER).
 * - withdraw: the owner, the creator or an admin; once the due date has passed only an admin or
 *   the beneficiary side (who releases the owner) may, so an overdue item cannot be withdrawn to
 *   avoid counting as broken (COMMITMENT_WITHDRAW_AFTER_DUE / COMMITMENT_NOT_OWNER).
 * - confirm / dispute: the beneficiary side — the beneficiary member, or a member of the
 *   beneficiary organisation — but never the owner (else COMMITMENT_NOT_BENEFICIARY).
 * - resolve a dispute: an admin, a steering member, or the beneficiary side withdrawing its
 *   dispute; not the owner alone (else FORBIDDEN).
 */
import { DomainError } from "../shared/errors.js";
import type { Actor } from "../shared/refs.js";
import type { Commitment, CommitmentEvent } from "./commitment.js";
import type { CommitmentActionKind } from "./commitment-state-machine.js";

/** True when `actor` owns the commitment. */
export function isOwner(actor: Actor, commitment: Commitment): boolean {
  return commitment.ownerMemberId !== null && commitment.ownerMemberId === actor.memberId;
}

/** True when `actor` is the beneficiary member or belongs to the beneficiary organisation. */
export function isBeneficiarySide(actor: Actor, commitment: Commitment): boolean {
  const beneficiary = commitment.beneficiary;
  // A forgotten beneficiary ("former member", memberId null) is spoken for by their organisation.
  if (beneficiary.kind === "member" && beneficiary.memberId !== null) return beneficiary.memberId === actor.memberId;
  return actor.organizationId !== null && actor.organizationId === beneficiary.organizationId;
}

function refuse(code: "COMMITMENT_NOT_OWNER" | "COMMITMENT_NOT_BENEFICIARY" | "FORBIDDEN", commitment: Commitment): never {
  throw new DomainError(code, `${code} on commitment ${commitment.id}`, { number: commitment.number });
}

/** Throws unless `actor` may perform `action` on `commitment` at `now` (rules in the header). */
export function assertMayAct(actor: Actor, commitment: Commitment, action: CommitmentActionKind, now: Date): void {
  if (actor.allianceId !== commitment.allianceId) {
    // Another alliance's commitment does not exist as far as this actor is concerned.
    throw new DomainError("NOT_FOUND", "commitment in another alliance");
  }
  const admin = actor.role === "admin";
  const owner = isOwner(actor, commitment);
  const beneficiary = isBeneficiarySide(actor, commitment) && !owner;
  switch (action) {
    case "report":
      if (!owner && !admin) refuse("COMMITMENT_NOT_OWNER", commitment);
      return;
    case "renegotiate":
      if (!owner && !beneficiary && !admin) refuse("COMMITMENT_NOT_OWNER", commitment);
      return;
    case "withdraw": {
      const creator = commitment.createdById !== null && commitment.createdById === actor.memberId;
      const pastDue = commitment.dueAt !== null && now.getTime() > commitment.dueAt.getTime();
      if (admin || beneficiary) return;
      if (!owner && !creator) refuse("COMMITMENT_NOT_OWNER", commitment);
      if (pastDue) {
        throw new DomainError("COMMITMENT_WITHDRAW_AFTER_DUE", "only the beneficiary side or an admin can withdraw now", {
          number: commitment.number,
        });
      }
      return;
    }
    case "confirm":
    case "dispute":
      if (!beneficiary) refuse("COMMITMENT_NOT_BENEFICIARY", commitment);
      return;
    case "resolve_dispute":
      if (!admin && actor.role !== "steering" && !beneficiary) refuse("FORBIDDEN", commitment);
      return;
  }
}

/**
 * True when `actor` reported the commitment's current outcome: they may not confirm or dispute
 * their own report (an admin of the receiving side who reported for the owner, say), so their
 * card does not offer it and the core refuses it politely.
 */
export function reportedBy(actor: Pick<Actor, "memberId">, events: readonly CommitmentEvent[]): boolean {
  const outcome = [...events].reverse().find((e) => e.type === "outcome");
  return outcome !== undefined && outcome.actorMemberId !== null && outcome.actorMemberId === actor.memberId;
}
