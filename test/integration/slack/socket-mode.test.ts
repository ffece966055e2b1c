/**
 * Socket Mode (installs without a public URL): the platform opens apps.connections.open with the
 * app-level token on the fake Web API, connects to the fake WebSocket, and handles envelopes:
 * a slash command's ack carries its payload, a redelivered event is processed once.
 */
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "#core/shared/clock.js";
import { createSlackPlatform, type SlackPlatform } from "#platforms/slack/slack-platform.js";
import { InMemoryProcessedEventRepository } from "#storage/memory/in-memory-processed-event-repository.js";
import { FakeSlack } from "../../fakes/fake-slack.js";
import { FakeSocketMode } from "../../fakes/fake-socket-mode.js";
import { commandFields, eventEnvelope } from "../../fakes/slack-requests.js";
import { slackConfig } from "./support/slack-harness.js";

const fake = new FakeSlack();
const socket = new FakeSocketMode();
let platform: SlackPlatform;
const joined: string[] = [];

beforeAll(async () => {
  await fake.start();
  fake.socketUrl = await socket.start();
  platform = createSlackPlatform({
    slack: slackConfig(fake, { kind: "socket", appToken: "xapp-1-fake", botToken: "xoxb-test-T111" }),
    logger: pino({ level: "silent" }),
    clock: systemClock,
    processedEvents: new InMemoryProcessedEventRepository(),
    installations: null,
  });
  platform.bolt.command("/probe", async ({ ack, command }) => {
    await ack({ response_type: "ephemeral", text: `got ${command.text}` });
  });
  platform.bolt.event("member_joined_channel", async ({ event }) => {
    joined.push((event as { user: string }).user);
  });
  await platform.start(); // resolves on the fake's "hello"
});

afterAll(async () => {
  await platform.stop();
  await socket.stop();
  await fake.stop();
});

describe("Socket Mode", () => {
  it("connects with the app-level token", () => {
    expect(fake.callsTo("apps.connections.open")[0]?.token).toBe("xapp-1-fake");
  });

  it("answers a slash command envelope with the ack payload", async () => {
    socket.send({ envelope_id: "env-1", type: "slash_commands", accepts_response_payload: true, payload: commandFields("/probe", "hi", fake.responseUrl("sm1")) });
    expect(await socket.waitForAck("env-1")).toEqual({ envelope_id: "env-1", payload: { response_type: "ephemeral", text: "got hi" } });
  });

  it("processes a retried events_api envelope once", async () => {
    const event = eventEnvelope("EvSocket1", { type: "member_joined_channel", user: "U0SOCK", channel: "C1", channel_type: "C", team: "T111" });
    socket.send({ envelope_id: "env-2", type: "events_api", accepts_response_payload: false, payload: event });
    await socket.waitForAck("env-2");
    socket.send({ envelope_id: "env-3", type: "events_api", accepts_response_payload: false, retry_attempt: 1, retry_reason: "timeout", payload: event });
    await socket.waitForAck("env-3");
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(joined).toEqual(["U0SOCK"]);
  });
});
