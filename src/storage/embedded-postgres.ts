// The embedded database: PGlite (Postgres compiled to WebAssembly) served in-process over the
// Postgres wire protocol on a loopback port. The app and the Prisma CLI then talk to it with the
// same official adapter-pg as to a real server: one code path, one SQL dialect.
//
// PGlite itself accepts anyone who connects (no pg_hba, any password). So it listens only on a
// Unix socket (0600) inside a private directory (0700) of its own, and the loopback port is a
// password gate (password-gate.ts) with a random password per start.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { lockDataDir } from "./data-dir-lock.js";
import { startPasswordGate } from "./password-gate.js";

/** A running embedded database and the postgres:// URL that reaches it. */
export interface EmbeddedPostgres {
  /** Carries this start's password: never log it. */
  readonly url: string;
  /** The private Unix socket PGlite itself listens on (tests check its permissions). */
  readonly socketPath: string;
  close(): Promise<void>;
}

/**
 * Memory sized for a bot, not a data warehouse: an alliance's data is thousands of rows, so
 * Postgres' default 128 MB of shared buffers (all of it in the WebAssembly heap, hence resident
 * once touched) buys nothing. The heap starts at the module's declared minimum (128 MiB; PGlite
 * refuses less) and grows on demand if a query needs more.
 */
const BOT_SETTINGS = ["-c", "shared_buffers=16MB", "-c", "temp_buffers=2MB"];

/**
 * Opens PGlite on `dataDir` (or in memory for "memory://") and serves it behind a password on
 * 127.0.0.1 at a free port. Throws DataDirLockedError when another process has the directory.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const inMemory = dataDir.startsWith("memory://");
  const pgDir = inMemory ? dataDir : path.resolve(dataDir, "pglite");
  const release = inMemory ? () => {} : lockDataDir(path.resolve(dataDir));
  // mkdtemp creates the directory 0700: no other user can even reach the socket inside. Kept
  // short (in tmpdir, not DATA_DIR) because a Unix socket path is limited to ~107 bytes.
  const socketDir = mkdtempSync(path.join(tmpdir(), "atb-pg-"));
  const socketPath = path.join(socketDir, ".s.PGSQL.5432");
  const removeSocketDir = () => rmSync(socketDir, { recursive: true, force: true });
  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  try {
    db = await PGlite.create(pgDir, { startParams: [...PGlite.defaultStartParams, ...BOT_SETTINGS] });
    // Several pool connections are multiplexed onto the one backend query by query; the app
    // keeps its pool at one connection so that transactions never interleave.
    server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 4 });
    await server.start();
    chmodSync(socketPath, 0o600);
    const password = randomBytes(32).toString("base64url");
    const gate = await startPasswordGate({ host: "127.0.0.1", upstreamPath: socketPath, password });
    const url = `postgresql://postgres:${password}@${gate.address.host}:${gate.address.port}/postgres?sslmode=disable`;
    const [opened, served] = [db, server];
    return {
      url,
      socketPath,
      async close() {
        await gate.close();
        await served.stop();
        await opened.close();
        removeSocketDir();
        release();
      },
    };
  } catch (error) {
    await server?.stop().catch(() => {});
    await db?.close().catch(() => {});
    removeSocketDir();
    release();
    throw error;
  }
}
