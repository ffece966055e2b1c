// The Slack platform as the composition root sees it: build it from config and ports, mount its
// routes on the shared Express app, start it (auth.test or the Socket Mode connection), hand its
// messenger to the scheduler's outbox, stop it on shutdown.
import type { App, Installation } from "@slack/bolt";
import type { Express } from "express";
import type { InstallationRepository } from "#core/alliance/installation-repository.js";
import type { ProcessedEventRepository } from "#core/alliance/processed-event-repository.js";
import type { Clock } from "#core/shared/clock.js";
import type { UninstallRetention } from "#core/alliance/uninstall-retention.js";
import type { Logger } from "#src/logger.js";
import { AckLatencyRecorder } from "./transport/ack-latency.js";
import type { MessageSender } from "#scheduling/outbox/message-sender.js";
import { createSlackOutboxSender } from "./transport/slack-outbox-sender.js";
import { botTokenResolver } from "./transport/bot-tokens.js";
import { ConfiguredTokenState, DEAD_TOKEN_ERRORS } from "./transport/token-revocation.js";
import { createInstallationStore } from "./transport/installation-store.js";
import { dropRedeliveredEvents, processedEventKey } from "./transport/retry-dedupe.js";
import { isEventCallback } from "./transport/events-receiver.js";
import { labelSlackRequest } from "./transport/request-kind.js";
import { buildBoltApp, webClientOptions, type SlackConfig } from "./transport/slack-app.js";
import { createSlackMessenger, type SlackMessenger } from "./transport/slack-messenger.js";
import { createSlackPersonalOpener } from "./transport/slack-personal-opener.js";
import type { PersonalConversationOpener } from "#scheduling/personal-reach.js";
import { registerUninstallListeners } from "./listeners/events/uninstall.js";
import { registerFeatureListeners, type SlackFeatureDeps } from "./listeners/register.js";

/** What Bolt's extended error handler receives (the last overload of App.error; not exported by Bolt). */
type ExtendedErrorHandlerArgs = Parameters<Parameters<App["error"]>[0]>[0];

/** What the Slack platform needs from the composition root. */
export interface SlackPlatformDeps {
  slack: SlackConfig;
  publicUrl?: string | undefined;
  logger: Logger;
  clock: Clock;
  processedEvents: ProcessedEventRepository;
  /** Required in OAuth mode: where installations (tokens encrypted) are kept. */
  installations: InstallationRepository<Installation> | null;
  /** Records uninstalls and reinstalls for the retention of personal data (core/alliance/uninstall-retention.ts). */
  retention?: Pick<UninstallRetention, "recordUninstall" | "recordReinstall"> | undefined;
  /** The core services the listeners call; without them only the transport runs (tests). */
  features?: Omit<SlackFeatureDeps, "messenger" | "logger" | "clock"> | undefined;
  /** Test knobs. */
  testing?: { authorizationUrl?: string; unhandledRequestTimeoutMillis?: number; nowSec?: () => number };
}

/** A built Slack platform. */
export interface SlackPlatform {
  /** Adds /slack/events (and /slack/install, /slack/oauth_redirect in OAuth mode) to `app`. */
  mount(app: Express): void;
  /** Verifies the bot token (auth.test) or opens the Socket Mode connection. */
  start(): Promise<void>;
  readonly messenger: SlackMessenger;
  /** The Bolt App (tests and benchmarks reach in; production code should not need it). */
  readonly bolt: App;
  /** Server-side ack times of /slack/events (HTTP modes). */
  readonly ackLatency: AckLatencyRecorder;
  /** The outbox's Slack sender (null without the feature services, which supply the workspaces). */
  readonly outboxSender: MessageSender | null;
  /** Opens a DM with a member who never wrote to the bot, for the scheduler (conversations.open). */
  readonly personalOpener: PersonalConversationOpener;
  /** Brings this platform's copies of a poll up to date (coalesced); a no-op without the poll feature. */
  requestPollUpdate(pollId: string): void;
  stop(): Promise<void>;
}

