/**
 * Multi-workspace OAuth over HTTP: "Add to Slack" page, the redirect exchanging the code at the
 * (fake) Web API, the installation stored, requests from that workspace using its token, and
 * app_uninstalled / tokens_revoked deleting the tokens at once.
 */
import type { Installation } from "@slack/bolt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { systemClock } from "#core/shared/clock.js";
import { SlackSendError } from "#platforms/slack/transport/slack-errors.js";
import { InMemoryInstallationRepository } from "#storage/memory/in-memory-installation-repository.js";
import { InMemoryProcessedEventRepository } from "#storage/memory/in-memory-processed-event-repository.js";
import { textMessage } from "#platforms/slack/render/message.js";
import { commandFields, eventEnvelope, sendCommand, sendEvent } from "../../fakes/slack-requests.js";
import { eventually, settle, slackConfig, startSlackHarness, type SlackHarness } from "./support/slack-harness.js";

const installations = new InMemoryInstallationRepository<Installation>();
let h: SlackHarness;
const seen: string[] = [];

beforeAll(async () => {
  h = await startSlackHarness((fake) => ({
    slack: slackConfig(fake, { kind: "oauth", clientId: "111.222", clientSecret: "client-secret", stateSecret: "state-secret-0123456789" }),
    clock: systemClock,
    processedEvents: new InMemoryProcessedEventRepository(),
    installations,
    testing: { authorizationUrl: "http://127.0.0.1:9/oauth/v2/authorize" },
  }));
  h.platform.bolt.command("/probe", async ({ ack, context, client, command }) => {
    await ack();
    seen.push(`${command.team_id}:${context.botToken}`);
    await client.chat.postMessage({ channel: command.channel_id, text: "hi" });
  });
});

afterAll(async () => {
  await h.close();
});

beforeEach(() => {
  h.fake.reset();
  seen.length = 0;
});

/** Drives the browser part: install page → (Slack) → redirect with code and the state cookie. */
async function install(): Promise<Response> {
  const page = await fetch(`${h.baseUrl}/slack/install`);
  expect(page.status).toBe(200);
  const html = await page.text();
  const link = new URL(/href="(http[^"]+)"/.exec(html)?.[1]?.replaceAll("&amp;", "&") ?? "");
  const cookie = page.headers.get("set-cookie")?.split(";")[0] ?? "";
  expect(link.searchParams.get("client_id")).toBe("111.222");
  const state = link.searchParams.get("state") ?? "";
  return fetch(`${h.baseUrl}/slack/oauth_redirect?code=good-code&state=${encodeURIComponent(state)}`, { headers: { cookie } });
}

describe("OAuth install", () => {
  it("offers 'Add to Slack' with exactly the manifest's bot scopes", async () => {
    const html = await (await fetch(`${h.baseUrl}/slack/install`)).text();
    const link = new URL(/href="(http[^"]+)"/.exec(html)?.[1]?.replaceAll("&amp;", "&") ?? "");
    expect(link.searchParams.get("scope")?.split(",").sort()).toEqual(
      ["chat:write", "chat:write.public", "commands", "files:write", "im:write", "users:read", "users:read.email"],
    );
  });

  it("exchanges the code, stores the installation and answers requests from that workspace with its token", async () => {
    const res = await install();
    expect(res.status).toBe(200);
    expect(h.fake.callsTo("oauth.v2.access")[0]?.args).toMatchObject({ code: "good-code", client_id: "111.222" });
    const stored = await installations.fetch({ teamId: "T222", isEnterpriseInstall: false });
    expect(stored?.bot?.token).toBe("xoxb-test-T222");

    const ack = await sendCommand(h.eventsUrl, commandFields("/probe", "", h.fake.responseUrl("o1"), { teamId: "T222" }));
    expect(ack.status).toBe(200);
    const [post] = await h.fake.waitFor("chat.postMessage");
    expect(post?.token).toBe("xoxb-test-T222");
    expect(seen).toEqual(["T222:xoxb-test-T222"]);
  });

  it("refuses the redirect without the state cookie (CSRF) and stores nothing new", async () => {
    const res = await fetch(`${h.baseUrl}/slack/oauth_redirect?code=good-code&state=forged`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(h.fake.callsTo("oauth.v2.access")).toHaveLength(0);
  });

  it("runs no listener for a workspace that never installed the app", async () => {
    await sendCommand(h.eventsUrl, commandFields("/probe", "", h.fake.responseUrl("o2"), { teamId: "T999" }));
    await settle();
    expect(seen).toEqual([]);
    expect(h.fake.callsTo("chat.postMessage")).toHaveLength(0);
  });

  it("lets the messenger post to an installed workspace with that workspace's token", async () => {
    await install();
    const posted = await h.platform.messenger.post({ teamId: "T222", channel: "C9" }, textMessage("scheduled"));
    expect(posted.ts).toMatch(/^\d+\.\d+$/);
    expect(h.fake.callsTo("chat.postMessage").at(-1)?.token).toBe("xoxb-test-T222");
  });
});

describe("uninstall", () => {
  it("deletes the workspace's tokens at once on app_uninstalled", async () => {
    await install();
    const res = await sendEvent(h.eventsUrl, eventEnvelope("EvUninstall1", { type: "app_uninstalled" }, "T222"));
    expect(res.status).toBe(200);
    await eventually(async () => (await installations.fetch({ teamId: "T222", isEnterpriseInstall: false })) === null, "installation deleted");
    // Nothing can use the old token any more: not requests, not scheduled posts.
    await sendCommand(h.eventsUrl, commandFields("/probe", "", h.fake.responseUrl("o3"), { teamId: "T222" }));
    await settle();
    const error = await h.platform.messenger.post({ teamId: "T222", channel: "C9" }, textMessage("x")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackSendError);
    expect((error as SlackSendError).retryAfterMs).toBeNull();
    expect(seen).toEqual([]);
  });

  it("deletes the installation when tokens_revoked names the bot token", async () => {
    await install();
    await sendEvent(h.eventsUrl, eventEnvelope("EvRevoked1", { type: "tokens_revoked", tokens: { bot: ["UBOT222"] } }, "T222"));
    await eventually(async () => (await installations.fetch({ teamId: "T222", isEnterpriseInstall: false })) === null, "installation deleted");
  });
});
