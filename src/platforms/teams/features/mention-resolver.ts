// A Teams user mentioned in a command (`<@29:…>` after commandTextWithMentions) as a member of the
// alliance: the roster gives the mentioned user's AAD object id, which is the member's external id.
import type { Turn } from "../handlers/turn.js";
import type { TeamsServices } from "../teams-services.js";
import type { TeamsConnector } from "../transport/teams-connector.js";
import { IN_TURN_POLICY } from "../transport/send-queue.js";

/** Resolves a mentioned Teams user id to the member (null when they never met the bot). */
export function mentionResolver(services: Pick<TeamsServices, "memberRepository">, connector: TeamsConnector) {
  return (turn: Turn) =>
    async (platformUserId: string): Promise<{ memberId: string; organizationId: string | null } | null> => {
      const account = await connector.getMember(turn.target, platformUserId, IN_TURN_POLICY).catch(() => null);
      const member = await services.memberRepository.findByExternalId(turn.member.workspaceId, account?.aadObjectId ?? platformUserId);
      return member ? { memberId: member.id, organizationId: member.organizationId } : null;
    };
}
