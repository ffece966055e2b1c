/**
 * The Slack platform with the real core services over a real database (PGlite, opened once per
 * test file by the caller), on the shared HTTP server, against the fake Web API.
 */
import { slackFeatures } from "#src/compose-slack.js";
import { buildCoreServices, type CoreServices } from "#src/compose-services.js";
import { systemClock, type Clock } from "#core/shared/clock.js";
import type { Database } from "#storage/database.js";
import { PrismaProcessedEventRepository } from "#storage/prisma/prisma-processed-event-repository.js";
import type { FakeSlack } from "../../../fakes/fake-slack.js";
import { slackConfig, startSlackHarness, type SlackHarness } from "./slack-harness.js";

/** A running bot plus its services, for asserting on stored state. */
export interface SlackBot extends SlackHarness {
  services: CoreServices;
}

/** Starts the Slack side of the bot on `database`. */
export async function startSlackBot(
  database: Database,
  options: { clock?: Clock; pollUpdateIntervalMs?: number; sharedFake?: FakeSlack; methodsUrl?: string } = {},
): Promise<SlackBot> {
  const clock = options.clock ?? systemClock;
  const services = buildCoreServices({ prisma: database.prisma, clock, secret: "test-app-secret-0123456789abcdef0123", methodsUrl: options.methodsUrl ?? null });
  const harness = await startSlackHarness((fake) => ({
    slack: slackConfig(fake),
    clock,
    processedEvents: new PrismaProcessedEventRepository(database.prisma),
    installations: null,
    retention: services.retention,
    features: {
      ...slackFeatures(services),
      pollUpdateIntervalMs: options.pollUpdateIntervalMs ?? 1000,
    },
  }), options.sharedFake ? { sharedFake: options.sharedFake } : {});
  return { ...harness, services };
}

let teamSeq = 0;
/** A fresh Slack team id per test, so each test gets its own alliance (no cleanup between tests). */
export function freshTeam(): string {
  teamSeq += 1;
  return `T${String(Date.now() % 1e6).padStart(6, "0")}${teamSeq}`;
}
