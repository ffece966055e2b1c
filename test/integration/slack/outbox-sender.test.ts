/**
 * The Slack outbox sender against the fake Web API: views rendered and posted with the dedupe key
 * in metadata, DMs opened first, 429 handed back to the outbox with Retry-After, dead channels
 * reported as permanent.
 */
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { botTokenResolver } from "#platforms/slack/transport/bot-tokens.js";
import { webClientOptions } from "#platforms/slack/transport/slack-app.js";
import { createSlackMessenger } from "#platforms/slack/transport/slack-messenger.js";
import { createSlackOutboxSender } from "#platforms/slack/transport/slack-outbox-sender.js";
import type { MessageSender } from "#scheduling/outbox/message-sender.js";
import type { LeasedMessage, OutboxOperation } from "#scheduling/outbox/outbox-message.js";
import { InMemoryWorkspaceRepository } from "#storage/memory/in-memory-workspace-repository.js";
import { FakeSlack } from "../../fakes/fake-slack.js";
import { slackConfig } from "./support/slack-harness.js";

const fake = new FakeSlack();
let sender: MessageSender;
let workspaceId: string;

beforeAll(async () => {
  await fake.start();
  const slack = slackConfig(fake);
  const workspaces = new InMemoryWorkspaceRepository();
  workspaceId = (await workspaces.ensure("slack", "T111", "Fake")).id;
  const messenger = createSlackMessenger({ clientOptions: { ...webClientOptions(slack, pino({ level: "silent" })), retryConfig: { retries: 0 } }, botToken: botTokenResolver(slack, null) });
  sender = createSlackOutboxSender({ messenger, workspaces });
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

function leased(operation: OutboxOperation, conversationId: string, payload: LeasedMessage["payload"]): LeasedMessage {
  const now = new Date(Date.now() - 1000);
  return {
    id: "m1", dedupeKey: `summary:a1:2026-W48:${operation}`, platform: "slack", workspaceId, conversationId, operation, payload,
    status: "sending", attempts: 1, nextAttemptAt: now, lockedUntil: now, lastError: null, resultRef: null, createdAt: now, sentAt: null, uncertain: false,
  };
}

describe("Slack outbox sender", () => {
  it("renders a view, posts it and tags it with the dedupe key", async () => {
    const outcome = await sender.send(leased("post", "C0STEER", { view: { kind: "text", text: "Weekly summary" } }));
    expect(outcome).toMatchObject({ kind: "sent", ref: expect.stringMatching(/^\d+\.\d+$/) });
    const [post] = fake.callsTo("chat.postMessage");
    expect(post?.args).toMatchObject({ channel: "C0STEER", text: "Weekly summary", metadata: { event_type: "atb_outbox", event_payload: { dedupe_key: "summary:a1:2026-W48:post" } } });
  });

  it("opens the DM before a direct message", async () => {
    await sender.send(leased("direct", "U0ANN", { text: "Pulse time" }));
    expect(fake.calls.map((c) => c.method)).toEqual(["conversations.open", "chat.postMessage"]);
    expect(fake.callsTo("chat.postMessage")[0]?.args.channel).toBe("DU0ANN");
  });

  it("hands a 429 back to the outbox with Slack's Retry-After instead of waiting inside the client", async () => {
    fake.rateLimitOnce("chat.postMessage", 7);
    const started = Date.now();
    const outcome = await sender.send(leased("post", "C0STEER", { text: "x" }));
    expect(outcome).toEqual({ kind: "retry", error: "rate_limited", retryAfterMs: 7000 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("reports a channel that is gone as permanent", async () => {
    fake.replyOnce("chat.postMessage", () => ({ body: { ok: false, error: "channel_not_found" } }));
    expect(await sender.send(leased("post", "C0GONE", { text: "x" }))).toEqual({ kind: "permanent", error: "channel_not_found" });
  });

  it("updates a posted message in place and uploads files", async () => {
    expect(await sender.send(leased("update", "C0STEER", { ts: "1700000000.000009", text: "updated" }))).toEqual({ kind: "sent", ref: "1700000000.000009" });
    expect(fake.callsTo("chat.update")[0]?.args).toMatchObject({ channel: "C0STEER", ts: "1700000000.000009", text: "updated" });
    expect(await sender.send(leased("upload", "C0STEER", { filename: "chart.csv", title: "Chart", content: "a,b\n1,2\n" }))).toMatchObject({ kind: "sent" });
    expect(fake.uploads.at(-1)?.text).toBe("a,b\n1,2\n");
  });

  it("finds its own earlier post by the dedupe key after a crash, and only that one", async () => {
    const message = leased("post", "C0STEER", { text: "Weekly summary" });
    const outcome = await sender.send(message);
    expect(await sender.findDelivered?.(message)).toBe(outcome.kind === "sent" ? outcome.ref : "?");
    expect(await sender.findDelivered?.({ ...message, dedupeKey: "summary:other" })).toBeNull();
  });

  it("treats a missing *:history scope as 'cannot look', so the outbox posts again (at-least-once)", async () => {
    fake.historyScope = false;
    try {
      expect(await sender.findDelivered?.(leased("post", "C0STEER", { text: "x" }))).toBeNull();
    } finally {
      fake.historyScope = true;
    }
  });

  it("uploads binary files in one files.uploadV2, byte for byte, in the thread it is given", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x10, 0x80]);
    const files = ["a.png", "b.png"].map((filename) => ({ filename, title: `Chart ${filename}`, altText: `Alt ${filename}`, contentBase64: png.toString("base64") }));
    const outcome = await sender.send(leased("upload", "C0STEER", { files, threadTs: "1700000000.000001", replyTo: "summary:a1:2026-W48" }));
    expect(fake.callsTo("files.getUploadURLExternal").map((c) => c.args)).toMatchObject([
      { filename: "a.png", length: String(png.length), alt_text: "Alt a.png" },
      { filename: "b.png", length: String(png.length), alt_text: "Alt b.png" },
    ]);
    const [complete] = fake.callsTo("files.completeUploadExternal");
    expect(complete?.args).toMatchObject({ channel_id: "C0STEER", thread_ts: "1700000000.000001", files: [{ title: "Chart a.png" }, { title: "Chart b.png" }] });
    expect(fake.sharedFiles.map((f) => f.bytes)).toEqual([png, png]);
    expect(outcome).toEqual({ kind: "sent", ref: fake.sharedFiles.map((f) => f.id).join(",") });
  });

  it("recognises its own earlier upload by the file names (with files:read), so a retry does not upload again", async () => {
    const files = [{ filename: "trust-health-2026-W47-kept-rate.png", title: "Kept", contentBase64: Buffer.from("png").toString("base64") }];
    const message = leased("upload", "C0STEER", { files });
    expect(await sender.findDelivered?.(message)).toBeNull(); // nothing shared yet
    const outcome = await sender.send(message);
    expect(await sender.findDelivered?.(message)).toBe(outcome.kind === "sent" ? outcome.ref : "?");
    expect(await sender.findDelivered?.(leased("upload", "C0STEER", { files: [{ ...files[0]!, filename: "trust-health-2026-W48-kept-rate.png" }] }))).toBeNull();
    fake.filesReadScope = false; // the default manifest: cannot look, so the outbox uploads again (at-least-once)
    try {
      expect(await sender.findDelivered?.(message)).toBeNull();
    } finally {
      fake.filesReadScope = true;
    }
  });

  it("refuses a malformed payload permanently", async () => {
    expect(await sender.send(leased("upload", "C0STEER", { nope: true }))).toMatchObject({ kind: "permanent" });
  });
});
