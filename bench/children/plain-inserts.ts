// The catch-up floor of bench/slack-votes.bench.ts, in a process of its own as the bot is: opens a
// database the way the bot does (openDatabase: PGlite in DATA_DIR, or PostgreSQL at DATABASE_URL,
// migrated) and times 2,000 plain single-row INSERTs, 50 concurrent, through the same driver
// (Prisma + adapter-pg). No vote can show before its row is stored. Prints {"ms":N}.
import { openDatabase } from "#storage/database.js";
import { inParallel } from "../lib.js";

const url = process.env.DATABASE_URL;
const database = await openDatabase(url ? { kind: "postgresql", url, poolSize: 10 } : { kind: "pglite", dataDir: process.env.DATA_DIR! });
try {
  await database.prisma.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS bench_plain (id text PRIMARY KEY, payload text NOT NULL)`);
  await inParallel(50, 10, (i) => database.prisma.$executeRaw`INSERT INTO bench_plain (id, payload) VALUES (${`warm-${i}`}, 'x')`);
  const started = performance.now();
  await inParallel(2000, 50, (i) => database.prisma.$executeRaw`INSERT INTO bench_plain (id, payload) VALUES (${`big-${i}`}, 'x')`);
  console.log(JSON.stringify({ ms: performance.now() - started }));
} finally {
  await database.close();
}
