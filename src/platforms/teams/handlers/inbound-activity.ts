// The fields of an incoming Teams activity this bot reads, checked with zod at the edge.
// Everything else the SDK hands us is ignored, so a surprising payload cannot reach the core.
import { z } from "zod";
import type { ConversationKind } from "#core/alliance/workspace.js";

const account = z.object({
  id: z.string().min(1).max(512),
  name: z.string().max(512).optional(),
  aadObjectId: z.string().max(128).optional(),
});

/** The subset of a Bot Framework activity the handlers use. */
export const inboundActivitySchema = z.object({
  type: z.string(),
  id: z.string().max(512).optional(),
  name: z.string().max(256).optional(),
  action: z.string().max(64).optional(),
  // Teams caps a message near 28 KB; anything up to the 100 KB activity limit is read, so an
  // over-long command is answered (COMMAND_TEXT_MAX) instead of silently dropped.
  text: z.string().max(100_000).optional(),
  value: z.unknown().optional(),
  locale: z.string().max(32).optional(),
  replyToId: z.string().max(512).optional(),
  serviceUrl: z.url(),
  channelId: z.string().optional(),
  from: account,
  recipient: account,
  conversation: z.object({
    id: z.string().min(1).max(1024),
    conversationType: z.string().optional(),
    tenantId: z.string().max(128).optional(),
    name: z.string().max(512).optional(),
  }),
  entities: z.array(z.object({ type: z.string(), text: z.string().max(1024).optional(), mentioned: account.partial().optional() }).loose()).max(50).optional(),
  membersAdded: z.array(account).optional(),
  membersRemoved: z.array(account).optional(),
  channelData: z
    .object({
      tenant: z.object({ id: z.string().max(128) }).optional(),
      team: z.object({ id: z.string().max(512), name: z.string().max(512).optional() }).optional(),
      channel: z.object({ id: z.string().max(512), name: z.string().max(512).optional() }).optional(),
      eventType: z.string().max(64).optional(),
    })
    .loose()
    .optional(),
});

/** A parsed incoming activity. */
export type InboundActivity = z.infer<typeof inboundActivitySchema>;

/** Parses the activity, or null when it lacks what we need (then it is ignored). */
export function parseInbound(raw: unknown): InboundActivity | null {
  const result = inboundActivitySchema.safeParse(raw);
  return result.success ? result.data : null;
}

/** The tenant the activity comes from (Teams puts it in two places, depending on the event). */
export function tenantOf(activity: InboundActivity): string | null {
  return activity.conversation.tenantId ?? activity.channelData?.tenant?.id ?? null;
}

/** Personal (1:1), group chat or team channel. */
export function conversationKindOf(activity: InboundActivity): ConversationKind {
  const type = activity.conversation.conversationType;
  if (type === "channel") return "channel";
  if (type === "groupChat") return "group";
  return "personal";
}

/**
 * The conversation to post into later. A channel message's conversation id carries
 * `;messageid=<root>` for its thread; a proactive post belongs at channel level.
 */
export function baseConversationId(conversationId: string): string {
  return conversationId.split(";messageid=")[0] ?? conversationId;
}

/** The user's stable id: the AAD object id (the same across chats), else the channel account id. */
export function userIdOf(activity: InboundActivity): string {
  return activity.from.aadObjectId ?? activity.from.id;
}

/** The message text without `<at>…</at>` mentions (of the bot, in channels), trimmed and single-spaced. */
export function commandTextOf(activity: InboundActivity): string {
  return (activity.text ?? "")
    .replace(/<at>[^<]*<\/at>/gi, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The message text for commands that take people ("commit … for @Bob"): the bot's own mention
 * removed, every other mention rewritten to the core's `<@ID>` token (ID = the Teams user id).
 */
export function commandTextWithMentions(activity: InboundActivity): string {
  let text = activity.text ?? "";
  for (const entity of activity.entities ?? []) {
    if (entity.type !== "mention" || !entity.text || !entity.mentioned?.id) continue;
    const replacement = entity.mentioned.id === activity.recipient.id ? " " : ` <@${entity.mentioned.id}> `;
    text = text.split(entity.text).join(replacement);
  }
  return text.replace(/<at>[^<]*<\/at>/gi, " ").replace(/&nbsp;/g, " ").replace(/\s+/g, " ").trim();
}
