// /metrics after a few real requests: signed Slack traffic through the whole bot (startBot) sets
// up an alliance, logs a commitment, creates a poll and votes on it; the Prometheus text then
// holds every family with the counts those requests must have produced. Every log line written
// while handling a request carries that request's id; /readyz shows each platform's last success.
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot, type RunningBot } from "#src/compose.js";
import { loadConfig } from "#src/config.js";
import { createLogger } from "#src/logger.js";
import { FakeSlack } from "../../fakes/fake-slack.js";
import { messageActivity, USERS } from "../../fakes/teams-activities.js";
import { startTeamsHarness } from "../teams/support/teams-harness.js";
import { blockAction, commandFields, SIGNING_SECRET, sendCommand, sendInteraction, textValue, viewSubmission } from "../../fakes/slack-requests.js";

const fake = new FakeSlack();
const logLines: Array<Record<string, unknown>> = [];
let bot: RunningBot;
let base: string;

beforeAll(async () => {
  await fake.start();
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: "memory://",
    APP_SECRET: "metrics-test-secret-0123456789abcdef",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: "xoxb-test-T111",
    SLACK_API_URL: fake.apiUrl,
  });
  const stream = new PassThrough();
  stream.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n").filter(Boolean)) logLines.push(JSON.parse(line));
  });
  bot = await startBot(config, createLogger({ level: "debug", pretty: false }, stream));
  base = `http://127.0.0.1:${bot.port}`;
});

afterAll(async () => {
  await bot?.stop();
  await fake.stop();
});

/** Value of one sample in the exposition text, e.g. sample(text, 'atb_votes_total{result="new"}'). */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : Number.NaN;
}

