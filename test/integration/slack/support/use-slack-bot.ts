/**
 * The per-file setup every Slack end-to-end suite shares: one database and one running bot for the
 * whole file (opening PGlite costs seconds), closed afterwards, and the fake's recorded calls
 * cleared before each test so assertions only see that test's traffic.
 */
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { Database } from "#storage/database.js";
import { storageTargets } from "../../../support/databases.js";
import { startSlackBot, type SlackBot } from "./slack-bot.js";

/**
 * Registers the file's beforeAll/afterAll/beforeEach hooks and returns the bot. Call it at the top
 * level of a test file; the returned object reads through to the bot started in beforeAll, so it
 * can be used like a plain `SlackBot` from inside tests and helpers.
 */
export function useSlackBot(options: Parameters<typeof startSlackBot>[1] = {}): SlackBot {
  let database: Database | undefined;
  let started: SlackBot | undefined;
  const current = (): SlackBot => {
    if (!started) throw new Error("the Slack bot is not running (use it inside tests, after beforeAll)");
    return started;
  };

  beforeAll(async () => {
    const target = storageTargets[0];
    if (!target) throw new Error("no storage target");
    database = await target.open();
    started = await startSlackBot(database, options);
  });
  afterAll(async () => {
    await started?.close();
    await database?.close();
  });
  beforeEach(() => current().fake.reset());

  // Getters rather than a copy: the bot only exists once beforeAll has run.
  return {
    get fake() {
      return current().fake;
    },
    get platform() {
      return current().platform;
    },
    get baseUrl() {
      return current().baseUrl;
    },
    get eventsUrl() {
      return current().eventsUrl;
    },
    get services() {
      return current().services;
    },
    close: () => current().close(),
  };
}
