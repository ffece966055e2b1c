// Runs the bot as a separate process exactly as `npm start` does (scripts/start.mjs: compiled
// JavaScript, rebuilt when a source changed) and collects its output.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export const projectRoot = path.resolve(import.meta.dirname, "../..");
const startScript = path.join(projectRoot, "scripts/start.mjs");

/** Environment for a child bot: no inherited platform credentials, quiet JSON logs. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const keep = ["PATH", "HOME", "TMPDIR", "LANG"];
  const env: NodeJS.ProcessEnv = {};
  for (const key of keep) if (process.env[key]) env[key] = process.env[key];
  return { ...env, NODE_ENV: "test", LOG_LEVEL: "info", PORT: "0", ...extra };
}

/** Starts the bot process; `output()` returns everything it printed so far. */
export function startMain(env: Record<string, string>, cwd = projectRoot): { child: ChildProcess; output(): string } {
  const child = spawn(process.execPath, [startScript], {
    cwd,
    env: childEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  return { child, output: () => out };
}

/** Runs the bot process to completion (it is expected to exit by itself). */
export async function runMainToExit(env: Record<string, string>, timeoutMs = 120_000): Promise<{ code: number | null; output: string }> {
  const { child, output } = startMain(env);
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  clearTimeout(timer);
  return { code, output: output() };
}

/** Resolves with the port once the bot logs that it is listening. */
export async function waitForListening(output: () => string, timeoutMs = 120_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = /"port":(\d+)[^\n]*listening|listening[^\n]*"port":(\d+)/.exec(output());
    if (match) return Number(match[1] ?? match[2]);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`bot did not start in ${timeoutMs} ms:\n${output()}`);
}
