// Start-up and idle memory of the real process: `npm start` (exactly what an operator runs) until
// /readyz answers, on existing PGlite data and on PostgreSQL, with Slack enabled against the fake
// Web API; then the idle RSS of the bot's own process (npm's and any launcher's excluded).
// Floors, in the same run: `npm --version` (npm's own start, part of every `npm start`); `node -e`
// printing nothing (a bare Node start on this machine); and a bare Node opening PGlite on the same
// data and answering SELECT 1 (the embedded database's own start, part of every PGlite start).
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { FakeSlack } from "../test/fakes/fake-slack.js";
import { SIGNING_SECRET } from "../test/fakes/slack-requests.js";
import { scratchPostgres } from "./first-voters.bench.js";
import { scaleRow, sleep, summarise, type Benchmark, type CaseResult } from "./lib.js";

const root = path.resolve(import.meta.dirname, "..");

/** ms for one `node` child running `code` as an ES module in the project directory. */
function timeNode(args: string[], code: string): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, [...args, "--input-type=module", "-e", code], { cwd: root, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`floor script failed: ${run.stderr}`);
  return performance.now() - started;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Every descendant pid of `pid` (from /proc). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => (children.get(p) ?? []).forEach((c) => (out.push(c), walk(c)));
  walk(pid);
  return out;
}

const rssMb = (pid: number): number => {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb ?? 0) / 1024;
};

/** Runs `npm start` with `env`; ms until /readyz says ready, and the bot process's RSS after `idleMs`. */
async function startOnce(env: Record<string, string>, idleMs: number): Promise<{ readyMs: number; rss: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn("npm", ["start", "--silent"], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: "warn", SCHEDULER_ENABLED: "false", NODE_ENV: "production", PUBLIC_URL: "https://bot.example.org" },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited ${child.exitCode}: ${stderr}`);
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (performance.now() - started > 60_000) throw new Error(`not ready after 60 s: ${stderr}`);
      await sleep(10);
    }
    const readyMs = performance.now() - started;
    await sleep(idleMs);
    // The bot is the process holding the most memory among npm's descendants (npm, sh, launchers are small).
    const rss = Math.max(...descendants(child.pid!).map(rssMb));
    return { readyMs, rss };
  } finally {
    process.kill(-child.pid!, "SIGTERM");
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.on("exit", resolve)));
  }
}

const benchmark: Benchmark = {
  title: "Start-up to /readyz and idle memory (`npm start`, Slack enabled)",
  async run(): Promise<CaseResult[]> {
    const fake = new FakeSlack();
    await fake.start();
    const slackEnv = { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: "xoxb-test-T111", SLACK_API_URL: fake.apiUrl, APP_SECRET: "bench-app-secret-0123456789abcdef01234567" };
    const results: CaseResult[] = [];
    const bare: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      spawnSync(process.execPath, ["-e", ""]);
      bare.push(performance.now() - t);
    }
    results.push(summarise("baseline: bare `node -e ''`", bare));
    // `npm start` is npm's own start plus the bot's: npm alone, for scale.
    const npmAlone: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      spawnSync("npm", ["--version"], { cwd: root });
      npmAlone.push(performance.now() - t);
    }
    results.push(summarise("floor: `npm --version` (npm's own start)", npmAlone));
    const dataDir = mkdtempSync(path.join(tmpdir(), "atb-bench-start-"));
    const runs = 5;
    try {
      const pglite = { ...slackEnv, DATA_DIR: dataDir };
      await startOnce(pglite, 0); // builds if needed, creates and migrates the data; the runs below start on it
      // PGlite as src/storage/embedded-postgres.ts and wasm-tiering.ts open it, in a bare Node.
      const openPglite = `const { PGlite } = await import("@electric-sql/pglite");
        const db = await PGlite.create(${JSON.stringify(path.join(dataDir, "pglite"))}, { startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB", "-c", "temp_buffers=2MB"] });
        await db.query("SELECT 1"); await db.close();`;
      const pgliteAlone: number[] = [];
      for (let i = 0; i < runs; i++) pgliteAlone.push(timeNode(["--wasm-tiering-budget=1000000000"], openPglite));
      results.push(summarise("floor: bare node opening PGlite on the same data + SELECT 1", pgliteAlone));
      const pgliteRuns = [];
      for (let i = 0; i < runs; i++) pgliteRuns.push(await startOnce(pglite, i === 0 ? 3000 : 0));
      results.push(summarise("npm start → /readyz, existing PGlite data", pgliteRuns.map((r) => r.readyMs)));
      const postgres = await scratchPostgres();
      let pgRuns: Array<{ readyMs: number; rss: number }> = [];
      if (postgres) {
        try {
          const env = { ...slackEnv, DATA_DIR: dataDir, DATABASE_URL: postgres.url };
          await startOnce(env, 0);
          for (let i = 0; i < runs; i++) pgRuns.push(await startOnce(env, i === 0 ? 3000 : 0));
          results.push(summarise("npm start → /readyz, PostgreSQL", pgRuns.map((r) => r.readyMs)));
        } finally {
          await postgres.close();
        }
      }
      const p50 = (xs: Array<{ readyMs: number }>) => summarise("", xs.map((x) => x.readyMs)).p50;
      scaleRow({
        row: "Idle memory (RSS of the bot process) on PGlite / PostgreSQL",
        value: `${pgliteRuns[0]!.rss.toFixed(0)} MB / ${pgRuns[0] ? `${pgRuns[0].rss.toFixed(0)} MB` : "skipped"}`,
        target: "≤ 250 MB / ≤ 150 MB",
      });
      scaleRow({
        row: "`npm start` to `/readyz` on PostgreSQL / existing PGlite data (p50 of 5)",
        value: `${pgRuns.length ? `${(p50(pgRuns) / 1000).toFixed(2)} s` : "skipped"} / ${(p50(pgliteRuns) / 1000).toFixed(2)} s`,
        floor: `npm alone ${(summarise("", npmAlone).p50 / 1000).toFixed(2)} s; bare node ${(summarise("", bare).p50 / 1000).toFixed(2)} s; bare node opening PGlite ${(summarise("", pgliteAlone).p50 / 1000).toFixed(2)} s`,
        target: "≤ 1 s / ≤ 2 s",
      });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await fake.stop();
    }
    return results;
  },
};

export default benchmark;
