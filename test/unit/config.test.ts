import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "#src/config.js";

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("loadConfig", () => {
  it("runs on the embedded database with no variables at all", () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: "pglite", dataDir: "./data" });
    expect(config.http.port).toBe(3000);
    expect(config.slack).toBeNull();
    expect(config.teams).toMatchObject({ localMode: true, localModeByDefault: true, clientId: undefined });
  });

  it("starts Teams local mode only when nothing else is configured outside production", () => {
    expect(loadConfig({ NODE_ENV: "test" }).teams?.localModeByDefault).toBe(true);
    expect(loadConfig({ TEAMS_LOCAL_MODE: "" }).teams?.localModeByDefault).toBe(true);
    expect(loadConfig({ TEAMS_LOCAL_MODE: "false" }).teams).toBeNull();
    expect(loadConfig({ TEAMS_LOCAL_MODE: "true" }).teams).toMatchObject({ localMode: true, localModeByDefault: false });
    expect(loadConfig({ SLACK_SIGNING_SECRET: "s", SLACK_BOT_TOKEN: "xoxb-1" }).teams).toBeNull();
    expect(loadConfig({ CLIENT_ID: "id", CLIENT_SECRET: "x" }).teams).toMatchObject({ localMode: false, localModeByDefault: false });
  });

  it("keeps missing platform credentials a configuration error in production", () => {
    expect(problemsOf({ NODE_ENV: "production", APP_SECRET: "x".repeat(32) })).toEqual([
      expect.stringMatching(/no chat platform configured; production needs Slack credentials, Teams credentials or both/),
    ]);
    expect(problemsOf({ NODE_ENV: "production", APP_SECRET: "x".repeat(32), SLACK_SIGNING_SECRET: "s", SLACK_BOT_TOKEN: "xoxb-1" })).toEqual([]);
    // The database commands (migrate, backup, restore, rotate-secret) need no chat platform.
    expect(loadConfig({ NODE_ENV: "production", APP_SECRET: "x".repeat(32), DATABASE_URL: "postgresql://db/atb" }, { maintenance: true }).database.kind).toBe("postgresql");
  });

  it("uses PostgreSQL when DATABASE_URL is set", () => {
    const config = loadConfig({ DATABASE_URL: "postgresql://u@db:5432/atb", DATABASE_POOL_SIZE: "7" });
    expect(config.database).toEqual({ kind: "postgresql", url: "postgresql://u@db:5432/atb", poolSize: 7 });
  });

  it("returns a frozen object", () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.http)).toBe(true);
  });

  it("lists every problem at once, not only the first", () => {
    const problems = problemsOf({ PORT: "abc", DATABASE_URL: "mysql://x", LOG_LEVEL: "loud", NODE_ENV: "production" });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT: /),
        expect.stringMatching(/^DATABASE_URL: /),
        expect.stringMatching(/^LOG_LEVEL: /),
        expect.stringMatching(/^APP_SECRET: required in production/),
      ]),
    );
  });

  it("picks the Slack mode from the credentials present", () => {
    const base = { SLACK_SIGNING_SECRET: "s" };
    expect(loadConfig({ ...base, SLACK_BOT_TOKEN: "xoxb-1" }).slack?.mode.kind).toBe("single");
    expect(loadConfig({ ...base, SLACK_CLIENT_ID: "c", SLACK_CLIENT_SECRET: "x", SLACK_STATE_SECRET: "st" }).slack?.mode.kind).toBe("oauth");
    expect(loadConfig({ ...base, SLACK_APP_TOKEN: "xapp-1", SLACK_BOT_TOKEN: "xoxb-1" }).slack?.mode.kind).toBe("socket");
  });

  it("explains incomplete Slack credentials", () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: "xoxb-1" })).toEqual([expect.stringMatching(/^SLACK_SIGNING_SECRET: required/)]);
    expect(problemsOf({ SLACK_SIGNING_SECRET: "s", SLACK_BOT_TOKEN: "abc" })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^SLACK_BOT_TOKEN: must start with xoxb-/)]),
    );
  });

  it("refuses Teams local mode in production or with credentials", () => {
    expect(problemsOf({ TEAMS_LOCAL_MODE: "true", NODE_ENV: "production", APP_SECRET: "x".repeat(32) })).toEqual([
      expect.stringMatching(/^TEAMS_LOCAL_MODE: not allowed when NODE_ENV=production/),
    ]);
    expect(problemsOf({ TEAMS_LOCAL_MODE: "true", CLIENT_ID: "id" })).toEqual([expect.stringMatching(/^TEAMS_LOCAL_MODE: cannot be used together/)]);
  });

  it("rejects an unknown time zone in plain words", () => {
    expect(problemsOf({ DEFAULT_TIMEZONE: "Mars/Olympus" })).toEqual([expect.stringMatching(/IANA time zone/)]);
  });
});
