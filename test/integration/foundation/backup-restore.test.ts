// Backups: a dump of a database with a whole sample alliance in it (the demo story, plus a Slack
// installation and an outbox message), restored into an empty database, holds every table's rows
// and schema exactly — on PGlite and on PostgreSQL, through the functions and through
// `npm run db:backup` / `db:restore`, and the PGlite dump read by psql into PostgreSQL.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import type { Config } from "#src/config.js";
import { buildCoreServices } from "#src/compose-services.js";
import { FixedClock } from "#core/shared/clock.js";
import { demoCalendar } from "#demo/demo-timeline.js";
import { currentMonday } from "#demo/run-demo.js";
import { seedDemo } from "#demo/seed-demo.js";
import { connectConfiguredDatabase } from "#storage/backup/connect-configured-database.js";
import { dumpSql } from "#storage/backup/sql-dump.js";
import { RestoreTargetNotEmptyError, restoreSql } from "#storage/backup/sql-restore.js";
import { openDatabase } from "#storage/database.js";
import { PrismaInstallationRepository } from "#storage/prisma/prisma-installation-repository.js";
import { TokenCipher } from "#storage/token-cipher.js";
import { snapshotDatabase } from "../../support/database-snapshot.js";
import { childEnv, projectRoot } from "../../support/run-main.js";

const adminUrl = process.env.TEST_DATABASE_URL;
const scratch = mkdtempSync(path.join(tmpdir(), "atb-backup-"));
const dropLater: string[] = [];

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

