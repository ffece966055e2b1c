// The Teams platform as the composition root sees it: built from config, ports and services;
// mounted on the shared Express app at /api/messages; its messenger handed to the scheduler;
// stopped on shutdown (pending card updates flushed, in-flight sends finished).
import { linkFeature } from "./features/link-feature.js";
import { App } from "@microsoft/teams.apps";
import type { Express } from "express";
import type { ConversationRepository, WorkspaceRepository } from "#core/alliance/workspace-repository.js";
import type { UninstallRetention } from "#core/alliance/uninstall-retention.js";
import type { MessageSender } from "#scheduling/outbox/message-sender.js";
import type { Member } from "#core/alliance/member.js";
import type { View } from "#core/views.js";
import type { ProcessedEventRepository } from "#core/alliance/processed-event-repository.js";
import { createTeamsMessageSender } from "./teams-outbox-sender.js";
import type { Clock } from "#core/shared/clock.js";
import type { Logger } from "#src/logger.js";
import { mentionResolver } from "./features/mention-resolver.js";
import { adminFeature } from "./features/admin-feature.js";
import { organizationChooser } from "./features/organization-prompt.js";
import { fileConsentAttachment, type FileOffer } from "./features/file-consent.js";
import { fileConsentHandler } from "./features/file-consent-handler.js";
import { privacyFeature } from "./features/privacy-feature.js";
import { createCoalescer, type UpdateClaim } from "./features/coalescer.js";
import { commitmentsFeature } from "./features/commitments-feature.js";
import { cultureFeature } from "./features/culture-feature.js";
import { healthFeature } from "./features/health-feature.js";
import { pollsFeature, refreshPostedPoll } from "./features/polls-feature.js";
import { pulseFeature } from "./features/pulse-feature.js";
import { createDispatcher } from "./handlers/dispatch.js";
import { createMemberProfileLookup } from "./handlers/member-profile.js";
import type { CommandContext, TeamsFeature } from "./handlers/feature-types.js";
import { onConversationUpdate, onInstallationUpdate } from "./handlers/install.js";
import { TenantActivity } from "./handlers/tenant-activity.js";
import { createTeamsMessenger, type TeamsMessenger } from "./teams-messenger.js";
import { createTeamsPersonalOpener } from "./teams-personal-opener.js";
import type { PersonalConversationOpener } from "#scheduling/personal-reach.js";
import type { TeamsServices } from "./teams-services.js";
import { RouterAdapter } from "./transport/router-adapter.js";
import { sdkLogger } from "./transport/sdk-logger.js";
import { authOptions, inboundTokenPolicy, type TeamsConfig } from "./transport/teams-auth.js";
import { createInboundTokenCheck } from "./transport/inbound-token-check.js";
import { IN_TURN_POLICY, SendQueue, type SendQueueDeps } from "./transport/send-queue.js";
import { TeamsConnector } from "./transport/teams-connector.js";

/** Where Microsoft routes proactive messages when we know no better (global Teams endpoint). */
export const DEFAULT_TEAMS_SERVICE_URL = "https://smba.trafficmanager.net/teams/";

/** What the Teams platform needs from the composition root. */
export interface TeamsPlatformDeps {
  config: TeamsConfig;
  logger: Logger;
  clock: Clock;
  conversations: ConversationRepository;
  workspaces: WorkspaceRepository;
  /** Remembers handled activity ids so a redelivered message is not handled twice. */
  processedEvents?: ProcessedEventRepository;
  services: TeamsServices;
  /** Records a tenant's uninstall when the bot is removed from a team or group chat, and calls it off (install.ts). */
  retention?: Pick<UninstallRetention, "recordUninstall" | "recordReinstall"> | undefined;
  /**
   * Cross-instance lease on poll card updates (the UpdateLease store), given by the composition
   * root when several instances may share the database; without it cards are coalesced per process.
   */
  updateClaim?: UpdateClaim | undefined;
  /** Features beyond the built-in ones (tests, or features composed elsewhere). */
  extraFeatures?: readonly TeamsFeature[];
  /** Test knobs: fake time for the send queue, a shorter interval for poll card updates. */
  testing?: { queue?: Partial<SendQueueDeps>; pollUpdateIntervalMs?: number };
}

/** A built Teams platform. */
export interface TeamsPlatform {
  /** Adds POST /api/messages to `app` (call before the 404 handler). */
  mount(app: Express): Promise<void>;
  readonly messenger: TeamsMessenger;
  /** The Bot Connector client with its retrying queue. */
  readonly connector: TeamsConnector;
  /** The outbox's sender for messages with platform "teams". */
  readonly outboxSender: MessageSender;
  /** Opens the 1:1 chat with a member who never wrote to the bot, for the scheduler. */
  readonly personalOpener: PersonalConversationOpener;
  /** Brings this platform's cards of a poll up to date (coalesced): a vote on a Slack copy of an alliance poll. */
  requestPollUpdate(pollId: string): void;
  stop(): Promise<void>;
}

/** How often a poll card update that failed is tried again, and after how long (times the attempt). */
const MAX_CARD_UPDATE_RETRIES = 5;
const CARD_UPDATE_RETRY_MS = 5_000;

