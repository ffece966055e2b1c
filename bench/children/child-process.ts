// Starting and talking to the processes bench/slack-votes.bench.ts measures: the bot as `npm start`
// runs it, the bare-Bolt floor and the plain-INSERT floor, each in a process of its own, so that
// none shares a thread with the bench's HTTP client and the fake Slack (as a deployed bot, with
// Slack far away, never does). Every child gets probe.mjs preloaded and an IPC channel.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { sleep } from "../lib.js";

export const projectRoot = path.resolve(import.meta.dirname, "../..");
const probe = path.join(import.meta.dirname, "probe.mjs");

/** A free port on 127.0.0.1 (the bot takes its port from PORT and logs nothing we could parse at warn). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Only what a child needs from this environment: no inherited credentials or database URL. */
function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of ["PATH", "HOME", "TMPDIR", "LANG"]) if (process.env[key]) env[key] = process.env[key];
  return { ...env, ...extra };
}

/** A measured child process. */
export interface MeasuredChild {
  child: ChildProcess;
  eventsUrl: string;
  /** Server-side ack times (ms) recorded by probe.mjs since the last reset. */
  acks(): Promise<number[]>;
  resetAcks(): void;
  /** Starts a CPU profile of the child's main thread (probe.mjs). */
  profileStart(): void;
  /** Stops it and has the child write it to `file` (a .cpuprofile for DevTools). */
  profileStop(file: string): Promise<void>;
  close(): Promise<void>;
}

function measured(child: ChildProcess, port: number, output: () => string): MeasuredChild {
  /** Sends `request` and resolves with the first answer `pick` accepts. */
  const ask = <T>(request: unknown, pick: (message: unknown) => T | undefined, timeoutMs: number): Promise<T> =>
    new Promise((resolve, reject) => {
      const onMessage = (message: unknown) => {
        const picked = pick(message);
        if (picked === undefined) return;
        clearTimeout(timer);
        child.off("message", onMessage);
        resolve(picked);
      };
      const timer = setTimeout(() => (child.off("message", onMessage), reject(new Error(`no answer to ${JSON.stringify(request)}:\n${output()}`))), timeoutMs);
      child.on("message", onMessage);
      child.send(request as string);
    });
  return {
    child,
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    acks: () => ask("ack-samples", (m) => (m as { acks?: number[] }).acks, 10_000),
    resetAcks: () => void child.send("ack-reset"),
    profileStart: () => void child.send({ profileStart: true }),
    profileStop: async (file) => void (await ask({ profileStop: file }, (m) => (m as { profiled?: string }).profiled, 60_000)),
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function collect(child: ChildProcess): () => string {
  let out = "";
  child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  return () => out;
}

/** Builds the bot as `npm start` would (scripts/start.mjs --build-only), so no start pays for it. */
export function buildBot(): void {
  const run = spawnSync(process.execPath, ["scripts/start.mjs", "--build-only"], { cwd: projectRoot, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`build failed: ${run.stderr}`);
}

/**
 * The real bot, started exactly as `npm start` starts it (node scripts/start.mjs: the bundled
 * build, compile cache), Slack in single-workspace mode against `slackApiUrl`, on PGlite in
 * `dataDir` or on PostgreSQL at `databaseUrl`. Resolves once /readyz answers.
 */
export async function startBot(options: { slackApiUrl: string; signingSecret: string; dataDir: string; databaseUrl?: string }): Promise<MeasuredChild> {
  const port = await freePort();
  const env = baseEnv({
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    PORT: String(port),
    PUBLIC_URL: "https://bot.example.org",
    SCHEDULER_ENABLED: "false",
    SLACK_SIGNING_SECRET: options.signingSecret,
    SLACK_BOT_TOKEN: "xoxb-test-T111",
    SLACK_API_URL: options.slackApiUrl,
    APP_SECRET: "bench-app-secret-0123456789abcdef01234567",
    DATA_DIR: options.dataDir,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  });
  const child = spawn(process.execPath, ["--import", probe, "scripts/start.mjs"], { cwd: projectRoot, env, stdio: ["ignore", "pipe", "pipe", "ipc"] });
  const output = collect(child);
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bot exited ${child.exitCode}:\n${output()}`);
    if (await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false)) break;
    if (performance.now() - started > 120_000) throw new Error(`bot not ready after 120 s:\n${output()}`);
    await sleep(25);
  }
  return measured(child, port, output);
}

/** The bare-Bolt floor (bare-bolt.ts, through tsx) against `slackApiUrl`; resolves once it listens. */
export async function startBareBolt(slackApiUrl: string): Promise<MeasuredChild> {
  const child = spawn(process.execPath, ["--import", "tsx", "--import", probe, path.join(import.meta.dirname, "bare-bolt.ts")], {
    cwd: projectRoot,
    env: baseEnv({ NODE_ENV: "production", SLACK_API_URL: slackApiUrl, PORT: "0" }),
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  const output = collect(child);
  const started = performance.now();
  for (;;) {
    const match = /\{"port":(\d+)\}/.exec(output());
    if (match) return measured(child, Number(match[1]), output);
    if (child.exitCode !== null) throw new Error(`bare Bolt exited ${child.exitCode}:\n${output()}`);
    if (performance.now() - started > 60_000) throw new Error(`bare Bolt not listening after 60 s:\n${output()}`);
    await sleep(25);
  }
}

/** The plain-INSERT floor (plain-inserts.ts) in its own process; ms for the 2,000 INSERTs. */
export async function plainInsertFloor(target: { dataDir: string } | { databaseUrl: string }): Promise<number> {
  const env: Record<string, string> = "databaseUrl" in target ? { DATABASE_URL: target.databaseUrl } : { DATA_DIR: target.dataDir };
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "plain-inserts.ts")], { cwd: projectRoot, env: baseEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  const output = collect(child);
  const code = await new Promise((resolve) => child.once("exit", resolve));
  const match = /\{"ms":([\d.]+)\}/.exec(output());
  if (code !== 0 || !match) throw new Error(`plain-INSERT floor failed (${String(code)}):\n${output()}`);
  return Number(match[1]);
}
