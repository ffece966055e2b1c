// Applies the committed migrations in prisma/migrations at start-up, on PGlite and PostgreSQL.
//
// We do this ourselves instead of spawning `prisma migrate deploy`: the CLI's WebAssembly engine
// takes seconds to load and lingers after finishing. The bookkeeping is Prisma's own
// `_prisma_migrations` table (same columns, same sha256 checksums), so `prisma migrate status`
// and `prisma migrate diff --from-migrations` keep working on a database migrated here.
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";

/** A migration folder that failed to apply, or a history that no longer matches the files. */
export class MigrationError extends Error {
  readonly code = "MIGRATION_FAILED";
}

/** One committed migration. */
export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

/**
 * The default migrations folder, next to the schema: the nearest prisma/migrations above this
 * module. That is two levels up from src/storage/ when run from source, from build/app-<stamp>/
 * (or its chunks/) when bundled by scripts/start.mjs, and build/prisma/migrations from
 * build/src/storage/ in the container image.
 */
export const defaultMigrationsDir = [1, 2, 3, 4]
  .map((levels) => path.resolve(import.meta.dirname, "../".repeat(levels), "prisma/migrations"))
  .find((dir) => existsSync(dir)) ?? path.resolve(import.meta.dirname, "../../prisma/migrations");

/** Reads the migration folders in name (= time) order. */
export function readMigrations(dir: string = defaultMigrationsDir): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const HISTORY_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Any constant works; it only has to be the same for every instance of the bot.
const MIGRATION_LOCK_KEY = 727_274_511;

const APPLIED = `SELECT migration_name, checksum FROM "_prisma_migrations"
  WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;

/**
 * True when every migration file is recorded as applied with its checksum: the usual start, which
 * then costs one query and no lock. Anything else (no history table yet, a migration missing, a
 * checksum that differs) is left to the locked path, which applies or reports it.
 */
async function isCurrent(client: pg.Client, migrations: readonly MigrationFile[]): Promise<boolean> {
  try {
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(APPLIED);
    const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
    return migrations.every((migration) => applied.get(migration.name) === migration.checksum);
  } catch (error) {
    if ((error as { code?: string }).code === "42P01") return false; // undefined_table: a new database
    throw error;
  }
}

/**
 * Applies every migration not yet recorded, each in its own transaction, under an advisory lock
 * so that several instances starting together migrate once. Returns the names applied.
 */
export async function applyMigrations(url: string, migrations = readMigrations()): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let locked = false;
  try {
    if (await isCurrent(client, migrations)) return [];
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    locked = true;
    await client.query(HISTORY_TABLE);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(APPLIED);
    const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
    const done: string[] = [];
    for (const migration of migrations) {
      const recorded = applied.get(migration.name);
      if (recorded !== undefined) {
        if (recorded !== migration.checksum) {
          throw new MigrationError(
            `Migration ${migration.name} was changed after it was applied (checksum differs). ` +
              `Add a new migration instead of editing an applied one.`,
          );
        }
        continue;
      }
      try {
        await client.query("BEGIN");
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
        done.push(migration.name);
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw new MigrationError(`Migration ${migration.name} failed: ${(error as Error).message}`);
      }
    }
    return done;
  } finally {
    if (locked) await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
