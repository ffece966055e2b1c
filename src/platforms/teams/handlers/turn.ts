// Everything a handler needs about one incoming activity: who sent it (as a member of the
// alliance, created on first contact), the language to answer in, and where to answer. Every
// turn also refreshes the stored conversation reference, so proactive sends find the latest
// serviceUrl (Teams may move a tenant to another one).
import type { ResolvedMember } from "#core/alliance/member-service.js";
import type { MemberService } from "#core/alliance/member-service.js";
import type { ConversationKind, ConversationRef } from "#core/alliance/workspace.js";
import type { ConversationRepository } from "#core/alliance/workspace-repository.js";
import { toLocale, type Locale } from "#core/shared/refs.js";
import type { TeamsTarget } from "../transport/teams-connector.js";
import type { MemberProfileLookup } from "./member-profile.js";
import { baseConversationId, conversationKindOf, tenantOf, userIdOf, type InboundActivity } from "./inbound-activity.js";

/** One incoming activity from a person, resolved. */
export interface Turn {
  activity: InboundActivity;
  member: ResolvedMember;
  /** The activity's locale when Teams sent one, else the member's, else the alliance's. */
  locale: Locale;
  kind: ConversationKind;
  /** Where replies go: the conversation as it arrived (a channel thread stays a thread). */
  target: TeamsTarget;
  /** The stored reference (channel level) for later proactive posts. */
  conversation: ConversationRef;
}

/** What opening a turn needs. */
export interface TurnDeps {
  members: MemberService;
  conversations: ConversationRepository;
  /** The member API lookup for e-mail and name; the core calls it only while it can help. */
  profiles?: MemberProfileLookup | undefined;
}

/** Thrown when an activity lacks a tenant; Teams always sends one, so this is not from Teams. */
export class MissingTenantError extends Error {
  constructor() {
    super("activity has no tenant id");
  }
}

/** Resolves the sender and stores the conversation reference. */
export async function openTurn(activity: InboundActivity, deps: TurnDeps): Promise<Turn> {
  const tenantId = tenantOf(activity);
  if (!tenantId) throw new MissingTenantError();
  const kind = conversationKindOf(activity);
  const target: TeamsTarget = { serviceUrl: activity.serviceUrl, conversationId: activity.conversation.id, tenantId };
  const profiles = deps.profiles;
  const member = await deps.members.resolveMember({
    platform: "teams",
    workspaceExternalId: tenantId,
    workspaceName: activity.channelData?.team?.name ?? null,
    userExternalId: userIdOf(activity),
    displayName: activity.from.name ?? "",
    locale: activity.locale ?? null,
    // The member API wants the conversation account id (29:…), not the AAD object id.
    ...(profiles ? { lookupProfile: () => profiles(target, activity.from.id) } : {}),
  });
  const conversation = await rememberConversation(activity, { workspaceId: member.workspaceId, memberId: kind === "personal" ? member.memberId : null }, deps.conversations);
  return {
    activity,
    member,
    locale: activity.locale ? toLocale(activity.locale, member.locale) : member.locale,
    kind,
    target,
    conversation,
  };
}

/** Saves (or refreshes) where the bot can post into this conversation later. */
export function rememberConversation(
  activity: InboundActivity,
  owner: { workspaceId: string; memberId: string | null },
  conversations: ConversationRepository,
): Promise<ConversationRef> {
  return conversations.saveConversation({
    workspaceId: owner.workspaceId,
    conversationId: baseConversationId(activity.conversation.id),
    kind: conversationKindOf(activity),
    serviceUrl: activity.serviceUrl,
    tenantId: tenantOf(activity),
    memberId: owner.memberId,
  });
}
