// The embedded database: PGlite (Postgres compiled to WebAssembly) served over the Postgres wire
// protocol on a loopback port, from its own worker thread (pglite-worker.ts). The app and the
// Prisma CLI then talk to it with the same official adapter-pg as to a real server: one code path,
// one SQL dialect; and the database's CPU work no longer runs on the thread that acks requests.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { lockDataDir } from "./data-dir-lock.js";
import type { PgliteWorkerData, PgliteWorkerMessage } from "./pglite-worker.js";

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
const BOT_SETTINGS: Record<string, string> = { shared_buffers: "16MB", temp_buffers: "2MB" };

// The worker is a sibling file: .ts when run from source (Node strips its types), .js when built.
const here = fileURLToPath(import.meta.url);
const workerFile = path.join(path.dirname(here), `pglite-worker${path.extname(here)}`);

/**
 * Opens PGlite on `dataDir` (or in memory for "memory://") and serves it on 127.0.0.1 at a free
 * port. Throws DataDirLockedError when another process has the directory.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const inMemory = dataDir.startsWith("memory://");
  const pgDir = inMemory ? dataDir : path.resolve(dataDir, "pglite");
  const release = inMemory ? () => {} : lockDataDir(path.resolve(dataDir));
  const data: PgliteWorkerData = { dataDir: pgDir, settings: BOT_SETTINGS };
  const worker = new Worker(workerFile, { workerData: data });
  let conn: string;
  try {
    conn = await new Promise<string>((resolve, reject) => {
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`the embedded database stopped while starting (exit ${code})`)));
      worker.on("message", (message: PgliteWorkerMessage) => {
        if (message.type === "ready") resolve(message.conn);
        if (message.type === "error") reject(new Error(`the embedded database did not start: ${message.message}`));
      });
    });
  } catch (error) {
    await worker.terminate().catch(() => {});
    release();
    throw error;
  }
  worker.removeAllListeners();
  // A crash of the database thread surfaces as failing queries (and /readyz); it must not also
  // take the process down as an unhandled 'error' event.
  worker.on("error", () => {});
  let closing: Promise<void> | undefined;
  return {
    url: `postgresql://postgres@${conn}/postgres?sslmode=disable`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        // PGlite closes cleanly (a checkpoint of the data directory) before the thread ends.
        const done = () => {
          release();
          resolve();
        };
        worker.once("exit", done);
        worker.on("message", (message: PgliteWorkerMessage) => {
          if (message.type === "closed") void worker.terminate();
        });
        worker.postMessage({ type: "close" });
      });
      return closing;
    },
  };
}
