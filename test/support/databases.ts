// Databases for contract and integration tests: embedded PGlite always, and a real PostgreSQL
// server whenever TEST_DATABASE_URL is set (CI sets it). Each open gets a fresh, migrated
// database, so suites never see each other's rows.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "#storage/database.js";

/** A database a suite can run against. */
export interface StorageTarget {
  readonly name: "pglite" | "postgresql";
  open(): Promise<Database>;
}

const adminUrl = process.env.TEST_DATABASE_URL;
if (!adminUrl && !process.env.__ATB_SKIP_NOTICE) {
  process.env.__ATB_SKIP_NOTICE = "1";
  console.warn("[tests] TEST_DATABASE_URL is not set: PostgreSQL runs are skipped, PGlite runs only.");
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const pglite: StorageTarget = {
  name: "pglite",
  open: () => openDatabase({ kind: "pglite", dataDir: "memory://" }),
};

const postgresql: StorageTarget = {
  name: "postgresql",
  async open() {
    const name = `atb_test_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
    await admin(`CREATE DATABASE "${name}"`);
    const url = new URL(adminUrl as string);
    url.pathname = `/${name}`;
    const db = await openDatabase({ kind: "postgresql", url: url.toString(), poolSize: 5 });
    return {
      ...db,
      kind: db.kind,
      prisma: db.prisma,
      appliedMigrations: db.appliedMigrations,
      ping: () => db.ping(),
      async close() {
        await db.close();
        await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      },
    };
  },
};

/** The databases available here: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const storageTargets: readonly StorageTarget[] = adminUrl ? [pglite, postgresql] : [pglite];

/**
 * Two independent connections (each its own pool, as two bot instances have) to one fresh,
 * migrated PostgreSQL database; null without TEST_DATABASE_URL. `close` closes both and drops it.
 */
export async function openSharedPostgres(): Promise<{ first: Database; second: Database; close(): Promise<void> } | null> {
  if (!adminUrl) return null;
  const name = `atb_test_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const first = await openDatabase({ kind: "postgresql", url: url.toString(), poolSize: 5 });
  const second = await openDatabase({ kind: "postgresql", url: url.toString(), poolSize: 5 });
  return {
    first,
    second,
    async close() {
      await Promise.all([first.close(), second.close()]);
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
