// The three Bot Connector calls the bot makes — send, update, create a 1:1 conversation —
// against the serviceUrl of the conversation (stored on install), each through the send queue.
// The SDK's app.send() would use one global serviceUrl and needs credentials even in local mode.
import type { Attachment } from "@microsoft/teams.api";
import type { App } from "@microsoft/teams.apps";
import { SendQueue, type RetryPolicy } from "./send-queue.js";

/** Where to send: a conversation behind a Bot Connector serviceUrl. */
export interface TeamsTarget {
  serviceUrl: string;
  conversationId: string;
  tenantId: string | null;
}

/** A message the bot sends: text, cards, or both. */
export interface OutgoingMessage {
  text?: string;
  attachments?: Attachment[];
  /** Shown in notifications and the chat list when the message is only a card. */
  summary?: string;
}

/** Sends, updates and opens conversations on the Bot Connector. */
export class TeamsConnector {
  constructor(
    private readonly app: App,
    private readonly queue: SendQueue,
    /** Our bot's id as the `from` of what we send (the app's client id). */
    private readonly botId: string,
  ) {}

  /** Posts a new message into the conversation; resolves with the new activity id. */
  async send(target: TeamsTarget, message: OutgoingMessage, policy: RetryPolicy): Promise<{ id: string }> {
    const api = this.client(target);
    const payload = this.payload(target, message);
    const resource = await this.queue.run(target, () => api.conversations.activities(target.conversationId).create(payload), policy);
    return { id: resource.id };
  }

  /** Replaces a message the bot sent before (a poll card with new counts). */
  async update(target: TeamsTarget, activityId: string, message: OutgoingMessage, policy: RetryPolicy): Promise<void> {
    const api = this.client(target);
    const payload = { ...this.payload(target, message), id: activityId };
    await this.queue.run(target, () => api.conversations.activities(target.conversationId).update(activityId, payload), policy);
  }

  /** Opens (or finds) the 1:1 conversation with a user, for a pulse to someone who never wrote to us. */
  async createPersonalConversation(
    target: { serviceUrl: string; tenantId: string },
    userId: string,
    policy: RetryPolicy,
  ): Promise<string> {
    const api = this.client({ serviceUrl: target.serviceUrl });
    const key = { conversationId: `create:${userId}`, tenantId: target.tenantId };
    const conversation = await this.queue.run(
      key,
      () =>
        api.conversations.create({
          members: [{ id: userId, role: "user" }],
          tenantId: target.tenantId,
          channelData: { tenant: { id: target.tenantId } },
        }),
      policy,
    );
    return conversation.id;
  }

  /**
   * A member of the conversation: their AAD object id (mentions carry only the 29: id), name and
   * e-mail / UPN (activities carry neither e-mail nor, on join events, a name).
   */
  async getMember(
    target: TeamsTarget,
    userId: string,
    policy: RetryPolicy,
  ): Promise<{ id: string; aadObjectId: string | null; name: string | null; email: string | null; userPrincipalName: string | null }> {
    const api = this.client(target);
    const account = await this.queue.run(target, () => api.conversations.getMemberById(target.conversationId.split(";")[0] ?? target.conversationId, userId), policy);
    return {
      id: account.id,
      aadObjectId: account.aadObjectId ?? null,
      name: account.name || null,
      email: account.email ?? null,
      userPrincipalName: account.userPrincipalName ?? null,
    };
  }

  /**
   * The people in a group chat or a team channel's team: their 29: id (what a card's refresh
   * `userIds` name) and AAD object id (our members' external id). Paged, 500 at a time, at most
   * `maxMembers` read so a very large team costs a bounded number of calls.
   */
  async listMembers(target: TeamsTarget, policy: RetryPolicy, maxMembers = 2_000): Promise<Array<{ id: string; aadObjectId: string | null }>> {
    const api = this.client(target);
    const conversationId = target.conversationId.split(";")[0] ?? target.conversationId;
    const out: Array<{ id: string; aadObjectId: string | null }> = [];
    let continuationToken: string | undefined;
    do {
      const token = continuationToken;
      const page = await this.queue.run(target, () => api.conversations.getPagedMembers(conversationId, 500, token), policy);
      for (const account of page.members ?? []) out.push({ id: account.id, aadObjectId: account.aadObjectId ?? null });
      continuationToken = page.continuationToken || undefined;
    } while (continuationToken && out.length < maxMembers);
    return out;
  }

  private client(target: { serviceUrl: string }) {
    return this.app.api.clone({ serviceUrl: target.serviceUrl.replace(/\/+$/, "") });
  }

  private payload(target: TeamsTarget, message: OutgoingMessage) {
    // `from` and `conversation` are what the SDK's own ActivitySender adds to every send.
    const activity = {
      type: "message" as const,
      ...(message.text !== undefined ? { text: message.text } : {}),
      ...(message.attachments ? { attachments: message.attachments } : {}),
      ...(message.summary ? { summary: message.summary } : {}),
      from: { id: this.botId, role: "bot" as const },
      conversation: { id: target.conversationId },
    };
    return activity;
  }
}
