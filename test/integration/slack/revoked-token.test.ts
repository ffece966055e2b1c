// Single-workspace mode keeps its bot token in SLACK_BOT_TOKEN, not in an installation row, so
// uninstalling or revoking used to change nothing: scheduled posts, reminders and outbox retries
// went on calling Slack with a dead token. Once Slack says the token is dead — app_uninstalled,
// tokens_revoked for the bot, or invalid_auth on a call — nothing is sent with it again.
import { afterEach, describe, expect, it } from "vitest";
import { systemClock } from "#core/shared/clock.js";
import { slackText } from "#platforms/slack/render/message.js";
import { SlackSendError } from "#platforms/slack/transport/slack-errors.js";
import { InMemoryProcessedEventRepository } from "#storage/memory/in-memory-processed-event-repository.js";
import { eventEnvelope, sendEvent } from "../../fakes/slack-requests.js";
import { slackConfig, startSlackHarness, type SlackHarness } from "./support/slack-harness.js";

const TOKEN = "xoxb-test-T111";
let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(): Promise<SlackHarness> {
  h = await startSlackHarness((fake) => ({
    slack: slackConfig(fake, { kind: "single", botToken: TOKEN }),
    clock: systemClock,
    processedEvents: new InMemoryProcessedEventRepository(),
    installations: null,
  }));
  return h;
}

const post = (harness: SlackHarness) => harness.platform.messenger.post({ teamId: null, channel: "C1" }, { text: slackText("weekly summary") });

/** Posting fails permanently with token_revoked, and Slack sees no call at all. */
async function expectNothingSent(harness: SlackHarness) {
  harness.fake.reset();
  const error = await post(harness).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SlackSendError);
  expect((error as SlackSendError).failure).toEqual({ kind: "permanent", reason: "token_revoked" });
  expect((error as SlackSendError).retryAfterMs).toBeNull();
  expect(harness.fake.callsTo("chat.postMessage")).toEqual([]);
}

describe("single-workspace mode with a token Slack revoked", () => {
  it("stops using the token after app_uninstalled", async () => {
    const harness = await start();
    await post(harness);
    expect(harness.fake.callsTo("chat.postMessage")).toHaveLength(1);
    const res = await sendEvent(harness.eventsUrl, eventEnvelope("EvUninstall1", { type: "app_uninstalled", event_ts: "1.1" }));
    expect(res.status).toBe(200);
    await expectNothingSent(harness);
  });

  it("stops using the token after tokens_revoked names the bot token", async () => {
    const harness = await start();
    const res = await sendEvent(harness.eventsUrl, eventEnvelope("EvRevoked1", { type: "tokens_revoked", tokens: { bot: ["UBOT111"] }, event_ts: "1.1" }));
    expect(res.status).toBe(200);
    await expectNothingSent(harness);
  });

  it("keeps the token when only a user token was revoked", async () => {
    const harness = await start();
    await sendEvent(harness.eventsUrl, eventEnvelope("EvRevoked2", { type: "tokens_revoked", tokens: { oauth: ["U123"] }, event_ts: "1.1" }));
    await expect(post(harness)).resolves.toMatchObject({ channel: "C1" });
  });

  it("stops using the token after Slack answers invalid_auth, instead of trying it on every post", async () => {
    const harness = await start();
    harness.fake.tokens.delete(TOKEN); // revoked on Slack's side: every call now gets invalid_auth
    const first = await post(harness).catch((e: unknown) => e);
    expect((first as SlackSendError).failure).toEqual({ kind: "permanent", reason: "invalid_auth" });
    await expectNothingSent(harness);
  });
});
