/**
 * The Teams MessageSender of the durable outbox: a stored message becomes a post, an update or a
 * 1:1 message; throttling and gateway errors become "retry" with the service's Retry-After, and
 * what can never work (unknown conversation, bot removed, forgotten member) becomes "permanent".
 */
import { describe, expect, it } from "vitest";
import type { LeasedMessage } from "#scheduling/outbox/outbox-message.js";
import { createTeamsMessageSender } from "#platforms/teams/teams-outbox-sender.js";
import type { TeamsMessenger } from "#platforms/teams/teams-messenger.js";
import { InMemoryMemberRepository } from "#storage/memory/in-memory-member-repository.js";
import { InMemoryConversationRepository, InMemoryWorkspaceRepository } from "#storage/memory/in-memory-workspace-repository.js";

const httpError = (status: number, retryAfter?: string) => Object.assign(new Error(`HTTP ${status}`), { response: { status, headers: retryAfter ? { "retry-after": retryAfter } : {} } });

async function setup(fail?: () => never) {
  const conversations = new InMemoryConversationRepository();
  const workspaces = new InMemoryWorkspaceRepository();
  const members = new InMemoryMemberRepository();
  const workspace = await workspaces.ensure("teams", "tenant-1", "Contoso");
  await conversations.saveConversation({ workspaceId: workspace.id, conversationId: "19:steer", kind: "channel", serviceUrl: "https://svc/", tenantId: "tenant-1", memberId: null });
  const calls: string[] = [];
  const messenger: TeamsMessenger = {
    async postMessage(conversation) {
      if (fail) fail();
      calls.push(`post ${conversation.conversationId}`);
      return { conversationId: conversation.conversationId, messageId: "act-1" };
    },
    async post(conversation, view) {
      calls.push(`post-view ${conversation.conversationId} ${view.kind}`);
      return { conversationId: conversation.conversationId, messageId: "act-2" };
    },
    async update(conversation, messageId) {
      calls.push(`update ${conversation.conversationId} ${messageId}`);
    },
    async sendDirect(recipient, view) {
      calls.push(`direct ${recipient.externalId} ${recipient.tenantId} ${view.kind}`);
      return { conversationId: "a:1on1", messageId: "act-3" };
    },
    async openPersonal() {
      throw new Error("the outbox sender opens chats through sendDirect");
    },
  };
  const sender = createTeamsMessageSender({ messenger, conversations, workspaces, members });
  const message = (over: Partial<LeasedMessage>): LeasedMessage => ({
    id: "m1", dedupeKey: "summary:a:2026-W48", platform: "teams", workspaceId: workspace.id, conversationId: "19:steer", operation: "post",
    payload: { view: { kind: "text", text: "Weekly summary" } }, status: "sending", attempts: 1, nextAttemptAt: new Date(), lockedUntil: new Date(),
    lastError: null, resultRef: null, createdAt: new Date(), sentAt: null, uncertain: false, ...over,
  });
  return { sender, message, calls, members, workspace };
}

describe("Teams outbox sender", () => {
  it("posts a view into the stored conversation and returns the activity id", async () => {
    const { sender, message, calls } = await setup();
    await expect(sender.send(message({}))).resolves.toEqual({ kind: "sent", ref: "act-1" });
    expect(calls).toEqual(["post 19:steer"]);
  });

  it("updates a posted message by id", async () => {
    const { sender, message, calls } = await setup();
    await expect(sender.send(message({ operation: "update", payload: { view: { kind: "text", text: "x" }, messageId: "act-9" } }))).resolves.toEqual({ kind: "sent", ref: "act-9" });
    expect(calls).toEqual(["update 19:steer act-9"]);
  });

  it("opens a 1:1 chat for a direct message to a member without one", async () => {
    const { sender, message, calls, members, workspace } = await setup();
    const { member } = await members.createIfAbsent({ allianceId: "a", workspaceId: workspace.id, externalId: "aad-cas", displayName: "Cas", email: null, organizationId: null, locale: null, timezone: null });
    const result = await sender.send(message({ operation: "direct", conversationId: member.id, payload: { view: { kind: "text", text: "Pulse" }, memberId: member.id } }));
    expect(result).toEqual({ kind: "sent", ref: "act-3" });
    expect(calls).toEqual(["direct aad-cas tenant-1 text"]);
  });

  it("reads a direct recipient from conversationId (member id or Teams id), as Slack-shaped payloads do", async () => {
    const { sender, message, calls, members, workspace } = await setup();
    const { member } = await members.createIfAbsent({ allianceId: "a", workspaceId: workspace.id, externalId: "aad-dee", displayName: "Dee", email: null, organizationId: null, locale: null, timezone: null });
    await sender.send(message({ operation: "direct", conversationId: member.id, payload: { view: { kind: "text", text: "x" } } }));
    await sender.send(message({ operation: "direct", conversationId: "aad-dee", payload: { view: { kind: "text", text: "x" } } }));
    expect(calls).toEqual(["direct aad-dee tenant-1 text", "direct aad-dee tenant-1 text"]);
  });

  it("gives up on a conversation the bot does not know and on a forgotten member", async () => {
    const { sender, message, members, workspace } = await setup();
    expect((await sender.send(message({ conversationId: "19:unknown" }))).kind).toBe("permanent");
    const { member } = await members.createIfAbsent({ allianceId: "a", workspaceId: workspace.id, externalId: "aad-x", displayName: "X", email: null, organizationId: null, locale: null, timezone: null });
    await members.erase(member.id, new Date());
    expect((await sender.send(message({ operation: "direct", payload: { view: { kind: "text", text: "x" }, memberId: member.id } }))).kind).toBe("permanent");
    expect((await sender.send(message({ payload: { nothing: true } }))).kind).toBe("permanent");
  });

  it("asks the outbox to retry a throttled send after Retry-After, and gives up when the bot was removed", async () => {
    const throttled = await setup(() => {
      throw httpError(429, "7");
    });
    await expect(throttled.sender.send(throttled.message({}))).resolves.toMatchObject({ kind: "retry", retryAfterMs: 7_000 });
    const removed = await setup(() => {
      throw httpError(403);
    });
    await expect(removed.sender.send(removed.message({}))).resolves.toMatchObject({ kind: "permanent" });
  });
});
