/**
 * The Slack transport over real HTTP: Bolt on the shared Express server, request verification
 * (forged, stale and future-dated requests get 401 and change nothing), retried events handled
 * once, acks well inside Slack's 3 s.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ProcessedEventRepository } from "#core/alliance/processed-event-repository.js";
import { pino } from "pino";
import { systemClock } from "#core/shared/clock.js";
import { createSlackPlatform } from "#platforms/slack/slack-platform.js";
import { commandFields, eventEnvelope, sendCommand, sendEvent, sign } from "../../fakes/slack-requests.js";
import { slackConfig, startSlackHarness, type SlackHarness } from "./support/slack-harness.js";

/** Records keys like the real table: the first markProcessed wins. */
class RecordingProcessedEvents implements ProcessedEventRepository {
  readonly keys = new Set<string>();
  async markProcessed(key: string): Promise<boolean> {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    return true;
  }
  async forget(key: string): Promise<void> {
    this.keys.delete(key);
  }
  async prune(): Promise<number> {
    return 0;
  }
}

const processed = new RecordingProcessedEvents();
let h: SlackHarness;
let startupCalls: Array<{ method: string; token: string | undefined }> = [];
const handled: Array<{ kind: string; text?: string; retryNum?: number | undefined }> = [];

beforeAll(async () => {
  h = await startSlackHarness((fake) => ({
    slack: slackConfig(fake),
    clock: systemClock,
    processedEvents: processed,
    installations: null,
  }));
  startupCalls = h.fake.calls.map((c) => ({ method: c.method, token: c.token }));
  // A probe listener: the transport is under test here, the features have their own suites.
  h.platform.bolt.command("/probe", async ({ ack, command, client }) => {
    await ack({ response_type: "ephemeral", text: `got ${command.text}` });
    handled.push({ kind: "command", text: command.text });
    await client.chat.postMessage({ channel: command.channel_id, text: "after the ack" });
  });
  h.platform.bolt.event("member_joined_channel", async ({ context }) => {
    handled.push({ kind: "event", retryNum: context.retryNum });
  });
});

afterAll(async () => {
  await h.close();
});

beforeEach(() => {
  h.fake.reset();
  handled.length = 0;
});

const now = () => Math.floor(Date.now() / 1000);
const joined = (id: string) => eventEnvelope(id, { type: "member_joined_channel", user: "U0ALICE", channel: "C0CHANNEL", channel_type: "C", team: "T111" });
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe("Slack transport on the shared HTTP server", () => {
  it("verifies auth.test at start-up against the configured Web API URL", async () => {
    expect(startupCalls).toContainEqual({ method: "auth.test", token: "xoxb-test-T111" });
  });

  it("acks a correctly signed slash command at once and keeps working after the ack", async () => {
    const res = await sendCommand(h.eventsUrl, commandFields("/probe", "hello", h.fake.responseUrl("p1")));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ response_type: "ephemeral", text: "got hello" });
    expect(res.ms).toBeLessThan(1000);
    const [post] = await h.fake.waitFor("chat.postMessage");
    expect(post?.args).toMatchObject({ channel: "C0CHANNEL", text: "after the ack" });
    expect(post?.token).toBe("xoxb-test-T111");
  });

  it("shares the port with /healthz and answers unknown paths with the server's 404", async () => {
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${h.baseUrl}/slack/nope`, { method: "POST" })).status).toBe(404);
  });

  it("answers Slack's url_verification challenge", async () => {
    const res = await sendEvent(h.eventsUrl, { token: "t", challenge: "chal-123", type: "url_verification" });
    expect(res.json).toEqual({ challenge: "chal-123" });
  });
});

describe("start-up", () => {
  it("refuses to start with a bot token Slack does not accept, saying which variable to check", async () => {
    const platform = createSlackPlatform({
      slack: { ...slackConfig(h.fake), mode: { kind: "single", botToken: "xoxb-unknown" } },
      logger: pino({ level: "silent" }),
      clock: systemClock,
      processedEvents: processed,
      installations: null,
    });
    await expect(platform.start()).rejects.toThrow(/auth\.test: invalid_auth.*SLACK_BOT_TOKEN/);
  });
});

describe("request verification", () => {
  it("refuses a forged signature with 401 and neither runs a listener nor stores the event", async () => {
    const res = await sendEvent(h.eventsUrl, joined("EvForged"), { signature: "v0=deadbeef" });
    expect(res.status).toBe(401);
    await settle();
    expect(handled).toEqual([]);
    expect(processed.keys.has("slack:EvForged")).toBe(false);
    expect(h.fake.calls).toEqual([]);
  });

  it("refuses a request signed with another secret", async () => {
    const res = await sendCommand(h.eventsUrl, commandFields("/probe", "x", h.fake.responseUrl("p2")), { secret: "someone-elses-secret" });
    expect(res.status).toBe(401);
  });

  it("refuses a correctly signed but stale request (6 minutes old)", async () => {
    const res = await sendEvent(h.eventsUrl, joined("EvStale"), { timestampSec: now() - 360 });
    expect(res.status).toBe(401);
    await settle();
    expect(handled).toEqual([]);
    expect(processed.keys.has("slack:EvStale")).toBe(false);
  });

  it("refuses a correctly signed request dated 6 minutes in the future, which Bolt alone would accept", async () => {
    const res = await sendCommand(h.eventsUrl, commandFields("/probe", "future", h.fake.responseUrl("p3")), { timestampSec: now() + 360 });
    expect(res.status).toBe(401);
    const event = await sendEvent(h.eventsUrl, joined("EvFuture"), { timestampSec: now() + 360 });
    expect(event.status).toBe(401);
    await settle();
    expect(handled).toEqual([]);
    expect(processed.keys.has("slack:EvFuture")).toBe(false);
  });

  it("accepts a request 4 minutes old (inside Slack's 5-minute window)", async () => {
    const res = await sendCommand(h.eventsUrl, commandFields("/probe", "recent", h.fake.responseUrl("p4")), { timestampSec: now() - 240 });
    expect(res.status).toBe(200);
  });

  it("refuses a request without a timestamp header", async () => {
    const body = new URLSearchParams(commandFields("/probe", "x", h.fake.responseUrl("p5"))).toString();
    const res = await fetch(h.eventsUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-signature": sign("x", now(), body) },
      body,
    });
    expect(res.status).toBe(401);
  });
});

describe("retried events", () => {
  it("processes an event once when Slack redelivers it with x-slack-retry-num", async () => {
    const first = await sendEvent(h.eventsUrl, joined("EvRetry1"));
    await settle();
    const retry = await sendEvent(h.eventsUrl, joined("EvRetry1"), { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } });
    const again = await sendEvent(h.eventsUrl, joined("EvRetry1"), { headers: { "x-slack-retry-num": "2", "x-slack-retry-reason": "http_timeout" } });
    expect([first.status, retry.status, again.status]).toEqual([200, 200, 200]);
    await settle();
    expect(handled).toEqual([{ kind: "event", retryNum: undefined }]);
    expect(processed.keys.has("slack:EvRetry1")).toBe(true);
  });

  it("still processes a different event id", async () => {
    await sendEvent(h.eventsUrl, joined("EvRetry2"));
    await sendEvent(h.eventsUrl, joined("EvRetry3"));
    await settle();
    expect(handled).toHaveLength(2);
  });
});
