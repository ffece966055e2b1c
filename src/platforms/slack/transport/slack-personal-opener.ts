// Slack's side of reaching a member who never wrote to the bot: conversations.open with their
// user id gives the DM channel (the same one each time), which the scheduler stores and posts
// into. A user Slack will not let the bot message is reported as unreachable, not retried.
import type { OpenPersonalOutcome, PersonalConversationOpener } from "#scheduling/personal-reach.js";
import { SlackSendError, classifySlackError } from "./slack-errors.js";
import type { SlackMessenger } from "./slack-messenger.js";

/** conversations.open errors that name the user: gone, deactivated, hidden, or DMs with apps turned off. */
const USER_UNKNOWN = new Set(["user_not_found", "user_not_visible", "user_disabled", "cannot_dm_bot"]);

/** Builds the opener over the messenger (the workspace's token is chosen per call). */
export function createSlackPersonalOpener(messenger: Pick<SlackMessenger, "openDirect">): PersonalConversationOpener {
  return {
    async open(member, workspace): Promise<OpenPersonalOutcome> {
      try {
        const channel = await messenger.openDirect({ teamId: workspace.externalId, user: member.externalId });
        return {
          kind: "opened",
          conversation: { workspaceId: workspace.id, conversationId: channel, kind: "personal", serviceUrl: null, tenantId: null, memberId: member.id },
        };
      } catch (error) {
        const failure = error instanceof SlackSendError ? error.failure : classifySlackError(error);
        if (failure.kind !== "permanent") return { kind: "later", detail: failure.kind === "rate_limited" ? "rate_limited" : failure.reason };
        return { kind: "unreachable", reason: USER_UNKNOWN.has(failure.reason) ? "user_unknown" : "refused", detail: failure.reason };
      }
    },
  };
}