/** A new, empty database of the given kind (not migrated). */
async function freshDatabase(kind: "pglite" | "postgresql"): Promise<Config["database"]> {
  if (kind === "pglite") return { kind, dataDir: mkdtempSync(path.join(scratch, "pglite-")) };
  const name = `atb_backup_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  await admin(`CREATE DATABASE "${name}"`);
  dropLater.push(name);
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  return { kind, url: url.toString(), poolSize: 2 };
}

afterAll(async () => {
  for (const name of dropLater) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});

const seeded = new Map<string, Promise<Config["database"]>>();
/** A closed database of `kind` with the sample alliance in it, made once per kind and shared. */
function seededSource(kind: "pglite" | "postgresql"): Promise<Config["database"]> {
  if (!seeded.has(kind)) seeded.set(kind, freshDatabase(kind).then(async (database) => (await seed(database), database)));
  return seeded.get(kind)!;
}

/** Migrates and fills `database` with the demo alliance plus rows the demo does not write. */
async function seed(database: Config["database"]): Promise<void> {
  const db = await openDatabase(database);
  try {
    const calendar = demoCalendar(currentMonday(new Date("2026-11-30T12:00:00Z")));
    const clock = new FixedClock(calendar.at(1, 0, 8));
    const services = buildCoreServices({ prisma: db.prisma, clock, secret: "backup-test-secret-0123456789" });
    await seedDemo(services, clock, calendar, { firstPulseWeek: 12 });
    const installations = new PrismaInstallationRepository(db.prisma, TokenCipher.fromSecrets("backup-test-secret-0123456789"));
    await installations.save({ team: { id: "T0BACKUP", name: "Back 'n' forth \\ \"quoted\"\nline two ✓" }, enterprise: undefined, isEnterpriseInstall: false, user: { id: "U1", token: undefined, scopes: undefined }, bot: { id: "B1", userId: "UB1", token: "xoxb-backup", scopes: ["chat:write", "commands"] } } as never);
    await db.prisma.outboxMessage.create({
      data: { platform: "slack", workspaceId: "T0BACKUP", conversationId: "C1", operation: "post", payload: { text: "tab\there, 'quotes' \\ emoji 🤝", n: 1.1 }, dedupeKey: "backup-test", nextAttemptAt: clock.now(), lastError: null },
    });
  } finally {
    await db.close();
  }
}

async function dumpOf(database: Config["database"]): Promise<{ sql: string; snapshot: Awaited<ReturnType<typeof snapshotDatabase>> }> {
  const db = await connectConfiguredDatabase(database);
  try {
    let sql = "";
    await dumpSql(db.client, (chunk) => void (sql += chunk), ["test dump"]);
    return { sql, snapshot: await snapshotDatabase(db.client) };
  } finally {
    await db.close();
  }
}

async function snapshotOf(database: Config["database"]) {
  const db = await connectConfiguredDatabase(database);
  try {
    return await snapshotDatabase(db.client);
  } finally {
    await db.close();
  }
}

const kinds = adminUrl ? (["pglite", "postgresql"] as const) : (["pglite"] as const);

describe.each(kinds)("backup and restore on %s", { timeout: 300_000 }, (kind) => {
  it("restores every table, rows and schema, into an empty database; the restored database needs no migration", async () => {
    const source = await seededSource(kind);
    const { sql, snapshot } = await dumpOf(source);
    expect(snapshot.tables.length).toBeGreaterThanOrEqual(19); // every model plus _prisma_migrations
    expect(snapshot.tables).toContain("_prisma_migrations");
    const filled = snapshot.tables.filter((t) => snapshot.rows[t]!.length > 0);
    expect(filled.length).toBeGreaterThanOrEqual(12);

    const target = await freshDatabase(kind);
    const db = await connectConfiguredDatabase(target);
    try {
      await restoreSql(db.client, sql, { replace: false });
      expect(await snapshotDatabase(db.client)).toEqual(snapshot);
      // A second restore into the now full database is refused, and leaves it as it was.
      await expect(restoreSql(db.client, sql, { replace: false })).rejects.toBeInstanceOf(RestoreTargetNotEmptyError);
      await restoreSql(db.client, sql, { replace: true });
      expect(await snapshotDatabase(db.client)).toEqual(snapshot);
    } finally {
      await db.close();
    }
    const reopened = await openDatabase(target);
    try {
      expect(reopened.appliedMigrations).toEqual([]);
      const installations = new PrismaInstallationRepository(reopened.prisma, TokenCipher.fromSecrets("backup-test-secret-0123456789"));
      const restored = await installations.fetch({ teamId: "T0BACKUP", isEnterpriseInstall: false } as never);
      expect(restored?.bot?.token).toBe("xoxb-backup");
    } finally {
      await reopened.close();
    }
  });
});

describe("backup commands", { timeout: 300_000 }, () => {
  it("npm run db:backup and db:restore round-trip an embedded database", async () => {
    const source = await seededSource("pglite");
    const target = await freshDatabase("pglite");
    const file = path.join(scratch, "cli-backup.sql");
    const run = (args: string[], dataDir: string) =>
      execFileSync(process.execPath, [path.join(projectRoot, "node_modules/tsx/dist/cli.mjs"), path.join(projectRoot, "src/storage/backup/backup-cli.ts"), ...args], {
        cwd: scratch,
        env: childEnv({ DATA_DIR: dataDir, NODE_ENV: "production", APP_SECRET: "c".repeat(32) }),
        encoding: "utf8",
      });
    expect(run(["backup", file], (source as { dataDir: string }).dataDir)).toMatch(/Backed up \d+ tables, \d+ rows from embedded PGlite/);
    expect(readFileSync(file, "utf8")).toMatch(/^-- Alliance Trust Bot backup/);
    expect(run(["restore", file], (target as { dataDir: string }).dataDir)).toContain("Restored");
    expect(await snapshotOf(target)).toEqual(await snapshotOf(source));
  });

  it.skipIf(!adminUrl)("psql reads a PGlite dump into PostgreSQL (moving from the embedded database to a server)", async () => {
    const source = await seededSource("pglite");
    const { sql, snapshot } = await dumpOf(source);
    const file = path.join(scratch, "for-psql.sql");
    writeFileSync(file, sql);
    const target = await freshDatabase("postgresql");
    execFileSync("psql", ["-v", "ON_ERROR_STOP=1", "-q", "-X", "-d", (target as { url: string }).url, "-f", file], { encoding: "utf8" });
    const restored = await snapshotOf(target);
    expect(restored.tables).toEqual(snapshot.tables);
    expect(restored.rows).toEqual(snapshot.rows);
  });
});