/** Builds the Slack platform for the configured mode. */
export function createSlackPlatform(deps: SlackPlatformDeps): SlackPlatform {
  const { slack, logger } = deps;
  if (slack.mode.kind === "oauth" && !deps.installations) {
    throw new Error("Slack OAuth mode needs an installation repository");
  }
  const retention = deps.retention;
  const store = deps.installations ? createInstallationStore(deps.installations, Date.now, async (workspace) => retention?.recordReinstall("slack", workspace)) : null;
  const ackLatency = new AckLatencyRecorder();
  const { app, router } = buildBoltApp({
    ackLatency,
    slack,
    logger,
    publicUrl: deps.publicUrl,
    installationStore: store ?? undefined,
    authorizationUrl: deps.testing?.authorizationUrl,
    unhandledRequestTimeoutMillis: deps.testing?.unhandledRequestTimeoutMillis,
    nowSec: deps.testing?.nowSec,
  });
  // Single-workspace and Socket Mode: once Slack says the configured token is dead (uninstall,
  // revocation, invalid_auth on a call) nothing is sent with it again until a restart.
  const configuredToken =
    slack.mode.kind === "oauth"
      ? undefined
      : new ConfiguredTokenState((reason) =>
          logger.error({ reason }, "Slack no longer accepts the configured bot token; nothing more is sent to Slack. Reinstall the app, set the new SLACK_BOT_TOKEN and restart"),
        );
  const messenger = createSlackMessenger({
    clientOptions: webClientOptions(slack, logger),
    botToken: botTokenResolver(slack, store, configuredToken),
    onPermanentFailure: (reason) => {
      if (DEAD_TOKEN_ERRORS.has(reason)) configuredToken?.revoke(reason);
    },
  });

  app.error(async ({ error, body }: ExtendedErrorHandlerArgs) => {
    logger.error({ err: error }, "Slack listener failed");
    if (slack.mode.kind === "socket" || !isEventCallback(body)) return;
    // An Events API delivery that failed (typically: the database is down) must not be lost.
    // Forget its event id so the redelivery is handled, then rethrow: EventsApiReceiver answers
    // 500 and Slack retries. If the database is down the id was never stored in the first place.
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === "string") await deps.processedEvents.forget(processedEventKey(eventId)).catch(() => {});
    throw error;
  });
  app.use(labelSlackRequest);
  app.use(dropRedeliveredEvents({ processedEvents: deps.processedEvents, clock: deps.clock, logger }));
  registerUninstallListeners(app, {
    installations: slack.mode.kind === "oauth" ? deps.installations : null,
    forget: (query) => store?.forget(query),
    ...(configuredToken ? { configuredToken } : {}),
    ...(retention ? { retention } : {}),
    logger,
  });
  const features = deps.features ? registerFeatureListeners(app, { ...deps.features, messenger, logger, clock: deps.clock }) : null;

  let started = false;
  return {
    bolt: app,
    ackLatency,
    outboxSender: deps.features ? createSlackOutboxSender({ messenger, workspaces: deps.features.workspaces }) : null,
    personalOpener: createSlackPersonalOpener(messenger),
    requestPollUpdate: (pollId) => features?.requestPollUpdate(pollId),
    messenger,
    mount(express) {
      if (router) express.use(router);
    },
    async start() {
      try {
        await app.init();
      } catch (error) {
        const reason = (error as { data?: { error?: string }; message?: string }).data?.error ?? (error as Error).message;
        throw new Error(`Slack did not accept the bot token at start-up (auth.test: ${reason}). Check SLACK_BOT_TOKEN and SLACK_API_URL.`);
      }
      if (slack.mode.kind === "socket") await app.start();
      started = true;
    },
    async stop() {
      await features?.stop();
      if (started && slack.mode.kind === "socket") await app.stop();
      started = false;
    },
  };
}
