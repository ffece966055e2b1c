/**
 * The replay claim lives in the database, not in one process: two bot instances, each with its own
 * connection pool to one PostgreSQL database, receive the same signed /poll at the same moment
 * (a replay sent to both nodes behind a load balancer). One poll is created and posted, once.
 * Runs when TEST_DATABASE_URL points at a PostgreSQL server.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandFields, sendCommand } from "../../fakes/slack-requests.js";
import { openSharedPostgres } from "../../support/databases.js";
import { settle } from "./support/slack-harness.js";
import { freshTeam, startSlackBot, type SlackBot } from "./support/slack-bot.js";

const enabled = Boolean(process.env.TEST_DATABASE_URL);

describe.skipIf(!enabled)("two instances on one PostgreSQL", () => {
  let shared: Awaited<ReturnType<typeof openSharedPostgres>>;
  let bots: SlackBot[] = [];

  beforeAll(async () => {
    shared = await openSharedPostgres();
    if (!shared) throw new Error("TEST_DATABASE_URL is set but no database opened");
    bots = [await startSlackBot(shared.first), await startSlackBot(shared.second)];
  });
  afterAll(async () => {
    for (const bot of bots) await bot.close();
    await shared?.close();
  });

  it("the same signed /poll reaching both instances at once creates one poll and one post", async () => {
    const [a, b] = bots as [SlackBot, SlackBot];
    const fields = commandFields("/poll", `"Both nodes?" "Yes" "No"`, a.fake.responseUrl("twice"), { teamId: freshTeam() });
    const timestampSec = Math.floor(Date.now() / 1000);
    const replies = await Promise.all([sendCommand(a.eventsUrl, fields, { timestampSec }), sendCommand(b.eventsUrl, fields, { timestampSec })]);
    expect(replies.map((r) => r.status)).toEqual([200, 200]);
    await settle(2000);
    const posts = [...a.fake.callsTo("chat.postMessage"), ...b.fake.callsTo("chat.postMessage")];
    expect(posts).toHaveLength(1);
  });
});
