// The embedded database's own thread: PGlite (Postgres compiled to WebAssembly) and the socket
// that serves it over the Postgres wire protocol run here, so the SQL work of a vote burst runs
// next to the thread that acknowledges Slack and Teams instead of on it (Slack gives up after
// 3 s; with PGlite on the main thread every query stalled the next ack).
// Loaded by embedded-postgres.ts with `new Worker`: plain Node (type stripping in development,
// compiled JavaScript in a build), so this file imports packages only and uses erasable syntax.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/** What embedded-postgres.ts passes in. */
export interface PgliteWorkerData {
  dataDir: string;
  /** Extra postgres `-c name=value` settings (memory sized for a bot). */
  settings: Record<string, string>;
}

/** What the worker posts back. */
export type PgliteWorkerMessage = { type: "ready"; conn: string } | { type: "error"; message: string } | { type: "closed" };

const port = parentPort;
if (!port) throw new Error("pglite-worker.ts runs as a worker thread only");
const input = workerData as PgliteWorkerData;
const post = (message: PgliteWorkerMessage) => port.postMessage(message);

let db: PGlite | undefined;
let server: PGLiteSocketServer | undefined;
try {
  const settings = Object.entries(input.settings).flatMap(([name, value]) => ["-c", `${name}=${value}`]);
  db = await PGlite.create(input.dataDir, { startParams: [...PGlite.defaultStartParams, ...settings] });
  // Several pool connections are multiplexed onto the one backend query by query; the app keeps
  // its pool at one connection so that transactions never interleave.
  server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 4 });
  await server.start();
  post({ type: "ready", conn: server.getServerConn() });
} catch (error) {
  await db?.close().catch(() => {});
  post({ type: "error", message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}

port.on("message", (message: { type: string }) => {
  if (message.type !== "close") return;
  void (async () => {
    await server?.stop().catch(() => {});
    await db?.close().catch(() => {});
    post({ type: "closed" });
    port.close();
  })();
});
