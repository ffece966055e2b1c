// Storage foundation on every target: migrations apply once and are recorded the way Prisma
// records them, constraint violations surface as Prisma's codes, and PGlite keeps its data.
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "#storage/database.js";
import { applyMigrations, readMigrations } from "#storage/migrate.js";
import { DataDirLockedError } from "#storage/data-dir-lock.js";
import { startEmbeddedPostgres } from "#storage/embedded-postgres.js";
import { storageTargets } from "../../support/databases.js";

describe.each(storageTargets)("database on $name", (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("applies every committed migration on first open", () => {
    expect(db.appliedMigrations).toEqual(readMigrations().map((m) => m.name));
  });

  it("answers the readiness ping", async () => {
    await expect(db.ping()).resolves.toBeUndefined();
  });

  it("records migrations in Prisma's _prisma_migrations table with their checksums", async () => {
    const rows = await db.prisma.$queryRaw<Array<{ migration_name: string; checksum: string }>>`
      SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`;
    expect(rows).toEqual(readMigrations().map((m) => ({ migration_name: m.name, checksum: m.checksum })));
  });

  it("maps a unique violation to Prisma's P2002", async () => {
    const alliance = await db.prisma.alliance.create({ data: { name: "Unique test" } });
    await db.prisma.organization.create({ data: { allianceId: alliance.id, name: "Acme" } });
    await expect(db.prisma.organization.create({ data: { allianceId: alliance.id, name: "Acme" } })).rejects.toMatchObject({ code: "P2002" });
  });
});

describe("embedded PGlite data directory", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "atb-pglite-"));

  it("keeps data across restarts and migrates only once", async () => {
    const first = await openDatabase({ kind: "pglite", dataDir: dir });
    await first.prisma.alliance.create({ data: { name: "Persisted" } });
    await first.close();
    const second = await openDatabase({ kind: "pglite", dataDir: dir });
    try {
      expect(second.appliedMigrations).toEqual([]);
      expect(await second.prisma.alliance.count({ where: { name: "Persisted" } })).toBe(1);
    } finally {
      await second.close();
    }
  });

  it("refuses a second open of the same directory while the first is open", async () => {
    const first = await openDatabase({ kind: "pglite", dataDir: dir });
    try {
      await expect(openDatabase({ kind: "pglite", dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
    } finally {
      await first.close();
    }
  });

  it("refuses a migration that was edited after it was applied", async () => {
    const served = await startEmbeddedPostgres(dir);
    try {
      const tampered = readMigrations().map((m) => ({ ...m, checksum: "0".repeat(64) }));
      await expect(applyMigrations(served.url, tampered)).rejects.toThrow(/was changed after it was applied/);
    } finally {
      await served.close();
    }
  });
});

// Two instances share one PostgreSQL; the advisory lock makes them migrate one at a time. A start
// on a current schema needs no lock (one query), so it is not held up by another instance's start.
describe.skipIf(!process.env.TEST_DATABASE_URL)("migrations on a shared PostgreSQL", () => {
  const adminUrl = process.env.TEST_DATABASE_URL as string;
  const name = `atb_test_mig_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  const admin = async (sql: string, target = adminUrl) => {
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  /** Another instance holding the migration lock until `release` is called. */
  const holdLock = async () => {
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    await other.query("SELECT pg_advisory_lock(727274511)");
    return { release: () => other.end() };
  };
  beforeAll(async () => {
    await admin(`CREATE DATABASE "${name}"`);
    await applyMigrations(url);
  });
  afterAll(async () => {
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  it("checks a current schema without waiting for the migration lock", async () => {
    const lock = await holdLock();
    try {
      await expect(applyMigrations(url)).resolves.toEqual([]);
    } finally {
      await lock.release();
    }
  });

  it("waits for the lock when a migration is missing, then applies it once", async () => {
    const last = readMigrations().at(-1)!;
    // Roll the last migration back by hand so that it is pending again.
    await admin(`DELETE FROM "_prisma_migrations" WHERE migration_name = '${last.name}'`, url);
    const lock = await holdLock();
    let settled = false;
    const applying = applyMigrations(url, readMigrations().map((m) => (m.name === last.name ? { ...m, sql: "SELECT 1" } : m))).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);
    await lock.release();
    await expect(applying).resolves.toEqual([last.name]);
    await expect(applyMigrations(url)).resolves.toEqual([]);
  });
});
