// Votes as Slack sends them: signed HTTP clicks into the real bot, started as `npm start` starts it
// (the bundled build) in a process of its own, on a fresh embedded PGlite data directory (and on
// PostgreSQL when one answers), against the fake Web API (answering at once, or after 150 ms like
// a slow Slack). This process hosts only the fake Slack and the signed-request client, so the bot
// does not share its thread with them, as a deployed bot (Slack far away) never does. The floors,
// measured in the same run and each in a process of its own too: a bare Bolt app on the bot's HTTP
// server stack that only acks, and 2,000 plain INSERTs through the bot's driver into a fresh
// database of the same kind (bench/children/).
// Rows: ack p99 at 50 concurrent users vs the floor; 2,000 votes by distinct users on one poll,
// time from the last ack until the message shows all of them; 1,000 votes in 10 s with a slow
// Slack, chat.update calls and time until the message shows the right tally.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { FakeSlack } from "../test/fakes/fake-slack.js";
import { blockAction, commandFields, sendCommand, sendInteraction, SIGNING_SECRET } from "../test/fakes/slack-requests.js";
import { buildBot, plainInsertFloor, startBareBolt, startBot, type MeasuredChild } from "./children/child-process.js";
import { scratchPostgres } from "./first-voters.bench.js";
import { inParallel, scaleRow, sleep, summarise, type Benchmark, type CaseResult } from "./lib.js";

/** The production update interval (the publisher's default; the child bot runs with it). */
const UPDATE_INTERVAL_MS = 1_500;
/** Clicks each ack subject (floor, bot) gets before it is timed: both processes start cold (JIT). */
const WARM_UP = 200;

/** Posts a poll through /poll and returns the vote button's value and the message ts. */
export async function postPoll(bot: { eventsUrl: string; fake: FakeSlack }, teamId: string, question: string): Promise<{ value: string; ts: string }> {
  const before = bot.fake.callsTo("chat.postMessage").length;
  await sendCommand(bot.eventsUrl, commandFields("/poll", `"${question}" "A" "B"`, bot.fake.responseUrl(`poll-${teamId}`), { teamId, userId: "U0CREATOR" }));
  const [post] = (await bot.fake.waitFor("chat.postMessage", before + 1, 30_000)).slice(before);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const value = (post!.args.blocks as any[]).find((b) => b.accessory?.action_id === "poll.vote").accessory.value as string;
  const ts = bot.fake.posted.at(-1)!.ts;
  return { value, ts };
}

/** The vote count a chat.update of message `ts` shows ("Question? (1,234 votes)"), or null. */
export function shownVotes(fake: FakeSlack, ts: string): number | null {
  const last = fake.callsTo("chat.update").filter((c) => c.args.ts === ts).at(-1);
  const match = /\(([\d,.]+) votes?\)\s*$/.exec(String(last?.args.text ?? ""));
  return match ? Number(match[1]!.replace(/[,.]/g, "")) : null;
}

/** Sends `count` clicks by distinct users (`concurrency` at a time, or paced over `spreadMs`). */
export async function sendVotes(
  eventsUrl: string,
  fake: FakeSlack,
  poll: { value: string; ts: string },
  options: { teamId: string; prefix: string; count: number; concurrency?: number; spreadMs?: number; url?: (i: number) => string },
): Promise<{ clientMs: number[]; firstAt: number; lastAckAt: number }> {
  const clientMs: number[] = [];
  const firstAt = performance.now();
  const click = async (i: number) => {
    const userId = `${options.prefix}${i}`;
    fake.addUser({ id: userId, teamId: options.teamId, name: `Voter ${i}` });
    const url = options.url?.(i) ?? eventsUrl;
    const res = await sendInteraction(url, blockAction({ actionId: "poll.vote", value: poll.value }, { ts: poll.ts }, fake.responseUrl(`${options.prefix}${i}`), { teamId: options.teamId, userId }));
    if (res.status !== 200) throw new Error(`vote ${i}: HTTP ${res.status}`);
    clientMs.push(res.ms);
  };
  if (options.spreadMs !== undefined) {
    const started = performance.now();
    await Promise.all(
      Array.from({ length: options.count }, async (_, i) => {
        await sleep(started + (i * options.spreadMs!) / options.count - performance.now());
        await click(i);
      }),
    );
  } else {
    await inParallel(options.count, options.concurrency ?? 1, click);
  }
  return { clientMs, firstAt, lastAckAt: performance.now() };
}

