// The embedded database: PGlite (Postgres compiled to WebAssembly) served in-process over the
// Postgres wire protocol on a loopback port. The app and the Prisma CLI then talk to it with the
// same official adapter-pg as to a real server: one code path, one SQL dialect.
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { lockDataDir } from "./data-dir-lock.js";

/** A running embedded database and the postgres:// URL that reaches it. */
export interface EmbeddedPostgres {
  readonly url: string;
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
 * Opens PGlite on `dataDir` (or in memory for "memory://") and serves it on 127.0.0.1 at a free
 * port. Throws DataDirLockedError when another process has the directory.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const inMemory = dataDir.startsWith("memory://");
  const pgDir = inMemory ? dataDir : path.resolve(dataDir, "pglite");
  const release = inMemory ? () => {} : lockDataDir(path.resolve(dataDir));
  let db: PGlite | undefined;
  try {
    db = await PGlite.create(pgDir, { startParams: [...PGlite.defaultStartParams, ...BOT_SETTINGS] });
    // Several pool connections are multiplexed onto the one backend query by query; the app
    // keeps its pool at one connection so that transactions never interleave.
    const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 4 });
    await server.start();
    const url = `postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable`;
    const opened = db;
    return {
      url,
      async close() {
        await server.stop();
        await opened.close();
        release();
      },
    };
  } catch (error) {
    await db?.close().catch(() => {});
    release();
    throw error;
  }
}
