// The vote rows measured the earlier way, kept for comparison with bench/slack-votes.bench.ts (which
// runs the bot in a process of its own): here the bot (Bolt app and services on in-memory PGlite),
// the fake Web API and the bench's signed-request client all share this one process and thread,
// which a deployed bot never does. The floor, measured in the same run and the same process, is a
// bare Bolt app on the same HTTP server stack that only acks, and 2,000 plain INSERTs through the
// same driver into the bot's own database.
// Rows: ack p99 at 50 concurrent users vs the floor; 2,000 votes by distinct users on one poll,
// time from the last ack until the message shows all of them; 1,000 votes in 10 s with a slow
// Slack, chat.update calls and time until the message shows the right tally.
import { AckLatencyRecorder } from "#platforms/slack/transport/ack-latency.js";
import type { Database } from "#storage/database.js";
import { FakeSlack } from "../test/fakes/fake-slack.js";
import { startSlackBot } from "../test/integration/slack/support/slack-bot.js";
import { slackConfig } from "../test/integration/slack/support/slack-harness.js";
import { storageTargets } from "../test/support/databases.js";
import { postPoll, sendVotes, untilShown } from "./slack-votes.bench.js";
import { startBareBoltApp } from "./bare-bolt-app.js";
import { inParallel, scaleRow, sleep, summarise, type Benchmark, type CaseResult } from "./lib.js";

/** The production update interval (the publisher's default). */
const UPDATE_INTERVAL_MS = 1_500;

/** The bare-Bolt floor in this process, with ack latency measured like the bot's. */
async function startBareBolt(fake: FakeSlack): Promise<{ eventsUrl: string; ackLatency: AckLatencyRecorder; close(): Promise<void> }> {
  const ackLatency = new AckLatencyRecorder();
  const { port, close } = await startBareBoltApp({ slack: slackConfig(fake), ackLatency });
  return { eventsUrl: `http://127.0.0.1:${port}/slack/events`, ackLatency, close };
}

const seconds = (ms: number) => (Number.isNaN(ms) ? "never (timed out)" : `${(ms / 1000).toFixed(2)} s`);

