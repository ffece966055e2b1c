// Builders for the Bot Framework activities Teams sends a bot, shaped like real Teams payloads
// (channelId msteams, tenant in conversation and channelData, AAD ids on users).
import { randomUUID } from "node:crypto";

/** Who sends, and where. */
export interface ActivityScope {
  serviceUrl: string;
  tenantId?: string;
  conversationId?: string;
  conversationType?: "personal" | "groupChat" | "channel";
  user?: { id: string; name: string; aadObjectId: string };
  botId?: string;
  locale?: string;
  team?: { id: string; name: string };
}

export const DEFAULT_TENANT = "tenant-aaaa-0001";
export const DEFAULT_BOT_ID = "28:00000000-0000-0000-0000-0000000000b0";
/** Users of the default tenant. */
export const USERS = {
  ann: { id: "29:ann", name: "Ann Admin", aadObjectId: "aad-ann" },
  bob: { id: "29:bob", name: "Bob Builder", aadObjectId: "aad-bob" },
  cas: { id: "29:cas", name: "Cas Partner", aadObjectId: "aad-cas" },
} as const;

function base(scope: ActivityScope, type: string): Record<string, unknown> {
  const tenantId = scope.tenantId ?? DEFAULT_TENANT;
  const user = scope.user ?? USERS.ann;
  const conversationType = scope.conversationType ?? "personal";
  return {
    type,
    id: `act-${randomUUID()}`,
    timestamp: new Date().toISOString(),
    serviceUrl: scope.serviceUrl,
    channelId: "msteams",
    from: user,
    recipient: { id: scope.botId ?? DEFAULT_BOT_ID, name: "Alliance Trust Bot" },
    conversation: {
      id: scope.conversationId ?? `a:personal-${user.aadObjectId}`,
      conversationType,
      tenantId,
      ...(conversationType === "channel" ? { isGroup: true } : {}),
    },
    locale: scope.locale ?? "en-US",
    channelData: {
      tenant: { id: tenantId },
      ...(scope.team ? { team: scope.team, channel: { id: scope.conversationId } } : {}),
    },
  };
}

/** A text message to the bot; in channels the text starts with the bot's mention. */
export function messageActivity(scope: ActivityScope, text: string): Record<string, unknown> {
  const mention = scope.conversationType === "channel" ? "<at>Alliance Trust Bot</at> " : "";
  return {
    ...base(scope, "message"),
    text: `${mention}${text}`,
    textFormat: "plain",
    ...(mention ? { entities: [{ type: "mention", text: "<at>Alliance Trust Bot</at>", mentioned: { id: scope.botId ?? DEFAULT_BOT_ID, name: "Alliance Trust Bot" } }] } : {}),
  };
}

/** An Action.Execute press: invoke adaptiveCard/action. */
export function executeActivity(scope: ActivityScope, verb: string, data: Record<string, unknown>, replyToId?: string): Record<string, unknown> {
  return {
    ...base(scope, "invoke"),
    name: "adaptiveCard/action",
    value: { action: { type: "Action.Execute", verb, data: { verb, ...data } }, trigger: "manual" },
    ...(replyToId ? { replyToId } : {}),
  };
}

/** An Action.Submit press (older clients): a message whose value is the button data plus inputs. */
export function submitActivity(scope: ActivityScope, data: Record<string, unknown>, replyToId: string): Record<string, unknown> {
  return { ...base(scope, "message"), value: data, replyToId };
}

/** The bot was added to a team / chat / personal scope. */
export function botAddedActivity(scope: ActivityScope): Record<string, unknown> {
  const activity = base(scope, "conversationUpdate");
  return { ...activity, membersAdded: [activity.recipient], channelData: { ...(activity.channelData as object), eventType: scope.team ? "teamMemberAdded" : undefined } };
}

/** conversationUpdate: the bot was removed from the team or chat. */
export function botRemovedActivity(scope: ActivityScope): Record<string, unknown> {
  const activity = base(scope, "conversationUpdate");
  return { ...activity, membersRemoved: [activity.recipient], channelData: { ...(activity.channelData as object), eventType: scope.team ? "teamMemberRemoved" : undefined } };
}

/** installationUpdate: add (default), remove, or their -upgrade forms. */
export function installationActivity(scope: ActivityScope, action: "add" | "remove" | "add-upgrade" | "remove-upgrade" = "add"): Record<string, unknown> {
  return { ...base(scope, "installationUpdate"), action };
}

/** A fileConsent/invoke answer. */
export function fileConsentActivity(scope: ActivityScope, value: Record<string, unknown>): Record<string, unknown> {
  return { ...base(scope, "invoke"), name: "fileConsent/invoke", value };
}
