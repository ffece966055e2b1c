// The personal-data contributions of commitments and pulse, built on the smallest port each
// needs. Commitments use their own repository as is; for pulse the narrow store below is the
// pulse service itself (invitesOfMember / deleteInvitesOfMember over its repository).
// Polls contribute their own source (src/core/polls/poll-personal-data.ts).
import type { CommitmentRepository } from "../commitments/commitment-repository.js";
import type { Commitment } from "../commitments/commitment.js";
import type { PersonalDataSource, PersonalRecord } from "./personal-data.js";

/** A pulse invitation as shown in the member's export. */
export interface PulseInviteRecord {
  roundId: string;
  periodKey: string;
  sentAt: string | null;
  completedAt: string | null;
  remindedAt: string | null;
}

/** Pulse invitations of a member (who was asked, not what they answered). */
export interface PulseInviteStore {
  invitesOfMember(allianceId: string, memberId: string): Promise<PulseInviteRecord[]>;
  /** Deletes them; returns how many. */
  deleteInvitesOfMember(allianceId: string, memberId: string): Promise<number>;
}

// An export is rare and small; a generous cap keeps a runaway query bounded.
const EXPORT_LIMIT = 10_000;

function commitmentRecord(c: Commitment): PersonalRecord {
  return {
    number: c.number,
    text: c.text,
    status: c.status,
    confirmation: c.confirmation,
    dueAt: c.dueAt?.toISOString() ?? null,
    definitionOfDone: c.definitionOfDone,
    createdAt: c.createdAt.toISOString(),
    resolvedAt: c.resolvedAt?.toISOString() ?? null,
  };
}

/** Commitments the member owns, logged or benefits from; erasure detaches them ("former member"). */
export function commitmentsPersonalData(repo: Pick<CommitmentRepository, "list" | "detachMember">): PersonalDataSource {
  return {
    feature: "commitments",
    async exportFor({ allianceId, memberId }) {
      const [owned, benefiting, all] = await Promise.all([
        repo.list({ allianceId, ownerMemberId: memberId, limit: EXPORT_LIMIT }),
        repo.list({ allianceId, beneficiaryMemberId: memberId, limit: EXPORT_LIMIT }),
        repo.list({ allianceId, limit: EXPORT_LIMIT }),
      ]);
      return [
        { key: "commitments.owned", records: owned.map(commitmentRecord) },
        { key: "commitments.created", records: all.filter((c) => c.createdById === memberId).map(commitmentRecord) },
        { key: "commitments.benefiting", records: benefiting.map(commitmentRecord) },
      ];
    },
    async eraseFor({ allianceId, memberId }) {
      await repo.detachMember(allianceId, memberId);
    },
  };
}

/** Pulse invitations; erasure deletes them (participation rates of past rounds shrink by one). */
export function pulsePersonalData(store: PulseInviteStore): PersonalDataSource {
  return {
    feature: "pulse",
    async exportFor({ allianceId, memberId }) {
      const invites = await store.invitesOfMember(allianceId, memberId);
      return [{ key: "pulse.invites", records: invites.map((i) => ({ ...i })) }];
    },
    async eraseFor({ allianceId, memberId }) {
      await store.deleteInvitesOfMember(allianceId, memberId);
    },
  };
}
