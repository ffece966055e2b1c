// Teams' side of reaching a member who never wrote to the bot: the messenger creates the 1:1
// chat proactively (POST /v3/conversations with their AAD id and the tenant) and stores it. Teams
// allows that only where the app is installed for the user — personally or in a team they are
// in — and answers 403 otherwise (404 for a user it does not know): those are reported as
// unreachable so an admin can install the app for them; throttling and 5xx are "later".
import type { OpenPersonalOutcome, PersonalConversationOpener } from "#scheduling/personal-reach.js";
import type { TeamsMessenger } from "./teams-messenger.js";
import { toTeamsSendError } from "./transport/send-errors.js";

/** Builds the opener over the messenger. */
export function createTeamsPersonalOpener(messenger: Pick<TeamsMessenger, "openPersonal">): PersonalConversationOpener {
  return {
    async open(member, workspace): Promise<OpenPersonalOutcome> {
      try {
        const conversation = await messenger.openPersonal({ memberId: member.id, workspaceId: workspace.id, externalId: member.externalId, tenantId: workspace.externalId });
        const { id: _id, updatedAt: _updatedAt, ...input } = conversation;
        return { kind: "opened", conversation: input };
      } catch (error) {
        const failure = toTeamsSendError(error);
        if (failure.retryable || failure.status === undefined || failure.status >= 500) return { kind: "later", detail: failure.message };
        if (failure.status === 403) return { kind: "unreachable", reason: "app_not_installed", detail: failure.message };
        if (failure.status === 404) return { kind: "unreachable", reason: "user_unknown", detail: failure.message };
        return { kind: "unreachable", reason: "refused", detail: failure.message };
      }
    },
  };
}
