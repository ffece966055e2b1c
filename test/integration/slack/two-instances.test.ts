/**
 * Two bot instances on one PostgreSQL database, one Slack (the fake), votes split round-robin
 * between them: every ballot is stored once, the poll message converges to the exact tally, and
 * the two instances together send about one chat.update per interval — the coalescer's lease in
 * the database makes it one update stream per message, not one per process.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#storage/database.js";
import { FakeSlack } from "../../fakes/fake-slack.js";
import { blockAction, commandFields, sendCommand, sendInteraction } from "../../fakes/slack-requests.js";
import { storageTargets } from "../../support/databases.js";
import { startSlackBot, type SlackBot } from "./support/slack-bot.js";
import { eventually, settle } from "./support/slack-harness.js";

const postgres = storageTargets.find((target) => target.name === "postgresql");
const INTERVAL_MS = 1000;
const VOTES = 300;

describe.runIf(postgres)("two instances on one PostgreSQL", () => {
  let database: Database;
  let fake: FakeSlack;
  let a: SlackBot;
  let b: SlackBot;
  beforeAll(async () => {
    database = await postgres!.open();
    fake = new FakeSlack();
    await fake.start();
    a = await startSlackBot(database, { pollUpdateIntervalMs: INTERVAL_MS, sharedFake: fake });
    b = await startSlackBot(database, { pollUpdateIntervalMs: INTERVAL_MS, sharedFake: fake });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await fake?.stop();
    await database?.close();
  });

  it(`takes ${VOTES} votes round-robin: exact tally, one converged message, updates within one stream's bound`, async () => {
    await sendCommand(a.eventsUrl, commandFields("/poll", `"Two instances?" "A" "B"`, fake.responseUrl("create"), { teamId: "T0TWOINST", userId: "U0CREATOR" }));
    const [post] = await fake.waitFor("chat.postMessage");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const value = (post!.args.blocks as any[]).find((block) => block.accessory?.action_id === "poll.vote").accessory.value as string;
    const ts = fake.posted.at(-1)!.ts;
    let next = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < VOTES) {
          const i = next++;
          const url = i % 2 === 0 ? a.eventsUrl : b.eventsUrl;
          const res = await sendInteraction(url, blockAction({ actionId: "poll.vote", value }, { ts }, fake.responseUrl(`v${i}`), { teamId: "T0TWOINST", userId: `U0TWO${i}` }));
          expect(res.status).toBe(200);
        }
      }),
    );
    const shows = (count: number) => String(fake.callsTo("chat.update").filter((c) => c.args.ts === ts).at(-1)?.args.text ?? "").endsWith(`(${count} votes)`);
    await eventually(() => shows(VOTES), `the message showing ${VOTES} votes`, 60_000);
    await settle(INTERVAL_MS * 2.5); // trailing updates count too, and must not change the tally
    expect(shows(VOTES)).toBe(true);
    const updates = fake.callsTo("chat.update").filter((c) => c.args.ts === ts);
    expect(new Set(updates.map((u) => u.token)).size).toBe(1);
    expect(await database.prisma.pollBallot.count({ where: { poll: { messageId: ts } } })).toBe(VOTES);
    const span = updates.at(-1)!.at - updates[0]!.at;
    // One stream: one update per interval, plus one trailing update per instance.
    expect(updates.length).toBeLessThanOrEqual(Math.floor(span / INTERVAL_MS) + 3);
  }, 180_000);
});
