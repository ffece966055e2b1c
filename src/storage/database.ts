// Opens the bot's database: a real PostgreSQL server when a URL is given, otherwise embedded
// PGlite in a data directory. Migrations are applied before anything else touches it.
import pg from "pg";
import type { EmbeddedPostgres } from "./embedded-postgres.js";
import { applyMigrations } from "./migrate.js";
import { createPrismaClient, type PrismaClient } from "./prisma-client.js";
import { raiseWasmTieringBudget } from "./wasm-tiering.js";

/** Where the data lives. */
export type DatabaseOptions =
  | { kind: "postgresql"; url: string; poolSize: number }
  | { kind: "pglite"; dataDir: string };

/** An open, migrated database. */
export interface Database {
  readonly kind: DatabaseOptions["kind"];
  readonly prisma: PrismaClient;
  /** Migrations applied by this open (empty when the schema was current). */
  readonly appliedMigrations: readonly string[];
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Raised when PostgreSQL cannot be reached at start-up. */
export class DatabaseUnreachableError extends Error {
  readonly code = "DATABASE_UNREACHABLE";
}

async function checkReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const where = new URL(url);
    throw new DatabaseUnreachableError(
      `Cannot reach PostgreSQL at ${where.hostname}:${where.port || 5432}/${where.pathname.slice(1)}: ` +
        `${(error as Error).message}. Check DATABASE_URL, or unset it to use the embedded database.`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

/** Opens (and migrates) the database described by `options`. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  raiseWasmTieringBudget();
  let embedded: EmbeddedPostgres | undefined;
  let url: string;
  let poolSize: number;
  if (options.kind === "postgresql") {
    await checkReachable(options.url);
    url = options.url;
    poolSize = options.poolSize;
  } else {
    // Imported only here: a bot on PostgreSQL never loads PGlite (its JavaScript and WebAssembly).
    const { startEmbeddedPostgres } = await import("./embedded-postgres.js");
    embedded = await startEmbeddedPostgres(options.dataDir);
    url = embedded.url;
    poolSize = 1; // PGlite is one backend: one connection keeps transactions from interleaving
  }
  try {
    const appliedMigrations = await applyMigrations(url);
    const prisma = createPrismaClient(url, poolSize);
    let closed = false;
    return {
      kind: options.kind,
      prisma,
      appliedMigrations,
      async ping() {
        await prisma.$queryRaw`SELECT 1`;
      },
      async close() {
        if (closed) return;
        closed = true;
        await prisma.$disconnect();
        await embedded?.close();
      },
    };
  } catch (error) {
    await embedded?.close();
    throw error;
  }
}
