// Slack: how fast the bot acknowledges commands and clicks (Slack gives up after 3 s), measured
// over real HTTP on the shared server with the real Bolt app and services on embedded PGlite,
// against the fake Web API. Baseline: GET /healthz on the same server.
// Cases: sequential /poll commands, sequential votes, and 200 votes within one second (server-side
// ack times, plus how long until every vote is processed and how many chat.update calls it took).
import { storageTargets } from "../test/support/databases.js";
import { blockAction, commandFields, sendCommand, sendInteraction } from "../test/fakes/slack-requests.js";
import { startSlackBot } from "../test/integration/slack/support/slack-bot.js";
import { measure, summarise, type Benchmark, type CaseResult } from "./lib.js";

const benchmark: Benchmark = {
  title: "Slack acknowledgements (HTTP, Bolt, PGlite)",
  async run(): Promise<CaseResult[]> {
    const target = storageTargets[0];
    if (!target) throw new Error("no database");
    const database = await target.open();
    const bot = await startSlackBot(database, { pollUpdateIntervalMs: 1000 });
    try {
      const results: CaseResult[] = [];
      results.push(await measure("GET /healthz (baseline)", async () => (await fetch(`${bot.baseUrl}/healthz`)).text(), { iterations: 200 }));
      const teamId = "TBENCH1";
      results.push(
        await measure("/poll command: ack (client-side)", async (i) => {
          const res = await sendCommand(bot.eventsUrl, commandFields("/poll", `"Bench ${i}?" "A" "B"`, bot.fake.responseUrl(`b${i}`), { teamId }));
          if (res.status !== 200) throw new Error(`status ${res.status}`);
        }, { iterations: 50, warmup: 3 }),
      );
      await new Promise((resolve) => setTimeout(resolve, 2000)); // let the posts finish
      const post = bot.fake.callsTo("chat.postMessage").at(-1);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const value = (post?.args.blocks as any[]).find((b) => b.accessory?.action_id === "poll.vote").accessory.value as string;
      results.push(
        await measure("vote click: ack (client-side)", async (i) => {
          const res = await sendInteraction(bot.eventsUrl, blockAction({ actionId: "poll.vote", value }, { ts: "1.1" }, bot.fake.responseUrl(`v${i}`), { teamId, userId: `U0SEQ${i}` }));
          if (res.status !== 200) throw new Error(`status ${res.status}`);
        }, { iterations: 100, warmup: 0 }),
      );
      await new Promise((resolve) => setTimeout(resolve, 5000));
      bot.platform.ackLatency.reset();
      bot.fake.reset();
      const started = performance.now();
      await Promise.all(
        Array.from({ length: 200 }, async (_, i) => {
          await new Promise((resolve) => setTimeout(resolve, i * 5));
          await sendInteraction(bot.eventsUrl, blockAction({ actionId: "poll.vote", value }, { ts: "1.1" }, bot.fake.responseUrl(`burst${i}`), { teamId, userId: `U0BURST${i}` }));
        }),
      );
      const server = bot.platform.ackLatency.summary();
      results.push(summarise("200 votes within 1 s: ack (server-side)", bot.platform.ackLatency.samples()));
      while (bot.fake.responses.filter((r) => r.id.startsWith("burst")).length < 200 && performance.now() - started < 120_000) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const processedMs = performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 2000));
      console.log(
        `\n200-vote burst: server-side ack p50 ${server.p50.toFixed(2)} ms, p99 ${server.p99.toFixed(2)} ms, max ${server.max.toFixed(2)} ms; ` +
          `all 200 processed (confirmed to the voter) after ${(processedMs / 1000).toFixed(1)} s; chat.update calls: ${bot.fake.callsTo("chat.update").length}`,
      );
      return results;
    } finally {
      await bot.close();
      await database.close();
    }
  },
};

export default benchmark;