/** Waits until the message shows `expected` votes; ms after `since`, or NaN after `timeoutMs`. */
export async function untilShown(fake: FakeSlack, ts: string, expected: number, since: number, timeoutMs = 120_000): Promise<number> {
  try {
    await fake.waitUntil(() => (shownVotes(fake, ts) === expected ? true : undefined), `${expected} votes shown`, timeoutMs);
    return performance.now() - since;
  } catch {
    return Number.NaN;
  }
}

const seconds = (ms: number) => (Number.isNaN(ms) ? "never (timed out)" : `${(ms / 1000).toFixed(2)} s`);

/** A fresh data directory for one child (removed by the caller). */
const freshDir = (what: string) => mkdtempSync(path.join(tmpdir(), `atb-bench-votes-${what}-`));

/** BENCH_CPU_PROF_DIR=dir: a CPU profile of the bot's thread during each 2,000-vote case goes there. */
const profileDir = process.env.BENCH_CPU_PROF_DIR;

/** 2,000 votes by distinct users on one poll, 50 concurrent; ms from the last ack to all shown. */
async function twoThousand(bot: MeasuredChild, fake: FakeSlack, teamId: string): Promise<{ shownMs: number; sentMs: number; clientMs: number[] }> {
  const big = await postPoll({ eventsUrl: bot.eventsUrl, fake }, teamId, "Two thousand?");
  if (profileDir) bot.profileStart();
  const sent = await sendVotes(bot.eventsUrl, fake, big, { teamId, prefix: `U${teamId}`, count: 2000, concurrency: 50 });
  const shownMs = await untilShown(fake, big.ts, 2000, sent.lastAckAt);
  if (profileDir) await bot.profileStop(path.resolve(profileDir, `bot-2000-votes-${teamId}.cpuprofile`));
  return { shownMs, sentMs: sent.lastAckAt - sent.firstAt, clientMs: sent.clientMs };
}

