// Two bot instances on one PostgreSQL database behind a round-robin splitter take 2,000 votes on
// one poll (one fake Slack for both, answering at once). The tally must be exact, the message must
// converge to it, and the chat.update count must stay within what one instance would send: the
// coalescer has to work across instances, not per process.
import { startSlackBot } from "../test/integration/slack/support/slack-bot.js";
import { FakeSlack } from "../test/fakes/fake-slack.js";
import { scratchPostgres } from "./first-voters.bench.js";
import { scaleRow, sleep, summarise, type Benchmark, type CaseResult } from "./lib.js";
import { postPoll, sendVotes, shownVotes, untilShown } from "./slack-votes.bench.js";

const UPDATE_INTERVAL_MS = 1_500;
const VOTES = 2000;

const benchmark: Benchmark = {
  title: "Two instances on one PostgreSQL, 2,000 votes round-robin",
  async run(): Promise<CaseResult[]> {
    const database = await scratchPostgres(5);
    if (!database) return [];
    const fake = new FakeSlack();
    await fake.start();
    const a = await startSlackBot(database, { pollUpdateIntervalMs: UPDATE_INTERVAL_MS, sharedFake: fake });
    const b = await startSlackBot(database, { pollUpdateIntervalMs: UPDATE_INTERVAL_MS, sharedFake: fake });
    try {
      const poll = await postPoll(a, "T0TWO", "Two instances?");
      const updatesBefore = fake.callsTo("chat.update").length;
      const started = performance.now();
      const sent = await sendVotes(a.eventsUrl, fake, poll, {
        teamId: "T0TWO",
        prefix: "UTWO",
        count: VOTES,
        concurrency: 50,
        url: (i) => (i % 2 === 0 ? a.eventsUrl : b.eventsUrl),
      });
      const shownMs = await untilShown(fake, poll.ts, VOTES, sent.lastAckAt);
      await sleep(UPDATE_INTERVAL_MS * 2);
      const updates = fake.callsTo("chat.update").length - updatesBefore;
      const stored = await database.prisma.pollBallot.count({ where: { poll: { messageId: poll.ts } } });
      const elapsedS = (performance.now() - started) / 1000;
      // One coalescer for the whole poll allows one update per interval plus a trailing one.
      const bound = Math.ceil((elapsedS * 1000) / UPDATE_INTERVAL_MS) + 2;
      scaleRow({
        row: "Two instances on one PostgreSQL, 2,000 votes round-robin: ballots stored / message shows / chat.update calls (bound) / last ack → converged",
        value: `${stored} / ${shownVotes(fake, poll.ts)} / ${updates} (≤ ${bound}) / ${Number.isNaN(shownMs) ? "never" : `${(shownMs / 1000).toFixed(2)} s`}`,
        target: `exact (${VOTES}) / ${VOTES} / within bound / –`,
      });
      return [summarise("2,000 votes round-robin over two instances: client round trip", sent.clientMs)];
    } finally {
      await a.close();
      await b.close();
      await fake.stop();
      await database.close();
    }
  },
};

export default benchmark;
