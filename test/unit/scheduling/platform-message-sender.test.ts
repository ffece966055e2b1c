// The platform router's replyTo: a message that belongs under an earlier outbox message (the
// summary's chart upload under the summary post) is sent in that message's thread once it is out,
// waits while it is pending, and is dropped when it died.
import { describe, expect, it } from "vitest";
import type { MessageSender } from "#scheduling/outbox/message-sender.js";
import type { LeasedMessage, OutboxMessage } from "#scheduling/outbox/outbox-message.js";
import { createPlatformMessageSender } from "#scheduling/platform-message-sender.js";

const NOW = new Date("2026-11-23T08:00:00Z");
const base = {
  platform: "slack" as const, workspaceId: "w1", conversationId: "C1", attempts: 1, nextAttemptAt: NOW, lockedUntil: null,
  lastError: null, resultRef: null, createdAt: NOW, sentAt: null,
};
const post = (fields: Partial<OutboxMessage>): OutboxMessage => ({ ...base, id: "p", dedupeKey: "summary:a:W48", operation: "post", payload: {}, status: "pending", ...fields });
const upload: LeasedMessage = {
  ...base, id: "u", dedupeKey: "summary-charts:a:W48", operation: "upload", status: "sending", lockedUntil: NOW, uncertain: false,
  payload: { replyTo: "summary:a:W48", files: [] },
};

function router(parent: OutboxMessage | null) {
  const got: LeasedMessage[] = [];
  const slack: MessageSender = { send: async (m) => (got.push(m), { kind: "sent", ref: "F1" }) };
  return { got, sender: createPlatformMessageSender({ senders: { slack }, findMessage: async () => parent, now: () => NOW }) };
}

describe("platform router: replyTo", () => {
  it("sends in the thread of the message replied to once that was delivered", async () => {
    const { got, sender } = router(post({ status: "sent", resultRef: "1700000000.000100" }));
    expect(await sender.send(upload)).toEqual({ kind: "sent", ref: "F1" });
    expect(got[0]?.payload).toMatchObject({ threadTs: "1700000000.000100", replyTo: "summary:a:W48" });
  });

  it("waits until the pending message's next attempt, or the end of its lease while it is being sent", async () => {
    const pending = router(post({ status: "pending", nextAttemptAt: new Date(NOW.getTime() + 30_000) }));
    expect(await pending.sender.send(upload)).toEqual({ kind: "retry", error: "waiting for summary:a:W48", retryAfterMs: 31_000 });
    const sending = router(post({ status: "sending", lockedUntil: new Date(NOW.getTime() + 60_000) }));
    expect(await sending.sender.send(upload)).toMatchObject({ kind: "retry", retryAfterMs: 61_000 });
    expect([...pending.got, ...sending.got]).toEqual([]);
  });

  it("gives up on a reply whose message died or does not exist, rather than post it alone", async () => {
    expect(await router(post({ status: "dead" })).sender.send(upload)).toMatchObject({ kind: "permanent" });
    expect(await router(null).sender.send(upload)).toMatchObject({ kind: "permanent" });
  });
});

describe("platform router: where poll messages landed", () => {
  const delivered = (payload: LeasedMessage["payload"], operation: LeasedMessage["operation"] = "post"): LeasedMessage => ({
    ...base, id: "m", dedupeKey: "k", operation, status: "sending", lockedUntil: NOW, uncertain: false, payload,
  });
  function recording() {
    const runs: Array<[string, unknown]> = [];
    const copies: Array<[string, unknown]> = [];
    const slack: MessageSender = { send: async () => ({ kind: "sent", ref: "1700000000.000200" }) };
    const sender = createPlatformMessageSender({
      senders: { slack },
      recordPollMessage: async (id, message) => void runs.push([id, message]),
      recordPollCopy: async (id, copy) => void copies.push([id, copy]),
      now: () => NOW,
    });
    return { runs, copies, sender };
  }

  it("records a delivered copy of an alliance poll as a copy, not as the poll's own message", async () => {
    const { runs, copies, sender } = recording();
    await sender.send(delivered({ view: {}, recordPollCopy: "poll-1" }));
    expect(copies).toEqual([["poll-1", { workspaceId: "w1", conversationId: "C1", messageId: "1700000000.000200" }]]);
    expect(runs).toEqual([]);
  });

  it("records a scheduled run as the poll's message, and records nothing for an update", async () => {
    const { runs, copies, sender } = recording();
    await sender.send(delivered({ view: {}, recordPollMessage: "run-1" }));
    await sender.send(delivered({ view: {}, recordPollCopy: "poll-1" }, "update"));
    expect(runs).toEqual([["run-1", { workspaceId: "w1", conversationId: "C1", messageId: "1700000000.000200" }]]);
    expect(copies).toEqual([]);
  });
});
