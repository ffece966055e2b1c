// Proactive sends to Teams: a view into a stored conversation (the steering channel's weekly
// summary, a poll), an update of a message posted earlier, and a 1:1 message to a member (pulse
// questions), opening the chat first when the bot has none with them yet.
import type { ConversationRef } from "#core/alliance/workspace.js";
import type { ConversationRepository } from "#core/alliance/workspace-repository.js";
import type { Locale } from "#core/shared/refs.js";
import type { View } from "#core/views.js";
import { renderView, type RenderContext } from "./render/render-view.js";
import { toMessage } from "./render/to-message.js";
import { PROACTIVE_POLICY, type RetryPolicy } from "./transport/send-queue.js";
import type { OutgoingMessage, TeamsConnector, TeamsTarget } from "./transport/teams-connector.js";

/** A member as far as a 1:1 send needs: our ids and their Teams (AAD) id. */
export interface DirectRecipient {
  memberId: string;
  workspaceId: string;
  /** Teams AAD object id (or 29: id); Teams accepts either to open a personal chat. */
  externalId: string;
  /** The tenant, i.e. the workspace's external id. */
  tenantId: string;
}

/** A message the bot posted. */
export interface TeamsPostedMessage {
  conversationId: string;
  messageId: string;
}

/** What the Teams messenger can do. */
export interface TeamsMessenger {
  post(conversation: ConversationRef, view: View, options?: SendOptions): Promise<TeamsPostedMessage>;
  update(conversation: ConversationRef, messageId: string, view: View, options?: SendOptions): Promise<void>;
  sendDirect(recipient: DirectRecipient, view: View, options?: SendOptions): Promise<TeamsPostedMessage>;
  /**
   * The member's stored 1:1 chat, else a new one (POST /v3/conversations, which Teams allows
   * where the app is installed for the user), stored for the next send. Throws what the
   * connector throws (403 when the app is not installed for them, 404 for an unknown user).
   */
  openPersonal(recipient: DirectRecipient, policy?: RetryPolicy): Promise<ConversationRef>;
  /** Sends an already rendered message (the outbox stores rendered payloads). */
  postMessage(conversation: ConversationRef, message: OutgoingMessage, policy?: RetryPolicy): Promise<TeamsPostedMessage>;
}

/** How to render and how hard to try. */
export interface SendOptions {
  locale?: Locale;
  render?: RenderContext;
  policy?: RetryPolicy;
}

/** Thrown when a conversation has no serviceUrl (only Teams conversations do). */
export class NotATeamsConversationError extends Error {
  constructor(conversationId: string) {
    super(`conversation ${conversationId} has no Teams serviceUrl`);
  }
}

function targetOf(conversation: ConversationRef): TeamsTarget {
  if (!conversation.serviceUrl) throw new NotATeamsConversationError(conversation.conversationId);
  return { serviceUrl: conversation.serviceUrl, conversationId: conversation.conversationId, tenantId: conversation.tenantId };
}

/** Builds the messenger. `fallbackServiceUrl` opens 1:1 chats with members we never talked to. */
export function createTeamsMessenger(deps: {
  connector: TeamsConnector;
  conversations: ConversationRepository;
  /** For a tenant the bot has seen no activity from (conversations.lastServiceUrl knows the others). */
  fallbackServiceUrl: string;
}): TeamsMessenger {
  const render = (view: View, options: SendOptions) => toMessage(renderView(view, { locale: options.locale, ...options.render }));
  const messenger: TeamsMessenger = {
    async postMessage(conversation, message, policy = PROACTIVE_POLICY) {
      const sent = await deps.connector.send(targetOf(conversation), message, policy);
      return { conversationId: conversation.conversationId, messageId: sent.id };
    },
    post(conversation, view, options = {}) {
      return messenger.postMessage(conversation, render(view, options), options.policy);
    },
    async update(conversation, messageId, view, options = {}) {
      await deps.connector.update(targetOf(conversation), messageId, render(view, options), options.policy ?? PROACTIVE_POLICY);
    },
    async openPersonal(recipient, policy = PROACTIVE_POLICY) {
      const stored = await deps.conversations.findPersonalConversation(recipient.memberId);
      if (stored?.serviceUrl) return stored;
      // The tenant's regional endpoint, as its last activity named it: stored, so it survives a
      // restart and is known to every instance, not only the one that received the activity.
      const serviceUrl = (await deps.conversations.lastServiceUrl(recipient.workspaceId)) ?? deps.fallbackServiceUrl;
      const conversationId = await deps.connector.createPersonalConversation({ serviceUrl, tenantId: recipient.tenantId }, recipient.externalId, policy);
      return deps.conversations.saveConversation({
        workspaceId: recipient.workspaceId,
        conversationId,
        kind: "personal",
        serviceUrl,
        tenantId: recipient.tenantId,
        memberId: recipient.memberId,
      });
    },
    async sendDirect(recipient, view, options = {}) {
      const conversation = await messenger.openPersonal(recipient, options.policy);
      return messenger.post(conversation, view, options);
    },
  };
  return messenger;
}
