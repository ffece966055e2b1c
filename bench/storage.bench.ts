// Storage: opening the database until it answers, and a typical write (a poll ballot upsert),
// on embedded PGlite and on PostgreSQL (when BENCH_DATABASE_URL or TEST_DATABASE_URL is set).
// Baseline: a raw node-postgres round trip (SELECT 1) to the same PostgreSQL, or to PGlite.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "#storage/database.js";
import { measure, summarise, type Benchmark, type CaseResult } from "./lib.js";

const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function pgReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function ballotUpserts(db: Database, label: string, n: number): Promise<CaseResult> {
  const alliance = await db.prisma.alliance.create({ data: { name: `bench ${label}` } });
  const poll = await db.prisma.poll.create({
    data: { allianceId: alliance.id, question: "Q?", options: { create: [{ position: 0, label: "A" }, { position: 1, label: "B" }] } },
    include: { options: true },
  });
  const optionId = poll.options[0]!.id;
  const castOn = new Date("2026-11-27T00:00:00Z");
  return measure(`ballot upsert (${label})`, (i) =>
    db.prisma.pollBallot.upsert({
      where: { pollId_voterKey: { pollId: poll.id, voterKey: `voter-${i}` } },
      create: { pollId: poll.id, voterKey: `voter-${i}`, optionIds: [optionId], castOn },
      update: { optionIds: [optionId] },
    }), { iterations: n });
}

async function timeOpen(label: string, open: () => Promise<Database>, runs: number): Promise<{ result: CaseResult; db: Database }> {
  const times: number[] = [];
  let db: Database | undefined;
  for (let i = 0; i < runs; i++) {
    if (db) await db.close();
    const start = performance.now();
    db = await open();
    await db.ping();
    times.push(performance.now() - start);
  }
  return { result: summarise(`open + migrate + ping (${label})`, times), db: db as Database };
}

const benchmark: Benchmark = {
  title: "Storage: start-up to ready, and ballot writes",
  async run() {
    const results: CaseResult[] = [];
    const hasPg = await pgReachable();
    if (hasPg) {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      results.push(await measure("baseline: raw pg SELECT 1 (PostgreSQL)", () => client.query("SELECT 1"), { iterations: 300 }));
      await client.end();
    } else {
      console.log(`(PostgreSQL not reachable at ${adminUrl}: PostgreSQL cases skipped)`);
    }
    const pglite = await timeOpen("PGlite, in memory", () => openDatabase({ kind: "pglite", dataDir: "memory://" }), 2);
    if (!hasPg) results.push(await measure("baseline: SELECT 1 via Prisma (PGlite)", () => pglite.db.ping(), { iterations: 300 }));
    results.push(pglite.result);
    results.push(await ballotUpserts(pglite.db, "PGlite", 300));
    await pglite.db.close();
    if (hasPg) {
      const name = `atb_bench_${randomUUID().slice(0, 8)}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const postgres = await timeOpen("PostgreSQL", () => openDatabase({ kind: "postgresql", url: url.toString(), poolSize: 5 }), 2);
      results.push(postgres.result);
      results.push(await ballotUpserts(postgres.db, "PostgreSQL", 300));
      await postgres.db.close();
      await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
      await admin.end();
    }
    return results;
  },
};
export default benchmark;
