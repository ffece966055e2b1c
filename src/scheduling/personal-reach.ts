// Reaching a member in a 1:1 conversation for scheduled work (pulse questions, reminders,
// commitment check-ins). Most members never wrote to the bot, so there is no stored personal
// conversation to post into: the platform opens one (Slack conversations.open, Teams
// POST /v3/conversations) and the job stores it for next time. Some members the platform will
// not let the bot reach (Slack: user gone or not DM-able; Teams: the app is not installed for
// them); the job tells the alliance's admins who and how to fix it, instead of failing silently.
import type { Member } from "#core/alliance/member.js";
import type { ConversationInput, Workspace } from "#core/alliance/workspace.js";

/** Why the platform will not let the bot open a 1:1 conversation with the member. */
export type UnreachableReason =
  /** Slack: user_not_found / user_disabled / cannot_dm_bot …; Teams: 404 (no such user in the tenant). */
  | "user_unknown"
  /** Teams: 403, the app is not installed for the user (personal scope or a team they are in). */
  | "app_not_installed"
  /** Any other refusal that a retry will not fix (missing scope, revoked token, …). */
  | "refused";

/** What opening a 1:1 conversation came to. */
export type OpenPersonalOutcome =
  | { kind: "opened"; conversation: ConversationInput }
  /** The platform refused for good: tell an admin. `detail` is the platform's own code, for logs. */
  | { kind: "unreachable"; reason: UnreachableReason; detail: string }
  /** Rate limit, network, 5xx: the outbox may try again later. */
  | { kind: "later"; detail: string };

/** Opens the bot's 1:1 conversation with a member on one platform. */
export interface PersonalConversationOpener {
  open(member: Member, workspace: Workspace): Promise<OpenPersonalOutcome>;
}
