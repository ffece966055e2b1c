// Builds the Slack platform from the config and the core services (called by compose.ts): the
// encrypted installation repository in OAuth mode, the processed-events table for retries.
import type { Installation } from "@slack/bolt";
import { renderSummaryCharts } from "#charts/lazy-summary-charts.js";
import type { CoreServices } from "./compose-services.js";
import type { Config } from "./config.js";
import type { Logger } from "./logger.js";
import { createSlackPlatform, type SlackPlatform } from "#platforms/slack/slack-platform.js";
import { PrismaInstallationRepository } from "#storage/prisma/prisma-installation-repository.js";
import { withPeriodicPrune } from "#core/alliance/pruning-processed-events.js";
import { PrismaProcessedEventRepository } from "#storage/prisma/prisma-processed-event-repository.js";
import type { PrismaClient } from "#storage/prisma-client.js";
import type { NotifyMember } from "#platforms/slack/listeners/register.js";
import { TokenCipher } from "#storage/token-cipher.js";
import type { AlliancePollRelay } from "#core/polls/alliance-poll-relay.js";

/** What the Slack listeners call: the core services, and the chart renderer for `/trust health`. */
export function slackFeatures(services: CoreServices, notifyMember?: NotifyMember, pollRelay?: AlliancePollRelay) {
  return {
    notifyMember,
    pollRelay,
    members: services.members,
    alliances: services.alliances,
    memberRepository: services.stores.members,
    workspaces: services.stores.workspaces,
    polls: services.polls,
    commitments: services.commitments,
    pulse: services.pulse,
    privacy: services.privacy,
    culture: services.culture,
    links: services.links,
    health: services.summary,
    renderCharts: renderSummaryCharts,
    updateClaim: (key: string, leaseMs: number) => services.stores.updateLeases.claim(key, leaseMs),
  };
}

/** The Slack platform for `config.slack`, or null when Slack is not configured. */
export function buildSlackPlatform(deps: {
  config: Config;
  logger: Logger;
  services: CoreServices;
  prisma: PrismaClient;
  secret: string;
  notifyMember?: NotifyMember;
  pollRelay?: AlliancePollRelay;
}): SlackPlatform | null {
  const { config, services, prisma } = deps;
  if (!config.slack) return null;
  const installations =
    config.slack.mode.kind === "oauth" ? new PrismaInstallationRepository<Installation>(prisma, TokenCipher.fromSecrets(deps.secret)) : null;
  return createSlackPlatform({
    slack: config.slack,
    publicUrl: config.http.publicUrl,
    logger: deps.logger,
    clock: services.clock,
    processedEvents: withPeriodicPrune(new PrismaProcessedEventRepository(prisma), services.clock),
    installations,
    retention: services.retention,
    features: slackFeatures(services, deps.notifyMember, deps.pollRelay),
  });
}
