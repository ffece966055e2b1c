// Who, in a shared Teams chat (group chat or channel), gets their own copy of a commitment card.
// Everyone sees one card there, so it is sent without buttons and Teams refreshes it (the card's
// `refresh.userIds`) for the people the core lets act on it now: the owner, the beneficiary side,
// admins, steering members on a dispute… The core decides (buildCommitmentCard shows only what a
// viewer may do), so this file asks it per person instead of repeating its rules.
import { actorOf } from "#core/alliance/member.js";
import type { Commitment, CommitmentEvent } from "#core/commitments/commitment.js";
import { buildCommitmentCard, type CommitmentViewContext } from "#core/commitments/commitment-views.js";
import type { Actor } from "#core/shared/refs.js";
import type { Logger } from "#src/logger.js";
import type { Turn } from "../handlers/turn.js";
import { REFRESH_USER_IDS_MAX } from "../render/card-kit.js";
import { IN_TURN_POLICY } from "../transport/send-queue.js";
import type { TeamsConnector } from "../transport/teams-connector.js";
import type { TeamsServices } from "../teams-services.js";

const mayAct = (viewer: Actor, commitment: Commitment, ctx: CommitmentViewContext, events: readonly CommitmentEvent[]) =>
  buildCommitmentCard(commitment, ctx, viewer, events).actions.length > 0;

/**
 * The Teams user ids (29:…) of the people in `turn`'s chat who would see a button on the card of
 * `commitment`: the sender first, then the owner, then the others, at most Teams' 60. When the
 * chat's members cannot be read, only the sender (whose id the turn carries); the others can still
 * type `commit …`, and the core's permission checks stay the last line of defence either way.
 */
export async function commitmentCardAudience(
  services: Pick<TeamsServices, "memberRepository">,
  connector: Pick<TeamsConnector, "listMembers">,
  turn: Turn,
  commitment: Commitment,
  context: { ctx: CommitmentViewContext; events: readonly CommitmentEvent[] },
  logger?: Pick<Logger, "warn">,
): Promise<string[]> {
  const { ctx, events } = context;
  const sender = mayAct(turn.member, commitment, ctx, events) ? [turn.activity.from.id] : [];
  const roster = await connector.listMembers(turn.target, IN_TURN_POLICY).catch((error: unknown) => {
    logger?.warn({ err: error }, "could not read the chat's members for a commitment card; only the sender gets their buttons");
    return null;
  });
  if (!roster) return sender;
  // Our members of this tenant, by their AAD id (what the roster and our externalId share).
  const members = new Map(
    (await services.memberRepository.list(commitment.allianceId))
      .filter((m) => !m.erasedAt && m.workspaceId === turn.member.workspaceId && m.id !== turn.member.memberId)
      .map((m) => [m.externalId, m]),
  );
  const owners: string[] = [];
  const others: string[] = [];
  for (const account of roster) {
    const member = members.get(account.aadObjectId ?? account.id);
    if (!member || account.id === turn.activity.from.id || !mayAct(actorOf(member), commitment, ctx, events)) continue;
    (member.id === commitment.ownerMemberId ? owners : others).push(account.id);
  }
  return [...sender, ...owners, ...others].slice(0, REFRESH_USER_IDS_MAX);
}
