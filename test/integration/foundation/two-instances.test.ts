// The compose.yaml topology without Docker: two real bot processes (src/main.ts, as `npm start`
// runs it) on one PostgreSQL database, both with the scheduler and the outbox dispatcher on,
// taking signed Slack traffic in turn. Whichever instance gets a request or fires a tick, the
// result must be the same as with one: one tally, one summary per period, one post per outbox
// message.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeSlack } from "../../fakes/fake-slack.js";
import { blockAction, commandFields, SIGNING_SECRET, sendCommand, sendInteraction, textValue, viewSubmission } from "../../fakes/slack-requests.js";
import { startMain, waitForListening } from "../../support/run-main.js";

const adminUrl = process.env.TEST_DATABASE_URL;
const fake = new FakeSlack();
const dbName = `atb_two_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
const children: Array<ReturnType<typeof startMain>> = [];
let db: pg.Client;
let urls: [string, string];

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe.skipIf(!adminUrl)("two bot processes on one PostgreSQL database", { timeout: 300_000 }, () => {
  beforeAll(async () => {
    await admin(`CREATE DATABASE "${dbName}"`);
    const url = new URL(adminUrl!);
    url.pathname = `/${dbName}`;
    await fake.start();
    const env = {
      DATABASE_URL: url.toString(),
      APP_SECRET: "two-instances-secret-0123456789abcdef",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: "xoxb-test-T111",
      SLACK_API_URL: fake.apiUrl,
      HOST: "127.0.0.1",
      NODE_ENV: "production",
    };
    // Started together, as `docker compose up` does: both race to apply the migrations.
    children.push(startMain({ ...env, DATA_DIR: "/nonexistent-a" }), startMain({ ...env, DATA_DIR: "/nonexistent-b" }));
    const ports = await Promise.all(children.map((child) => waitForListening(child.output)));
    urls = [`http://127.0.0.1:${ports[0]}/slack/events`, `http://127.0.0.1:${ports[1]}/slack/events`];
    db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
  }, 240_000);

  afterAll(async () => {
    for (const { child } of children) child.kill("SIGTERM");
    await Promise.all(children.map(({ child }) => (child.exitCode === null ? new Promise((resolve) => child.once("exit", resolve)) : null)));
    await db?.end();
    await fake.stop();
    if (adminUrl) await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  });

  it("counts one tally, makes one summary per period and one post per outbox message", async () => {
    const [a, b] = urls;
    // Set-up on instance A, the form submitted to instance B.
    fake.addUser({ id: "U0ALICE", teamId: "T111", name: "Alice", email: "alice@alpha.example" });
    await sendCommand(a, commandFields("/trust", "setup", fake.responseUrl("setup"), { userId: "U0ALICE" }));
    const [open] = await fake.waitFor("views.open");
    const values = {
      name: { value: textValue("Bridge") },
      "organizations.0.name": { value: textValue("Alpha") },
      "organizations.0.emailDomains": { value: textValue("alpha.example") },
      "organizations.1.name": { value: textValue("Beta") },
      "organizations.1.emailDomains": { value: textValue("beta.example") },
      timezone: { value: textValue("UTC") },
    };
    expect((await sendInteraction(b, viewSubmission("alliance.setup", values, open?.args.view.private_metadata, { userId: "U0ALICE" }))).status).toBe(200);

    // A poll made on A; votes on A, on B, and one click delivered to both at once (a retry that
    // the load balancer sent to the other instance).
    await sendCommand(a, commandFields("/poll", `"Ship it?" "Yes" "No"`, fake.responseUrl("poll")));
    const [post] = await fake.waitFor("chat.postMessage");
    const yes = post!.args.blocks.find((block: { accessory?: { action_id: string } }) => block.accessory?.action_id === "poll.vote").accessory;
    const click = (user: string) => blockAction({ actionId: "poll.vote", value: yes.value }, { ts: post!.args.ts ?? "1700000000.000001" }, fake.responseUrl(`vote-${user}`), { userId: user });
    await sendInteraction(a, click("U0V1"));
    await sendInteraction(b, click("U0V2"));
    const twice = click("U0V3");
    await Promise.all([sendInteraction(a, twice), sendInteraction(b, twice)]);
    // Votes are stored after the ack: wait for all three voters, then make sure nobody counts twice.
    const ballots = async () => (await db.query(`SELECT count(*)::int AS n, count(DISTINCT "voterKey")::int AS voters FROM "PollBallot"`)).rows[0];
    await until(async () => ((await ballots()).voters === 3 ? true : undefined), "three voters' ballots", 30_000);
    await Promise.all(["vote-U0V1", "vote-U0V2", "vote-U0V3"].map((id) => fake.waitForResponse(id)));
    expect(await ballots()).toEqual({ n: 3, voters: 3 });

    // Make a weekly summary due half an hour ago: both schedulers see it on their next tick.
    const due = new Date(Date.now() - 30 * 60_000);
    const workspace = await db.query(`SELECT id FROM "Workspace" WHERE platform = 'slack' AND "externalId" = 'T111'`);
    await db.query(
      `UPDATE "Alliance" SET "createdAt" = now() - interval '8 days', timezone = 'UTC', "summaryCadence" = 'weekly', "summaryDay" = $1, "summaryHour" = $2,
       "steeringWorkspaceId" = $3, "steeringConversationId" = 'C0STEERING'`,
      [((due.getUTCDay() + 6) % 7) + 1, due.getUTCHours(), workspace.rows[0].id],
    );
    const summaries = await until(
      async () => {
        const sent = await db.query(`SELECT count(*)::int AS n FROM "OutboxMessage" WHERE "dedupeKey" LIKE 'summary%' AND status = 'sent'`);
        return sent.rows[0].n >= 1 ? sent.rows[0].n : undefined;
      },
      "the summary to be posted",
      150_000,
    );
    // Give the other instance's tick and dispatcher time to (wrongly) do it again.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const runs = await db.query(`SELECT "claimedBy", status FROM "JobRun" WHERE job = 'summary' AND status <> 'skipped'`);
    expect(runs.rows).toHaveLength(1);
    expect(runs.rows[0].status).toBe("done");
    expect((await db.query(`SELECT count(*)::int AS n FROM "Summary"`)).rows[0].n).toBe(1);
    expect(summaries).toBeGreaterThanOrEqual(1);

    // Every outbox post appears in Slack exactly once.
    const outbox = await db.query(`SELECT "dedupeKey", operation, status FROM "OutboxMessage"`);
    expect(outbox.rows.length).toBeGreaterThan(0);
    const dedupeKeyOf = (metadata: unknown) => (metadata as { event_payload?: { dedupe_key?: string } } | undefined)?.event_payload?.dedupe_key;
    for (const message of outbox.rows) {
      expect(message.status, message.dedupeKey).toBe("sent");
      if (message.operation !== "post") continue;
      expect(fake.posted.filter((p) => dedupeKeyOf(p.metadata) === message.dedupeKey), message.dedupeKey).toHaveLength(1);
    }
    const uploads = outbox.rows.filter((m: { operation: string }) => m.operation === "upload").length;
    expect(fake.callsTo("files.completeUploadExternal")).toHaveLength(uploads);
    expect(fake.posted.filter((p) => p.channel === "C0STEERING")).toHaveLength(1);

    // Both instances took their share of the traffic (setup 1+1, poll 1, votes 1+1, the double click 1+1).
    const handled = await Promise.all(
      urls.map(async (url) => {
        const text = await (await fetch(url.replace("/slack/events", "/metrics"))).text();
        return [...text.matchAll(/^atb_requests_total\{platform="slack",[^}]*status="200"\} (\d+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
      }),
    );
    expect(handled).toEqual([4, 3]);
  });
});
