// The Teams side of the durable outbox (src/scheduling/outbox): turns a stored message into a
// Bot Connector call through the same retrying queue, and its failure into "retry later" (429,
// 412, 502, 504, network, with Retry-After) or "give up" (the bot was removed, the conversation
// is gone, the payload is wrong).
//
// Payload (JSON, stored by the outbox):
//   { view: View, locale?: "en"|"nl" }            rendered at send time, or
//   { message: { text?, attachments?, summary? } } already rendered;
//   plus `messageId` (or `ts`, the name Slack's payloads use) for operation "update"; for
//   operation "direct" the recipient is `memberId`, else conversationId read as our member id or
//   the member's Teams id in that workspace (Slack's payloads put the user there); the 1:1 chat
//   is opened when needed.
//
// Teams gives bots no way to read a channel's history without extra Graph permissions, so there
// is no findDelivered: a crash between the post and its record can, rarely, post twice.
import { z } from "zod";
import type { MemberRepository } from "#core/alliance/member-repository.js";
import type { ConversationRepository, WorkspaceRepository } from "#core/alliance/workspace-repository.js";
import { LOCALES } from "#core/shared/refs.js";
import type { View } from "#core/views.js";
import type { MessageSender, SendOutcome } from "#scheduling/outbox/message-sender.js";
import type { LeasedMessage } from "#scheduling/outbox/outbox-message.js";
import { renderView } from "./render/render-view.js";
import { toMessage } from "./render/to-message.js";
import type { TeamsMessenger } from "./teams-messenger.js";
import { PROACTIVE_POLICY } from "./transport/send-queue.js";
import { toTeamsSendError } from "./transport/send-errors.js";
import type { OutgoingMessage } from "./transport/teams-connector.js";

const payloadSchema = z.object({
  view: z.object({ kind: z.string() }).loose().optional(),
  message: z.object({ text: z.string().optional(), attachments: z.array(z.object({ contentType: z.string() }).loose()).optional(), summary: z.string().optional() }).optional(),
  locale: z.enum(LOCALES).optional(),
  messageId: z.string().min(1).optional(),
  ts: z.string().min(1).optional(),
  memberId: z.string().min(1).optional(),
});

/** Thrown for a stored message Teams can never deliver as it is. */
class Permanent extends Error {}

/** Builds the Teams MessageSender. */
export function createTeamsMessageSender(deps: {
  messenger: TeamsMessenger;
  conversations: ConversationRepository;
  workspaces: WorkspaceRepository;
  members: MemberRepository;
}): MessageSender {
  const outgoing = (payload: z.infer<typeof payloadSchema>): OutgoingMessage => {
    if (payload.message) return payload.message as OutgoingMessage;
    if (payload.view) return toMessage(renderView(payload.view as unknown as View, { ...(payload.locale ? { locale: payload.locale } : {}) }));
    throw new Permanent("payload has neither view nor message");
  };

  const deliver = async (message: LeasedMessage): Promise<string> => {
    if (message.platform !== "teams") throw new Permanent(`not a Teams message (${message.platform})`);
    const parsed = payloadSchema.safeParse(message.payload);
    if (!parsed.success) throw new Permanent(`invalid payload: ${parsed.error.issues[0]?.message ?? "?"}`);
    const payload = parsed.data;
    const body = outgoing(payload);
    if (message.operation === "direct") {
      const member = payload.memberId
        ? await deps.members.get(payload.memberId)
        : ((await deps.members.get(message.conversationId)) ?? (await deps.members.findByExternalId(message.workspaceId, message.conversationId)));
      const workspace = member ? await deps.workspaces.get(member.workspaceId) : null;
      if (!member || member.erasedAt || !workspace) throw new Permanent("recipient unknown or forgotten");
      const conversation = await deps.conversations.findPersonalConversation(member.id);
      // A view lets the messenger open the chat when there is none; a rendered message needs one.
      if (!conversation && payload.view) {
        const sent = await deps.messenger.sendDirect(
          { memberId: member.id, workspaceId: member.workspaceId, externalId: member.externalId, tenantId: workspace.externalId },
          payload.view as unknown as View,
          { ...(payload.locale ? { locale: payload.locale } : {}), policy: PROACTIVE_POLICY },
        );
        return sent.messageId;
      }
      if (!conversation) throw new Permanent("no 1:1 chat with the member");
      return (await deps.messenger.postMessage(conversation, body)).messageId;
    }
    const conversation = await deps.conversations.findConversation(message.workspaceId, message.conversationId);
    if (!conversation?.serviceUrl) throw new Permanent("conversation unknown to the Teams bot");
    if (message.operation === "update") {
      const messageId = payload.messageId ?? payload.ts;
      if (!messageId) throw new Permanent("update without messageId");
      if (!payload.view) throw new Permanent("update needs a view");
      await deps.messenger.update(conversation, messageId, payload.view as unknown as View, { ...(payload.locale ? { locale: payload.locale } : {}) });
      return messageId;
    }
    if (message.operation === "upload") throw new Permanent("Teams has no channel file upload for bots");
    return (await deps.messenger.postMessage(conversation, body)).messageId;
  };

  return {
    async send(message): Promise<SendOutcome> {
      try {
        return { kind: "sent", ref: await deliver(message) };
      } catch (error) {
        if (error instanceof Permanent) return { kind: "permanent", error: error.message };
        const failure = toTeamsSendError(error);
        if (failure.retryable || failure.status === undefined || failure.status >= 500) {
          return { kind: "retry", error: failure.message, ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}) };
        }
        // 401/403: the bot was removed or lost access; 404: the conversation is gone.
        return { kind: "permanent", error: failure.message };
      }
    },
  };
}
