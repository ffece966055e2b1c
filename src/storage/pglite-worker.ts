// The embedded database's own thread: PGlite (Postgres compiled to WebAssembly), the socket that
// serves it over the Postgres wire protocol and the password gate in front of that socket all run
// here, so the SQL work of a vote burst (and the bytes of every query) run beside the thread that
// acknowledges Slack and Teams instead of on it. Started and stopped by embedded-postgres.ts,
// which keeps the data-directory lock (a per-process thing) on the main thread.
//
// Loaded with `new Worker`: compiled JavaScript in a build (its own entry of the bundle), from
// source through tsx's loader (tests, benches, the CLIs).
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { startPasswordGate, type PasswordGate } from "./password-gate.js";

/** What embedded-postgres.ts passes in. */
export interface PgliteWorkerData {
  /** A directory, or "memory://…". */
  readonly pgDir: string;
  /** Extra Postgres start parameters (memory sized for a bot). */
  readonly settings: readonly string[];
}

/** What the main thread asks. */
export type PgliteWorkerRequest = { readonly type: "close" };

/** What the worker answers. */
export type PgliteWorkerMessage =
  | { readonly type: "ready"; readonly url: string; readonly socketPath: string }
  | { readonly type: "failed"; readonly message: string; readonly code?: string }
  | { readonly type: "closed" };

const port = parentPort;
if (!port) throw new Error("pglite-worker runs as a worker thread only");
const input = workerData as PgliteWorkerData;
const post = (message: PgliteWorkerMessage) => port.postMessage(message);

// mkdtemp creates the directory 0700: no other user can even reach the socket inside. Kept short
// (in tmpdir, not DATA_DIR) because a Unix socket path is limited to ~107 bytes.
const socketDir = mkdtempSync(path.join(tmpdir(), "atb-pg-"));
const socketPath = path.join(socketDir, ".s.PGSQL.5432");
let db: PGlite | undefined;
let server: PGLiteSocketServer | undefined;
let gate: PasswordGate | undefined;

/** Gate first (it destroys every client socket, so nothing waits on a half-closed pipe), then the server, then PGlite (a checkpoint of the data directory). */
async function shutDown(): Promise<void> {
  await gate?.close().catch(() => {});
  await server?.stop().catch(() => {});
  await db?.close().catch(() => {});
  rmSync(socketDir, { recursive: true, force: true });
}

try {
  db = await PGlite.create(input.pgDir, { startParams: [...PGlite.defaultStartParams, ...input.settings] });
  // Several pool connections are multiplexed onto the one backend query by query; the app keeps
  // its pool at one connection so that transactions never interleave.
  server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 4 });
  await server.start();
  chmodSync(socketPath, 0o600);
  const password = randomBytes(32).toString("base64url");
  gate = await startPasswordGate({ host: "127.0.0.1", upstreamPath: socketPath, password });
  const url = `postgresql://postgres:${password}@${gate.address.host}:${gate.address.port}/postgres?sslmode=disable`;
  post({ type: "ready", url, socketPath });
} catch (error) {
  await shutDown();
  const failure = error as Error & { code?: unknown };
  post({ type: "failed", message: failure.message ?? String(error), ...(typeof failure.code === "string" ? { code: failure.code } : {}) });
  port.close();
}

port.on("message", (request: PgliteWorkerRequest) => {
  if (request.type !== "close") return;
  void shutDown().then(() => {
    post({ type: "closed" });
    // Nothing is left on this thread's event loop once the port closes: the thread ends by itself.
    port.close();
  });
});