describe("metrics, request ids and readiness", { timeout: 120_000 }, () => {
  it("shows every family in Prometheus format after a few requests, with the counts they produced", async () => {
    const eventsUrl = `${base}/slack/events`;
    fake.addUser({ id: "U0ALICE", teamId: "T111", name: "Alice", email: "alice@alpha.example" });
    fake.addUser({ id: "U0BOB", teamId: "T111", name: "Bob", email: "bob@beta.example" });
    await sendCommand(eventsUrl, commandFields("/trust", "setup", fake.responseUrl("setup"), { userId: "U0ALICE" }));
    const [open] = await fake.waitFor("views.open");
    const values = {
      name: { value: textValue("Bridge") },
      "organizations.0.name": { value: textValue("Alpha") },
      "organizations.0.emailDomains": { value: textValue("alpha.example") },
      "organizations.1.name": { value: textValue("Beta") },
      "organizations.1.emailDomains": { value: textValue("beta.example") },
      timezone: { value: textValue("Europe/Amsterdam") },
    };
    expect((await sendInteraction(eventsUrl, viewSubmission("alliance.setup", values, open?.args.view.private_metadata, { userId: "U0ALICE" }))).status).toBe(200);
    await sendCommand(eventsUrl, commandFields("/commit", "list", fake.responseUrl("bob"), { userId: "U0BOB" }));
    await fake.waitForResponse("bob");
    await sendCommand(eventsUrl, commandFields("/commit", "send the draft contract for Beta by friday", fake.responseUrl("commit"), { userId: "U0ALICE" }));
    await fake.waitForResponse("commit");
    await sendCommand(eventsUrl, commandFields("/poll", `"Ship it?" "Yes" "No"`, fake.responseUrl("poll")));
    const [post] = await fake.waitFor("chat.postMessage");
    const yes = post!.args.blocks.find((b: { accessory?: { action_id: string } }) => b.accessory?.action_id === "poll.vote").accessory;
    await sendInteraction(eventsUrl, blockAction({ actionId: "poll.vote", value: yes.value }, { ts: post!.args.ts ?? "1700000000.000001" }, fake.responseUrl("vote"), { userId: "U0VOTER" }));
    await fake.waitForResponse("vote");
    expect((await fetch(`${base}/slack/events`, { method: "POST", body: "forged" })).status).toBe(401); // no signature

    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    for (const family of [
      "atb_requests_total",
      "atb_acks_total",
      "atb_ack_duration_seconds",
      "atb_votes_total",
      "atb_commitment_changes_total",
      "atb_outbox_messages",
      "atb_outbox_delivered_total",
      "atb_outbox_retries_total",
      "atb_outbox_dead_total",
      "atb_scheduler_claims_total",
      "atb_scheduler_runs_total",
      "atb_db_pool_connections",
      "atb_platform_last_success_timestamp_seconds",
      "atb_process_cpu_seconds_total",
    ]) {
      expect(text, family).toMatch(new RegExp(`^# TYPE ${family} `, "m"));
    }
    expect(sample(text, 'atb_requests_total{platform="slack",kind="command",status="200"}')).toBe(4);
    expect(sample(text, 'atb_requests_total{platform="slack",kind="view",status="200"}')).toBe(1);
    expect(sample(text, 'atb_requests_total{platform="slack",kind="action",status="200"}')).toBe(1);
    // Refused before Bolt looked at it: counted, but as no kind.
    expect(text).toMatch(/^atb_requests_total\{platform="slack",kind="unknown",status="4\d\d"\} 1$/m);
    expect(sample(text, 'atb_acks_total{platform="slack",kind="command"}')).toBe(4);
    expect(sample(text, 'atb_ack_duration_seconds_count{platform="slack",kind="command"}')).toBe(4);
    expect(sample(text, 'atb_ack_duration_seconds_bucket{le="3",platform="slack",kind="command"}')).toBe(4);
    expect(sample(text, 'atb_votes_total{result="new"}')).toBe(1);
    expect(sample(text, 'atb_commitment_changes_total{action="created"}')).toBe(1);
    expect(sample(text, 'atb_outbox_messages{status="dead"}')).toBe(0);
    expect(sample(text, 'atb_db_pool_connections{state="max"}')).toBe(1); // embedded PGlite: one connection
    expect(sample(text, 'atb_platform_last_success_timestamp_seconds{platform="slack"}')).toBeGreaterThan(Date.now() / 1000 - 120);
  });

  it("puts the request's id in every log line written while handling it, and echoes it", async () => {
    const before = logLines.length;
    const res = await sendCommand(`${base}/slack/events`, commandFields("/poll", `"Again?" "Yes" "No"`, fake.responseUrl("again")), { headers: { "x-request-id": "req-test-42" } });
    expect(res.status).toBe(200);
    const during = () => logLines.slice(before).filter((line) => line.reqId === "req-test-42");
    for (let i = 0; i < 50 && during().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(during().length).toBeGreaterThan(0);
    // Lines from outside any request (start-up, scheduler ticks) carry no id.
    expect(logLines.some((line) => String(line.msg).includes("listening on") && line.reqId === undefined)).toBe(true);
    const plain = await fetch(`${base}/healthz`);
    expect(plain.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("/readyz reports the database and the last successful call of each enabled platform", async () => {
    const body = (await (await fetch(`${base}/readyz`)).json()) as { platforms: Record<string, { lastInboundAt: string; lastOutboundAt: string } | undefined> };
    expect(body).toMatchObject({ status: "ready", database: "ok", platforms: { slack: { status: "ok" } } });
    expect(Date.parse(body.platforms.slack!.lastInboundAt)).toBeGreaterThan(Date.now() - 120_000);
    expect(Date.parse(body.platforms.slack!.lastOutboundAt)).toBeGreaterThan(Date.now() - 120_000);
    expect(body.platforms.teams).toBeUndefined();
  });
});

describe("metrics for Teams", { timeout: 120_000 }, () => {
  it("counts Teams activities by type and shows Teams' last inbound success in /readyz", async () => {
    const h = await startTeamsHarness({ auth: true });
    try {
      expect((await h.post(messageActivity({ serviceUrl: h.connector.serviceUrl, user: USERS.bob }, "help"))).status).toBe(200);
      expect((await h.post(messageActivity({ serviceUrl: h.connector.serviceUrl, user: USERS.bob }, "help"), { authorization: "Bearer forged" })).status).toBe(401);
      const text = (await h.bot.metrics.render()).body;
      expect(sample(text, 'atb_requests_total{platform="teams",kind="message",status="200"}')).toBe(1);
      expect(sample(text, 'atb_acks_total{platform="teams",kind="message"}')).toBe(1);
      expect(text).toMatch(/^atb_requests_total\{platform="teams",kind="message",status="401"\} 1$/m);
      const ready = (await (await fetch(`http://127.0.0.1:${h.bot.port}/readyz`)).json()) as { platforms: Record<string, { lastInboundAt: string | null }> };
      expect(Object.keys(ready.platforms)).toEqual(["teams"]);
      expect(Date.parse(ready.platforms.teams!.lastInboundAt ?? "")).toBeGreaterThan(Date.now() - 60_000);
    } finally {
      await h.close();
    }
  });
});