const benchmark: Benchmark = {
  title: "Slack votes (bot in its own process, `npm start` build): acks against a bare-Bolt floor, and how fast the poll message catches up",
  async run(): Promise<CaseResult[]> {
    const results: CaseResult[] = [];
    const fake = new FakeSlack();
    await fake.start();
    const dirs: string[] = [];
    const dir = (what: string) => {
      dirs.push(freshDir(what));
      return dirs.at(-1)!;
    };
    buildBot();
    const children: MeasuredChild[] = [];
    const track = (child: MeasuredChild) => (children.push(child), child);
    try {
      // Ack p99 at 50 concurrent users: the floor first, then the bot, 500 first-time voters each.
      // Server-side: arrival at Node's HTTP server to the end of the answer, in the child
      // (children/ack-timer.mjs); client-side: the round trip this process sees.
      const bare = track(await startBareBolt(fake.apiUrl));
      await sendVotes(bare.eventsUrl, fake, { value: "{}", ts: "1.1" }, { teamId: "T0FLOOR", prefix: "UWARM", count: WARM_UP, concurrency: 50 });
      bare.resetAcks();
      const floorSent = await sendVotes(bare.eventsUrl, fake, { value: "{}", ts: "1.1" }, { teamId: "T0FLOOR", prefix: "UFLOOR", count: 500, concurrency: 50 });
      const floor = summarise("floor: bare Bolt ack in its own process, 50 concurrent (server-side)", await bare.acks());
      results.push(floor);
      const floorClient = summarise("floor: bare Bolt, client round trip", floorSent.clientMs);
      await bare.close();

      let bot = track(await startBot({ slackApiUrl: fake.apiUrl, signingSecret: SIGNING_SECRET, dataDir: dir("pglite") }));
      const warm = await postPoll({ eventsUrl: bot.eventsUrl, fake }, "T0ACK", "Warm-up?");
      await sendVotes(bot.eventsUrl, fake, warm, { teamId: "T0ACK", prefix: "UWARM", count: WARM_UP, concurrency: 50 });
      bot.resetAcks();
      const ackSent = await sendVotes(bot.eventsUrl, fake, warm, { teamId: "T0ACK", prefix: "UACK", count: 500, concurrency: 50 });
      const acks = summarise("bot (npm start, PGlite): vote ack, 50 concurrent first-time voters (server-side)", await bot.acks());
      results.push(acks);
      const botClient = summarise("bot (npm start, PGlite): vote ack, client round trip", ackSent.clientMs);
      results.push(floorClient, botClient);
      scaleRow({
        row: "Ack p99 vs the bare-Bolt floor at 50 concurrent users (bot and floor each in their own process)",
        value: `${(acks.p99 / floor.p99).toFixed(1)}× (p99 ${acks.p99.toFixed(1)} ms); client round trip ${(botClient.p99 / floorClient.p99).toFixed(1)}× (p99 ${botClient.p99.toFixed(1)} ms)`,
        floor: `p99 ${floor.p99.toFixed(1)} ms; client round trip ${floorClient.p99.toFixed(1)} ms`,
        target: "≤ 2×",
      });
      await untilShown(fake, warm.ts, WARM_UP + 500, performance.now(), 60_000);

      // The floor for catching up: 2,000 plain single-row INSERTs, 50 concurrent, through the same
      // driver into a fresh PGlite data directory, in a process of its own (the bot holds its
      // directory's lock and idles meanwhile).
      const insertFloorMs = await plainInsertFloor({ dataDir: dir("floor") });
      const big = await twoThousand(bot, fake, "T0BIG");
      results.push(summarise("2,000 votes, 50 concurrent: client round trip", big.clientMs));
      scaleRow({
        row: "2,000 votes by distinct users on one poll (fake Slack answering at once), bot on PGlite in its own process: last ack → message shows every vote",
        value: `${seconds(big.shownMs)} = ${(big.shownMs / insertFloorMs).toFixed(1)}× the floor (votes sent in ${seconds(big.sentMs)}; first vote → all shown ${seconds(big.sentMs + big.shownMs)})`,
        floor: `2,000 plain INSERTs, 50 concurrent, same driver, fresh PGlite, own process: ${seconds(insertFloorMs)}`,
        target: "≤ 2 s",
      });
      await bot.close();

      // 1,000 votes in 10 s with Slack answering every call after 150 ms (fresh data and bot).
      bot = track(await startBot({ slackApiUrl: fake.apiUrl, signingSecret: SIGNING_SECRET, dataDir: dir("slow") }));
      const slow = await postPoll({ eventsUrl: bot.eventsUrl, fake }, "T0SLOW", "Slow Slack?");
      fake.latencyMs = 150;
      const updatesBefore = fake.callsTo("chat.update").filter((c) => c.args.ts === slow.ts).length;
      const sent = await sendVotes(bot.eventsUrl, fake, slow, { teamId: "T0SLOW", prefix: "USLOW", count: 1000, spreadMs: 10_000 });
      const slowShownMs = await untilShown(fake, slow.ts, 1000, sent.lastAckAt);
      await sleep(UPDATE_INTERVAL_MS * 2); // any trailing updates count too
      const updates = fake.callsTo("chat.update").filter((c) => c.args.ts === slow.ts).length - updatesBefore;
      fake.latencyMs = 0;
      results.push(summarise("1,000 votes in 10 s, Slack at 150 ms: client round trip", sent.clientMs));
      scaleRow({
        row: "1,000 votes in 10 s with Slack answering each call after 150 ms (bot in its own process): chat.update calls / time to the right tally",
        value: `${updates} / ${seconds(slowShownMs)} (votes sent in ${seconds(sent.lastAckAt - sent.firstAt)})`,
        target: "≤ 15 / ≤ 2 s",
      });
      await bot.close();

      // The 2,000-vote case on PostgreSQL, when one answers: bot and floor on the same server.
      const postgres = await scratchPostgres(1);
      if (postgres) {
        try {
          await postgres.prisma.$disconnect(); // the bench holds no connection while it measures
          const pgFloorMs = await plainInsertFloor({ databaseUrl: postgres.url });
          bot = track(await startBot({ slackApiUrl: fake.apiUrl, signingSecret: SIGNING_SECRET, dataDir: dir("pg"), databaseUrl: postgres.url }));
          const pgBig = await twoThousand(bot, fake, "T0PGBIG");
          scaleRow({
            row: "2,000 votes by distinct users on one poll (fake Slack answering at once), bot on PostgreSQL in its own process: last ack → message shows every vote",
            value: `${seconds(pgBig.shownMs)} = ${(pgBig.shownMs / pgFloorMs).toFixed(1)}× the floor (votes sent in ${seconds(pgBig.sentMs)}; first vote → all shown ${seconds(pgBig.sentMs + pgBig.shownMs)})`,
            floor: `2,000 plain INSERTs, 50 concurrent, same driver (pool 10), same server, own process: ${seconds(pgFloorMs)}`,
            target: "≤ 2 s",
          });
          await bot.close();
        } finally {
          await postgres.close();
        }
      }
    } finally {
      for (const child of children) await child.close();
      await fake.stop();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    }
    return results;
  },
};

export default benchmark;