const benchmark: Benchmark = {
  title: "Slack votes IN-PROCESS (bot, fake Slack and client on one thread; the earlier method): acks against a bare-Bolt floor, and how fast the poll message catches up",
  async run(): Promise<CaseResult[]> {
    const target = storageTargets[0];
    if (!target) throw new Error("no database");
    const results: CaseResult[] = [];

    // Ack p99 at 50 concurrent users: the floor first, then the bot, 500 first-time voters each.
    const floorFake = new FakeSlack();
    await floorFake.start();
    const bare = await startBareBolt(floorFake);
    await sendVotes(bare.eventsUrl, floorFake, { value: "{}", ts: "1.1" }, { teamId: "T0FLOOR", prefix: "UWARM", count: 50, concurrency: 10 });
    bare.ackLatency.reset();
    await sendVotes(bare.eventsUrl, floorFake, { value: "{}", ts: "1.1" }, { teamId: "T0FLOOR", prefix: "UFLOOR", count: 500, concurrency: 50 });
    const floor = summarise("in-process floor: bare Bolt ack, 50 concurrent (server-side)", bare.ackLatency.samples());
    results.push(floor);
    await bare.close();
    await floorFake.stop();

    let database: Database = await target.open();
    let bot = await startSlackBot(database, { pollUpdateIntervalMs: UPDATE_INTERVAL_MS });
    try {
      const warm = await postPoll(bot, "T0ACK", "Warm-up?");
      await sendVotes(bot.eventsUrl, bot.fake, warm, { teamId: "T0ACK", prefix: "UWARM", count: 50, concurrency: 10 });
      bot.platform.ackLatency.reset();
      await sendVotes(bot.eventsUrl, bot.fake, warm, { teamId: "T0ACK", prefix: "UACK", count: 500, concurrency: 50 });
      const acks = summarise("in-process bot: vote ack, 50 concurrent first-time voters (server-side)", bot.platform.ackLatency.samples());
      results.push(acks);
      scaleRow({
        row: "In-process (earlier method): ack p99 vs the bare-Bolt floor at 50 concurrent users",
        value: `${(acks.p99 / floor.p99).toFixed(1)}× (p99 ${acks.p99.toFixed(1)} ms)`,
        floor: `p99 ${floor.p99.toFixed(1)} ms`,
        target: "≤ 2×",
      });
      await untilShown(bot.fake, warm.ts, 550, performance.now(), 60_000);

      // The floor for catching up: 2,000 plain single-row INSERTs, 50 concurrent, through the same
      // driver into the same database (no vote can show before its row is stored).
      await database.prisma.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS bench_plain (id text PRIMARY KEY, payload text NOT NULL)`);
      const floorStarted = performance.now();
      await inParallel(2000, 50, (i) => database.prisma.$executeRaw`INSERT INTO bench_plain (id, payload) VALUES (${`big-${i}`}, 'x')`);
      const insertFloorMs = performance.now() - floorStarted;

      // 2,000 votes by distinct users on one poll, 50 concurrent, fake Slack answering at once.
      const big = await postPoll(bot, "T0BIG", "Two thousand?");
      const sent = await sendVotes(bot.eventsUrl, bot.fake, big, { teamId: "T0BIG", prefix: "UBIG", count: 2000, concurrency: 50 });
      const bigShownMs = await untilShown(bot.fake, big.ts, 2000, sent.lastAckAt);
      results.push(summarise("2,000 votes, 50 concurrent: client round trip", sent.clientMs));
      scaleRow({
        row: "In-process (earlier method): 2,000 votes by distinct users on one poll (fake Slack answering at once): last ack → message shows every vote",
        value: `${seconds(bigShownMs)} = ${(bigShownMs / insertFloorMs).toFixed(1)}× the floor (votes sent in ${seconds(sent.lastAckAt - sent.firstAt)}; first vote → all shown ${seconds(sent.lastAckAt - sent.firstAt + bigShownMs)})`,
        floor: `2,000 plain INSERTs, 50 concurrent, same driver: ${seconds(insertFloorMs)}`,
        target: "≤ 2 s",
      });
    } finally {
      await bot.close();
      await database.close();
    }

    // 1,000 votes in 10 s with Slack answering every call after 150 ms (fresh database and bot).
    database = await target.open();
    bot = await startSlackBot(database, { pollUpdateIntervalMs: UPDATE_INTERVAL_MS });
    try {
      const slow = await postPoll(bot, "T0SLOW", "Slow Slack?");
      bot.fake.latencyMs = 150;
      const updatesBefore = bot.fake.callsTo("chat.update").length;
      const sent = await sendVotes(bot.eventsUrl, bot.fake, slow, { teamId: "T0SLOW", prefix: "USLOW", count: 1000, spreadMs: 10_000 });
      const slowShownMs = await untilShown(bot.fake, slow.ts, 1000, sent.lastAckAt);
      await sleep(UPDATE_INTERVAL_MS * 2); // any trailing updates count too
      const updates = bot.fake.callsTo("chat.update").length - updatesBefore;
      results.push(summarise("1,000 votes in 10 s, Slack at 150 ms: client round trip", sent.clientMs));
      scaleRow({
        row: "In-process (earlier method): 1,000 votes in 10 s with Slack answering each call after 150 ms: chat.update calls / time to the right tally",
        value: `${updates} / ${seconds(slowShownMs)} (votes sent in ${seconds(sent.lastAckAt - sent.firstAt)})`,
        target: "≤ 15 / ≤ 2 s",
      });
    } finally {
      await bot.close();
      await database.close();
    }
    return results;
  },
};

export default benchmark;
