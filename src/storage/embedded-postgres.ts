// The embedded database: PGlite (Postgres compiled to WebAssembly) served over the Postgres wire
// protocol on a loopback port, from a worker thread of its own (pglite-worker.ts). The app and the
// Prisma CLI then talk to it with the same official adapter-pg as to a real server: one code path,
// one SQL dialect; and the database's CPU work runs beside the thread that acks, not on it.
//
// PGlite itself accepts anyone who connects (no pg_hba, any password). So it listens only on a
// Unix socket (0600) inside a private directory (0700) of its own, and the loopback port is a
// password gate (password-gate.ts) with a random password per start.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { lockDataDir } from "./data-dir-lock.js";
import type { PgliteWorkerData, PgliteWorkerMessage, PgliteWorkerRequest } from "./pglite-worker.js";

/** A running embedded database and the postgres:// URL that reaches it. */
export interface EmbeddedPostgres {
  /** Carries this start's password: never log it. */
  readonly url: string;
  /** The private Unix socket PGlite itself listens on (tests check its permissions). */
  readonly socketPath: string;
  close(): Promise<void>;
}

/** Raised when the database thread cannot open the data directory or serve it. */
export class EmbeddedDatabaseStartError extends Error {
  readonly code = "EMBEDDED_DATABASE_START_FAILED";
}

/**
 * Memory sized for a bot, not a data warehouse: an alliance's data is thousands of rows, so
 * Postgres' default 128 MB of shared buffers (all of it in the WebAssembly heap, hence resident
 * once touched) buys nothing. The heap starts at the module's declared minimum (128 MiB; PGlite
 * refuses less) and grows on demand if a query needs more.
 */
const BOT_SETTINGS = ["-c", "shared_buffers=16MB", "-c", "temp_buffers=2MB"];

/** PGlite closes with a checkpoint; a thread that has not finished by then is ended. */
const CLOSE_TIMEOUT_MS = 15_000;

/**
 * Where the worker's code is. From source (tsx, vitest) it is the sibling .ts file, loaded through
 * tsx so its own imports resolve; in the npm start build it is the bundle's `pglite-worker.js`
 * entry, beside this chunk or one directory up (chunks/ sit under the build's root).
 */
function workerEntry(): { file: string; execArgv?: string[] } {
  const here = fileURLToPath(import.meta.url);
  const dir = path.dirname(here);
  if (path.extname(here) === ".ts") {
    const viaTsx = process.execArgv.some((arg) => arg.includes("tsx"));
    const tsx = pathToFileURL(path.resolve(dir, "../../node_modules/tsx/dist/loader.mjs")).href;
    return { file: path.join(dir, "pglite-worker.ts"), ...(viaTsx ? {} : { execArgv: [...process.execArgv, "--import", tsx] }) };
  }
  const beside = path.join(dir, "pglite-worker.js");
  return { file: existsSync(beside) ? beside : path.join(dir, "..", "pglite-worker.js") };
}

/**
 * Opens PGlite on `dataDir` (or in memory for "memory://") on its own thread and serves it behind
 * a password on 127.0.0.1 at a free port. Throws DataDirLockedError when another process has the
 * directory.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const inMemory = dataDir.startsWith("memory://");
  const pgDir = inMemory ? dataDir : path.resolve(dataDir, "pglite");
  const release = inMemory ? () => {} : lockDataDir(path.resolve(dataDir));
  const entry = workerEntry();
  const data: PgliteWorkerData = { pgDir, settings: BOT_SETTINGS };
  let worker: Worker | undefined;
  let ready: Extract<PgliteWorkerMessage, { type: "ready" }>;
  try {
    const starting = new Worker(entry.file, { workerData: data, ...(entry.execArgv ? { execArgv: entry.execArgv } : {}) });
    worker = starting;
    ready = await new Promise((resolve, reject) => {
      starting.once("error", reject);
      starting.once("exit", (code) => reject(new EmbeddedDatabaseStartError(`The embedded database thread stopped while starting (exit ${code}).`)));
      starting.on("message", (message: PgliteWorkerMessage) => {
        if (message.type === "ready") resolve(message);
        if (message.type === "failed") reject(new EmbeddedDatabaseStartError(`The embedded database did not start: ${message.message}`));
      });
    });
  } catch (error) {
    await worker?.terminate().catch(() => {});
    release();
    throw error;
  }
  const running = worker;
  running.removeAllListeners();
  // A crash of the database thread surfaces as failing queries (and /readyz); it must not also
  // take the process down as an unhandled 'error' event.
  running.on("error", () => {});
  const exited = new Promise<void>((resolve) => running.once("exit", () => resolve()));
  let closing: Promise<void> | undefined;
  return {
    url: ready.url,
    socketPath: ready.socketPath,
    close() {
      closing ??= (async () => {
        const request: PgliteWorkerRequest = { type: "close" };
        running.postMessage(request);
        // The thread ends by itself once PGlite has closed; terminate() is the last resort for
        // one that hangs (the data directory then recovers from its WAL at the next open).
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), CLOSE_TIMEOUT_MS);
        });
        const hung = await Promise.race([exited.then(() => false), timedOut]);
        clearTimeout(timer);
        if (hung) await running.terminate().catch(() => {});
        release();
      })();
      return closing;
    },
  };
}
