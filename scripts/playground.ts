// npm run playground: the bot in Teams local mode (no authentication, loopback only, embedded
// database in ./data/playground) and Microsoft 365 Agents Playground pointed at it: a Teams-like
// chat in the browser at http://localhost:56150 (or the next free port, as printed), no tenant, no
// tunnel, nothing downloaded.
// Ctrl+C stops both. PLAYGROUND_CONFIG_DIR names a folder holding a `.m365agentsplayground.yml`
// (the Playground's mock users, group chat and team; it only reads that file from its working
// directory): the scripted walk-through (scripts/walkthrough/) uses it for partners' e-mail domains.
import { spawn, type ChildProcess } from "node:child_process";
import { setTimeout as delay } from "node:timers/promises";
import { resolve } from "node:path";
import { watchPlaygroundPort } from "./lib/playground-output.js";

const botPort = Number(process.env.PLAYGROUND_BOT_PORT ?? 3978);
const uiPort = Number(process.env.PLAYGROUND_PORT ?? 56150);
const endpoint = `http://127.0.0.1:${botPort}/api/messages`;

// Local mode is refused with credentials or in production (src/config.ts); make sure neither leaks in.
// Summaries link to the methods note the local bot serves (PUBLIC_URL/methods in a deployment).
const botEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "development",
  TEAMS_LOCAL_MODE: "true",
  PORT: String(botPort),
  DATA_DIR: process.env.DATA_DIR ?? "./data/playground",
  METHODS_URL: process.env.METHODS_URL ?? `http://localhost:${botPort}/methods`,
};
for (const name of ["CLIENT_ID", "CLIENT_SECRET", "TENANT_ID", "TEAMS_OPENID_METADATA_URL", "TEAMS_TOKEN_URL", "SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_APP_TOKEN"]) {
  delete botEnv[name];
}

const children: ChildProcess[] = [];
let stopping = false;
function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGINT");
  setTimeout(() => process.exit(code), 3_000).unref();
}
process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));

function start(command: string, args: string[], env: NodeJS.ProcessEnv, name: string, pipeStdout = false, cwd?: string): ChildProcess {
  const child = spawn(command, args, { env, cwd, stdio: ["inherit", pipeStdout ? "pipe" : "inherit", "inherit"] });
  child.on("exit", (code) => {
    if (!stopping) {
      process.stderr.write(`\n${name} exited (${code ?? "signal"}); stopping.\n`);
      stopAll(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

start(process.execPath, ["--import", "tsx", "src/main.ts"], botEnv, "the bot");
const deadline = Date.now() + 90_000;
for (;;) {
  try {
    if ((await fetch(`http://127.0.0.1:${botPort}/healthz`)).ok) break;
  } catch {
    // not listening yet
  }
  if (Date.now() > deadline) {
    process.stderr.write("The bot did not start within 90 s.\n");
    stopAll(1);
  }
  await delay(300);
}
// Telemetry off: it would only try to reach Microsoft, which an offline machine cannot. The
// Playground opens a browser with xdg-open and crashes where there is none (servers, CI), so it
// only does when asked (PLAYGROUND_OPEN_BROWSER=1). Its log goes to the data directory.
const playgroundEnv: NodeJS.ProcessEnv = {
  ...process.env,
  TEAMSAPPTESTER_BROWSER: process.env.PLAYGROUND_OPEN_BROWSER === "1" ? undefined : "none",
  M365_AGENTS_PLAYGROUND_LOGFILE: process.env.M365_AGENTS_PLAYGROUND_LOGFILE ?? resolve(`${botEnv.DATA_DIR}/agents-playground.log`),
};
const playground = start(
  process.execPath,
  [resolve("node_modules/@microsoft/m365agentsplayground/cli.js"), "-e", endpoint, "-c", "msteams", "-p", String(uiPort), "--disable-telemetry"],
  playgroundEnv,
  "Agents Playground",
  true,
  process.env.PLAYGROUND_CONFIG_DIR,
);
// The Playground takes the next free port when -p is busy, so the URL comes from what it prints.
let announced = false;
const announce = (port: number | null) => {
  if (announced) return;
  announced = true;
  const where = port === null ? `http://localhost:${uiPort} (or the port the Playground printed above, if that one was busy)` : `http://localhost:${port}`;
  process.stdout.write(`\nAgents Playground: open ${where} and say "help" to the bot (${endpoint}).\n`);
};
const watch = watchPlaygroundPort(announce);
playground.stdout?.setEncoding("utf8");
playground.stdout?.on("data", (chunk: string) => {
  process.stdout.write(chunk);
  watch(chunk);
});
setTimeout(() => announce(null), 30_000).unref();
