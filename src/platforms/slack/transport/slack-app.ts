// Builds the Bolt App for one of the three ways to run (config.slack.mode):
//   single → ExpressReceiver on a Router mounted on the shared Express app, one bot token;
//   oauth  → the same, plus Bolt's installer routes and our encrypted InstallationStore;
//   socket → Bolt's SocketModeReceiver (app-level token), no HTTP routes at all.
// The Router is what the shared HTTP server mounts, so Slack shares the one port with /healthz
// and Teams; the freshness guard sits in front of Bolt's own signature check.
import { App, type InstallationStore } from "@slack/bolt";
import express, { type Router } from "express";
import type { Config } from "#src/config.js";
import type { Logger } from "#src/logger.js";
import type { AckLatencyRecorder } from "./ack-latency.js";
import { boltLogger } from "./bolt-logger.js";
import { EventsApiReceiver } from "./events-receiver.js";
import { requestFreshnessGuard } from "./request-freshness.js";

/** Slack's part of the configuration. */
export type SlackConfig = NonNullable<Config["slack"]>;

/** The paths Slack calls. */
export const SLACK_PATHS = {
  events: "/slack/events",
  install: "/slack/install",
  oauthRedirect: "/slack/oauth_redirect",
} as const;

/** The bot scopes the app asks for; keep in step with manifests/slack.yaml (a test checks). */
export const BOT_SCOPES = [
  "commands",
  "chat:write",
  "chat:write.public",
  "im:write",
  "users:read",
  "users:read.email",
  "files:write",
] as const;

/** Options beyond the config, mostly for tests. */
export interface BoltAppOptions {
  slack: SlackConfig;
  logger: Logger;
  publicUrl?: string | undefined;
  installationStore?: InstallationStore | undefined;
  /** Where "Add to Slack" links to (tests point it at anything local). */
  authorizationUrl?: string | undefined;
  /** Bolt answers 404 itself when a listener has not acked by then (Slack gives up at 3 s). */
  unhandledRequestTimeoutMillis?: number | undefined;
  /** Seconds since the epoch, for the freshness guard. */
  nowSec?: (() => number) | undefined;
  /** Records server-side ack times of /slack/events. */
  ackLatency?: AckLatencyRecorder | undefined;
}

/** The built Bolt App and, in HTTP modes, the Router to mount. */
export interface BuiltBoltApp {
  app: App;
  router: Router | null;
}

/**
 * Web API client options shared by Bolt and the messenger. A 429 is thrown at once (the outbox and
 * the update coalescer wait Retry-After themselves) instead of pausing the whole client; network
 * errors and 5xx get two quick retries, never the SDK's default of 10 over 30 minutes.
 */
export function webClientOptions(slack: SlackConfig, logger: Logger) {
  return {
    slackApiUrl: slack.apiUrl.endsWith("/") ? slack.apiUrl : `${slack.apiUrl}/`,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1_000 },
    logger: boltLogger(logger),
  };
}

/** Builds (but does not initialise) the Bolt App for `options.slack.mode`. */
export function buildBoltApp(options: BoltAppOptions): BuiltBoltApp {
  const { slack, logger } = options;
  const clientOptions = webClientOptions(slack, logger);
  const log = boltLogger(logger);
  const mode = slack.mode;
  if (mode.kind === "socket") {
    const app = new App({
      socketMode: true,
      appToken: mode.appToken,
      token: mode.botToken,
      clientOptions,
      logger: log,
      extendedErrorHandler: true,
      deferInitialization: true,
    });
    return { app, router: null };
  }
  const router = express.Router();
  if (options.ackLatency) router.use(SLACK_PATHS.events, options.ackLatency.middleware());
  router.use(SLACK_PATHS.events, requestFreshnessGuard(options.nowSec));
  const oauth = mode.kind === "oauth" ? mode : null;
  if (oauth && !options.installationStore) throw new Error("Slack OAuth mode needs an installation store");
  const receiver = new EventsApiReceiver({
    signingSecret: slack.signingSecret,
    logger: log,
    endpoints: SLACK_PATHS.events,
    router,
    // The receiver insists on an Express app to attach the router to; the shared server mounts
    // the router itself, so this app is never listened on.
    app: express(),
    ...(options.unhandledRequestTimeoutMillis !== undefined ? { unhandledRequestTimeoutMillis: options.unhandledRequestTimeoutMillis } : {}),
    ...(oauth
      ? {
          clientId: oauth.clientId,
          clientSecret: oauth.clientSecret,
          stateSecret: oauth.stateSecret,
          installationStore: options.installationStore,
          scopes: [...BOT_SCOPES],
          ...(options.publicUrl ? { redirectUri: new URL(SLACK_PATHS.oauthRedirect, options.publicUrl).toString() } : {}),
          installerOptions: {
            installPath: SLACK_PATHS.install,
            redirectUriPath: SLACK_PATHS.oauthRedirect,
            // A hand-built receiver does not pass App.clientOptions to the installer's WebClient.
            clientOptions: { slackApiUrl: clientOptions.slackApiUrl, retryConfig: clientOptions.retryConfig },
            ...(options.authorizationUrl ? { authorizationUrl: options.authorizationUrl } : {}),
          },
        }
      : {}),
  });
  const app = new App({
    receiver,
    ...(oauth ? {} : { token: mode.kind === "single" ? mode.botToken : undefined }),
    clientOptions,
    logger: log,
    // The error handler gets the request body, so it can tell an Events API failure (answer 500
    // so Slack retries) from a command's (already acked).
    extendedErrorHandler: true,
    // auth.test runs in init(), awaited at start-up, instead of floating from the constructor.
    deferInitialization: true,
  });
  return { app, router };
}
