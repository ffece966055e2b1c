// The front door: `npm start` on a fresh directory serves /healthz and /readyz on embedded
// PGlite, and every known start-up failure ends with one clear message, exit code 1 and nothing
// written.
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lockDataDir } from "#storage/data-dir-lock.js";
import { runMainToExit, startMain, waitForListening } from "../../support/run-main.js";

const scratch = mkdtempSync(path.join(tmpdir(), "atb-startup-"));
const children: Array<{ kill(signal?: NodeJS.Signals): boolean }> = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
});

// A child process compiles the whole bot with tsx first; on a loaded 2-core CI machine that alone
// can take tens of seconds, so these tests get generous limits.
describe("start-up", { timeout: 180_000 }, () => {
  it("serves /healthz and /readyz on embedded PGlite in Teams local mode with no configuration, says how to try it, and stops cleanly on SIGTERM", async () => {
    const dataDir = path.join(scratch, "fresh");
    const { child, output } = startMain({ DATA_DIR: dataDir });
    children.push(child);
    const port = await waitForListening(output);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(await ready.json()).toMatchObject({ status: "ready", database: "ok", platforms: { teams: { status: "unknown" } } });
    expect(output()).toContain("Slack: disabled");
    expect(output()).toContain("Teams: enabled (local mode, no authentication)");
    expect(output()).toContain("npm run playground");
    expect(output()).toContain("npm run demo");
    expect(output()).toContain("Connect Slack: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN");
    // Local mode takes unauthenticated requests, so it must only listen on loopback.
    expect(output()).toContain("listening on http://127.0.0.1:");
    child.kill("SIGTERM");
    const code = await new Promise((resolve) => child.on("exit", resolve));
    expect(code).toBe(0);
    expect(existsSync(path.join(dataDir, "bot.lock"))).toBe(false);
  });

  it("lists every configuration problem and exits 1 without a stack trace or a data directory", async () => {
    const dataDir = path.join(scratch, "bad-config");
    const { code, output } = await runMainToExit({ DATA_DIR: dataDir, PORT: "eighty", SLACK_CLIENT_ID: "abc", DEFAULT_LOCALE: "fr" });
    expect(code).toBe(1);
    expect(output).toContain("PORT: must be a number");
    expect(output).toContain("DEFAULT_LOCALE: must be en or nl");
    expect(output).toContain("SLACK_CLIENT_SECRET: required when SLACK_CLIENT_ID is set");
    expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(existsSync(dataDir)).toBe(false);
  });

  it("in production, refuses to start with no chat platform configured", async () => {
    const dataDir = path.join(scratch, "production-bare");
    const { code, output } = await runMainToExit({ DATA_DIR: dataDir, NODE_ENV: "production", APP_SECRET: "p".repeat(32) });
    expect(code).toBe(1);
    expect(output).toContain("no chat platform configured");
    expect(existsSync(dataDir)).toBe(false);
  });

  it("refuses a second process on the same embedded data directory", async () => {
    const dataDir = path.join(scratch, "locked");
    const release = lockDataDir(dataDir); // this test process plays the first bot
    try {
      const { code, output } = await runMainToExit({ DATA_DIR: dataDir });
      expect(code).toBe(1);
      expect(output).toContain(`in use by another process (pid ${process.pid})`);
      expect(readdirSync(dataDir)).toEqual(["bot.lock"]);
    } finally {
      release();
    }
  });

  it("says clearly when DATABASE_URL cannot be reached", async () => {
    const dataDir = path.join(scratch, "unreachable");
    const { code, output } = await runMainToExit({ DATA_DIR: dataDir, DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nowhere" });
    expect(code).toBe(1);
    expect(output).toContain("Cannot reach PostgreSQL at 127.0.0.1:1/nowhere");
    expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(existsSync(dataDir)).toBe(false);
  });
});
