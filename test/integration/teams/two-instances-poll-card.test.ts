// Two Teams bot instances (startBot, as in production) on one PostgreSQL database behind one
// fake Bot Connector, votes on a shared poll card landing on either in turn: the instances share
// the UpdateLease, so the card gets one stream of updates (not one per instance), and the last
// update shows the final tally.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { USERS, executeActivity, type ActivityScope } from "../../fakes/teams-activities.js";
import { cardOf, cardText, executeActions } from "./support/card-helpers.js";
import { DAN, conversationDriver, type ChatUser } from "./support/conversation-driver.js";
import { startTeamsHarness, type TeamsHarness } from "./support/teams-harness.js";

const adminUrl = process.env.TEST_DATABASE_URL;
const dbName = `atb_teams_two_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
const GROUP = "19:acme-beta-two-instances@thread.v2";
/** The coalescer's default interval (compose.ts passes no test knob). */
const INTERVAL_MS = 1_500;
let a: TeamsHarness;
let b: TeamsHarness;
const group = (user: ChatUser): ActivityScope => ({ serviceUrl: a.connector.serviceUrl, user, conversationType: "groupChat", conversationId: GROUP });
const personal = (user: ChatUser): ActivityScope => ({ serviceUrl: a.connector.serviceUrl, user });
const { say, setUpAcmeBetaGroupChat } = conversationDriver(() => a);

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

describe.skipIf(!adminUrl)("a Teams poll card with two instances on one PostgreSQL database", { timeout: 120_000 }, () => {
  beforeAll(async () => {
    await admin(`CREATE DATABASE "${dbName}"`);
    const url = new URL(adminUrl!);
    url.pathname = `/${dbName}`;
    // One after the other: the first applies the migrations. Both talk to the same fake Microsoft side.
    a = await startTeamsHarness({ auth: false, databaseUrl: url.toString() });
    b = await startTeamsHarness({ auth: false, databaseUrl: url.toString(), connector: a.connector });
    await setUpAcmeBetaGroupChat({ group, personal, conversationId: GROUP });
  }, 90_000);

  afterAll(async () => {
    await b?.close();
    await a?.close();
    if (adminUrl) await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  });

  it("sends one stream of card updates for votes split over both instances, the last with the final tally", async () => {
    const [posted] = await say(group(USERS.ann), 'poll "Where do we meet?" "Amsterdam" "Brussels"');
    const card = cardOf(posted);
    const choices = executeActions(card).filter((x) => x.verb === "poll.vote");
    const pollId = choices[0]!.data.pollId!;
    const messageId = (await a.bot.services.polls.getResults(null, pollId)).poll.message!.messageId;
    const mark = a.connector.mark();
    const start = Date.now();
    // Votes for ~9 s (long enough that two streams would overrun the bound of one), each voter changing their mind, alternating between the instances.
    const voters = [USERS.ann, USERS.bob, USERS.cas, DAN];
    let round = 0;
    while (Date.now() - start < 9_000) {
      const voter = voters[round % voters.length]!;
      const choice = choices[Math.floor(round / voters.length) % 2]!.data.choice!;
      const instance = round % 2 === 0 ? a : b;
      const res = await instance.post(executeActivity(group(voter), "poll.vote", { pollId, choice }));
      expect(res.status).toBe(200);
      round += 1;
    }
    const lastVote = Date.now();
    // Both instances' trailing updates (each may wait out the other's lease) are done by then.
    await new Promise((resolve) => setTimeout(resolve, 4 * INTERVAL_MS));
    const updates = a.connector.since(mark).filter((r) => r.method === "PUT" && r.path.endsWith(`/activities/${messageId}`) && r.status === 200);
    const span = (updates.at(-1)?.at ?? lastVote) - start;
    console.log(`[teams two instances] ${round} votes over ${lastVote - start} ms → ${updates.length} card updates (bound ${Math.ceil(span / INTERVAL_MS) + 2})`);
    // One stream: one update per interval, plus one trailing update per instance.
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.length).toBeLessThanOrEqual(Math.ceil(span / INTERVAL_MS) + 2);
    const results = await a.bot.services.polls.getResults(null, pollId);
    const final = cardText(cardOf(updates.at(-1)));
    expect(final).toContain(`${results.totalVoters} votes`);
    for (const option of results.tally!.options) expect(final).toContain(`${option.label}\n${option.count} · ${option.percentRounded}%`);
    expect(await leaseKeys()).toContain(`teams:poll:${pollId}`);
  });
});

async function leaseKeys(): Promise<string[]> {
  const url = new URL(adminUrl!);
  url.pathname = `/${dbName}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query<{ key: string }>(`SELECT "key" FROM "UpdateLease"`)).rows.map((r) => r.key);
  } finally {
    await client.end();
  }
}