/** Builds the Teams platform. */
export function createTeamsPlatform(deps: TeamsPlatformDeps): TeamsPlatform {
  const { config, logger } = deps;
  const log = logger.child({ platform: "teams" });
  const queue = new SendQueue({
    ...deps.testing?.queue,
    onRetry: ({ attempt, delayMs, error }) => log.warn({ attempt, delayMs, status: error.status }, "Bot Connector send failed; retrying"),
  });
  const tokenPolicy = inboundTokenPolicy(config);
  const adapter = new RouterAdapter({
    ...(tokenPolicy ? { checkToken: createInboundTokenCheck(tokenPolicy) } : {}),
    onRefused: ({ code, detail }, activity) => log.warn({ code, detail, activityType: activity.type, activityId: activity.id }, "Teams request refused: token not accepted"),
  });
  const app = new App({ ...authOptions(config), httpServerAdapter: adapter, logger: sdkLogger(log) });
  const connector = new TeamsConnector(app, queue, config.clientId ?? "local-bot");

  const conversations = deps.conversations;
  const messenger = createTeamsMessenger({
    connector,
    conversations,
    fallbackServiceUrl: DEFAULT_TEAMS_SERVICE_URL,
  });

  // 1:1 to a member of this alliance on Teams (an admin asked to approve, a member told).
  const sendToMember = async (member: Member, view: View): Promise<boolean> => {
    const workspace = await deps.workspaces.get(member.workspaceId);
    if (!workspace || workspace.platform !== "teams" || member.erasedAt) return false;
    const recipient = { memberId: member.id, workspaceId: member.workspaceId, externalId: member.externalId, tenantId: workspace.externalId };
    await messenger.sendDirect(recipient, view, member.locale ? { locale: member.locale } : {});
    return true;
  };

  const offerFile = async ({ turn }: CommandContext, offer: FileOffer) => {
    await connector.send(turn.target, { attachments: [fileConsentAttachment(offer, { kind: "myData", memberId: turn.member.memberId })] }, IN_TURN_POLICY);
  };
  const { services, clock } = deps;
  // A card the Bot Connector refused even after the send queue's own retries (a long 5xx or 429
  // period) is tried again a few times, so a close reaches every card even if nobody votes after it.
  const updateFailures = new Map<string, number>();
  const updateClaim = deps.updateClaim;
  const pollUpdates = createCoalescer(
    async (pollId) => {
      await refreshPostedPoll({ services, messenger, clock, conversations }, pollId);
      updateFailures.delete(pollId);
    },
    {
      intervalMs: deps.testing?.pollUpdateIntervalMs ?? 1_500,
      onError: (pollId, error) => {
        const failures = (updateFailures.get(pollId) ?? 0) + 1;
        log.warn({ err: error, pollId, failures }, "could not update the posted poll card");
        if (failures > MAX_CARD_UPDATE_RETRIES) return void updateFailures.delete(pollId);
        updateFailures.set(pollId, failures);
        setTimeout(() => pollUpdates.request(pollId), CARD_UPDATE_RETRY_MS * failures).unref();
      },
      // Keyed per poll (all of its Teams cards are updated together), apart from Slack's keys.
      ...(updateClaim ? { claim: (pollId: string, leaseMs: number) => updateClaim(`teams:poll:${pollId}`, leaseMs) } : {}),
      onClaimError: (pollId, error) => log.warn({ err: error, pollId }, "update lease unavailable; updating the poll card without it"),
    },
  );
  const features: TeamsFeature[] = [
    adminFeature(services, clock, sendToMember, mentionResolver(services, connector)),
    privacyFeature(services, offerFile),
    commitmentsFeature(services, connector, clock, log),
    pollsFeature({ services, messenger, clock, updates: pollUpdates, conversations }),
    pulseFeature(services, clock),
    cultureFeature(services, clock),
    healthFeature(services, clock),
    linkFeature(services),
    ...(deps.extraFeatures ?? []),
  ];
  const dispatcher = createDispatcher({
    members: deps.services.members,
    conversations,
    profiles: createMemberProfileLookup(connector, { onError: (err, userId) => log.info({ err, userId }, "member lookup failed; no e-mail to map the organisation by") }),
    connector,
    features,
    logger: log,
    processedEvents: deps.processedEvents,
    now: () => clock.now(),
    askOrganization: (turn) => organizationChooser(services, turn),
  });
  const onFileConsent = fileConsentHandler({ dispatcher, services: deps.services, connector, logger: log });

  const retention = deps.retention;
  const tenants = retention
    ? new TenantActivity({
        recordReinstall: (tenantId) => retention.recordReinstall("teams", tenantId),
        now: () => clock.now().getTime(),
        onError: (err) => log.warn({ err }, "could not call off a pending erasure of the tenant"),
      })
    : null;
  const seen = (activity: { conversation?: { tenantId?: string }; channelData?: { tenant?: { id?: string } } }) =>
    tenants?.seen(activity.conversation?.tenantId ?? activity.channelData?.tenant?.id ?? null);
  const installDeps = { retention, onUninstallRecorded: (tenantId: string) => tenants?.forget(tenantId), logger: log };

  app.on("message", async ({ activity }) => {
    await seen(activity);
    return dispatcher.onMessage(activity);
  });
  app.on("card.action", async ({ activity }) => {
    await seen(activity);
    return dispatcher.onCardAction(activity);
  });
  app.on("file.consent", async ({ activity }) => onFileConsent(activity));
  app.on("conversationUpdate", async ({ activity }) => onConversationUpdate(activity, dispatcher, installDeps));
  app.on("installationUpdate", async ({ activity }) => onInstallationUpdate(activity, dispatcher, installDeps));

  const outboxSender = createTeamsMessageSender({ messenger, conversations, workspaces: deps.workspaces, members: services.memberRepository });

  return {
    messenger,
    connector,
    outboxSender,
    personalOpener: createTeamsPersonalOpener(messenger),
    requestPollUpdate: (pollId) => pollUpdates.request(pollId),
    async mount(express) {
      express.use(adapter.router);
      await app.initialize();
    },
    async stop() {
      await pollUpdates.flush();
      await queue.idle(5_000);
    },
  };
}
