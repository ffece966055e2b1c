// First-time voters: 50 concurrent people who have never used the bot vote on one poll. Each one
// is resolved (the member row is created, the first of a fresh alliance becoming its admin) and
// casts a ballot, through the real core services on PGlite and on PostgreSQL. The floor, in the
// same run and through the same driver (Prisma + adapter-pg), is a plain single-row INSERT.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { buildCoreServices } from "#src/compose-services.js";
import { systemClock } from "#core/shared/clock.js";
import { openDatabase, type Database } from "#storage/database.js";
import { inParallel, scaleRow, summarise, type Benchmark, type CaseResult } from "./lib.js";

const CONCURRENCY = 50;
export const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** A fresh PostgreSQL database for one bench (dropped by the returned close), or null when unreachable. */
export async function scratchPostgres(poolSize = 10): Promise<(Database & { url: string }) | null> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    console.log(`(PostgreSQL not reachable at ${adminUrl}: PostgreSQL cases skipped)`);
    return null;
  }
  const name = `atb_bench_${randomUUID().slice(0, 8)}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: "postgresql", url: url.toString(), poolSize });
  return {
    ...db,
    url: url.toString(),
    async close() {
      await db.close();
      const drop = new pg.Client({ connectionString: adminUrl });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await drop.end();
    },
  };
}

/** Times `count` jobs at CONCURRENCY; returns per-job latencies and jobs per second. */
async function throughput(label: string, count: number, job: (i: number) => Promise<unknown>): Promise<{ result: CaseResult; perSecond: number }> {
  const times: number[] = [];
  const started = performance.now();
  await inParallel(count, CONCURRENCY, async (i) => {
    const t = performance.now();
    await job(i);
    times.push(performance.now() - t);
  });
  const perSecond = count / ((performance.now() - started) / 1000);
  return { result: summarise(`${label}: ${perSecond.toFixed(0)}/s`, times), perSecond };
}

async function firstVoters(db: Database, label: string, count: number): Promise<{ results: CaseResult[]; perSecond: number; floor: number }> {
  await db.prisma.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS bench_plain (id text PRIMARY KEY, payload text NOT NULL)`);
  const floor = await throughput(`baseline: plain INSERT via Prisma, ${CONCURRENCY} concurrent (${label})`, count, () =>
    db.prisma.$executeRaw`INSERT INTO bench_plain (id, payload) VALUES (${randomUUID()}, 'x')`,
  );
  const services = buildCoreServices({ prisma: db.prisma, clock: systemClock, secret: "bench-secret-0123456789abcdef0123456789" });
  const team = `TFV${randomUUID().slice(0, 6)}`;
  const creator = await services.members.resolveMember({ platform: "slack", workspaceExternalId: team, userExternalId: "UCREATOR", displayName: "Creator" });
  const poll = await services.polls.createPoll(creator, { question: "First voters?", options: ["A", "B"] });
  const option = poll.options[0]!.id;
  const voters = await throughput(`first-time voter: resolve (create member) + vote, ${CONCURRENCY} concurrent (${label})`, count, async (i) => {
    const voter = await services.members.resolveMember({ platform: "slack", workspaceExternalId: team, userExternalId: `UFIRST${i}`, displayName: `Voter ${i}` });
    await services.polls.castVote(voter, poll.id, [option]);
  });
  const ballots = await db.prisma.pollBallot.count({ where: { pollId: poll.id } });
  if (ballots !== count) throw new Error(`expected ${count} ballots, found ${ballots}`);
  return { results: [floor.result, voters.result], perSecond: voters.perSecond, floor: floor.perSecond };
}

const benchmark: Benchmark = {
  title: "First-time voters per second (core services, 50 concurrent)",
  async run() {
    const results: CaseResult[] = [];
    const figures: string[] = [];
    const floors: string[] = [];
    const postgres = await scratchPostgres();
    if (postgres) {
      try {
        const run = await firstVoters(postgres, "PostgreSQL", 1000);
        results.push(...run.results);
        figures.push(`${run.perSecond.toFixed(0)}/s PostgreSQL`);
        floors.push(`${run.floor.toFixed(0)}/s PostgreSQL`);
      } finally {
        await postgres.close();
      }
    }
    const pglite = await openDatabase({ kind: "pglite", dataDir: "memory://" });
    try {
      const run = await firstVoters(pglite, "PGlite", 500);
      results.push(...run.results);
      figures.push(`${run.perSecond.toFixed(0)}/s PGlite`);
      floors.push(`${run.floor.toFixed(0)}/s PGlite`);
    } finally {
      await pglite.close();
    }
    scaleRow({
      row: "First-time voters recorded per second, 50 concurrent, PostgreSQL / PGlite",
      value: figures.join(", "),
      floor: `plain INSERTs ${floors.join(", ")}`,
      target: "≥ 1,000 / ≥ 300",
    });
    return results;
  },
};

export default benchmark;
