/**
 * Starts the real Slack platform on the real shared HTTP server (src/http/server.ts) against the
 * fake Web API, the way src/compose.ts does, on random ports.
 */
import { pino } from "pino";
import { createHttpServer, finishRoutes } from "#http/server.js";
import type { SlackConfig } from "#platforms/slack/transport/slack-app.js";
import { createSlackPlatform, type SlackPlatform, type SlackPlatformDeps } from "#platforms/slack/slack-platform.js";
import { FakeSlack } from "../../../fakes/fake-slack.js";
import { SIGNING_SECRET } from "../../../fakes/slack-requests.js";

/** A running platform plus the fake it talks to. */
export interface SlackHarness {
  fake: FakeSlack;
  platform: SlackPlatform;
  baseUrl: string;
  eventsUrl: string;
  close(): Promise<void>;
}

/** The config for a mode, pointed at `fake`. */
export function slackConfig(fake: FakeSlack, mode: SlackConfig["mode"] = { kind: "single", botToken: "xoxb-test-T111" }): SlackConfig {
  return { signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, mode };
}

/** Starts fake + platform + server; `build` gets the fake so deps can point at it. */
export async function startSlackHarness(
  build: (fake: FakeSlack) => Omit<SlackPlatformDeps, "logger"> & { logger?: SlackPlatformDeps["logger"] },
  options: { sharedFake?: FakeSlack } = {},
): Promise<SlackHarness> {
  // A shared fake (several bot instances, one Slack) is started and stopped by its owner.
  const fake = options.sharedFake ?? new FakeSlack();
  if (!options.sharedFake) await fake.start(); // before the platform: init() calls auth.test
  const deps = build(fake);
  const logger = deps.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
  const platform = createSlackPlatform({ ...deps, logger });
  const http = createHttpServer({ logger, ready: async () => {} });
  platform.mount(http.app);
  finishRoutes(http.app, logger);
  await platform.start();
  const port = await http.listen(0, "127.0.0.1");
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    fake,
    platform,
    baseUrl,
    eventsUrl: `${baseUrl}/slack/events`,
    async close() {
      await platform.stop();
      await http.close(100);
      if (!options.sharedFake) await fake.stop();
    },
  };
}

/** Waits until `probe` resolves truthy (listeners run after the ack), or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T> | T, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Lets listeners that should NOT run have a chance to run before asserting they didn't. */
export const settle = (ms = 150): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
