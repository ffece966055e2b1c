// Who, in a shared Teams chat (group chat or channel), is asked to confirm or dispute a reported
// outcome. Teams' user-specific views (a card's `refresh.userIds`) let the card everyone sees stay
// neutral while the receiving side's members get their own copy with Confirm / Dispute; Teams
// names people there by their 29: id, so the chat's roster maps our members (AAD ids) to those.
import type { Commitment } from "#core/commitments/commitment.js";
import type { Logger } from "#src/logger.js";
import type { Turn } from "../handlers/turn.js";
import { REFRESH_USER_IDS_MAX } from "../render/card-kit.js";
import { IN_TURN_POLICY } from "../transport/send-queue.js";
import type { TeamsConnector } from "../transport/teams-connector.js";
import type { TeamsServices } from "../teams-services.js";

/**
 * How the shared card is built:
 * - `per-viewer`: neutral for everyone; `userIds` (the receiving side here, at most 60) refresh to
 *   a card with Confirm / Dispute.
 * - `shared-buttons`: the buttons on the card everyone sees (nobody of the receiving side could be
 *   found in this chat, or more than Teams' 60 could need them); only the reporter's own view,
 *   refreshed, leaves them out, and the core's polite refusal (COMMITMENT_OWN_REPORT) stays the
 *   last line of defence for clients that do not refresh.
 */
export type ConfirmAudience = { kind: "per-viewer"; userIds: string[] } | { kind: "shared-buttons"; userIds: string[] };

/** The members of the receiving side of `commitment`: the person it was for, or its organisation's. */
export async function receivingMembers(services: Pick<TeamsServices, "memberRepository">, commitment: Commitment) {
  const b = commitment.beneficiary;
  return b.kind === "member" && b.memberId
    ? [await services.memberRepository.get(b.memberId)]
    : b.organizationId
      ? await services.memberRepository.list(commitment.allianceId, { organizationId: b.organizationId })
      : [];
}

/** The receiving side's members in `turn`'s chat, as Teams user ids; never the reporter or owner. */
export async function confirmAudience(
  services: Pick<TeamsServices, "memberRepository">,
  connector: Pick<TeamsConnector, "listMembers">,
  turn: Turn,
  commitment: Commitment,
  logger?: Pick<Logger, "warn">,
): Promise<ConfirmAudience> {
  const reporterOnly: ConfirmAudience = { kind: "shared-buttons", userIds: [turn.activity.from.id] };
  const receiving = await receivingMembers(services, commitment);
  const externalIds = new Set(
    receiving
      .filter((m) => m !== null && !m.erasedAt && m.workspaceId === turn.member.workspaceId && m.id !== turn.member.memberId && m.id !== commitment.ownerMemberId)
      .map((m) => m!.externalId),
  );
  if (externalIds.size === 0) return reporterOnly;
  const roster = await connector.listMembers(turn.target, IN_TURN_POLICY).catch((error: unknown) => {
    logger?.warn({ err: error }, "could not read the chat's members for the confirm request; showing its buttons to everyone");
    return null;
  });
  if (!roster) return reporterOnly;
  const userIds = roster.filter((account) => externalIds.has(account.aadObjectId ?? account.id)).map((account) => account.id);
  if (userIds.length === 0 || userIds.length > REFRESH_USER_IDS_MAX) return reporterOnly;
  return { kind: "per-viewer", userIds };
}
