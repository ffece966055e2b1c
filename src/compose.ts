// Composition: builds storage, services, platforms, scheduler and the HTTP server from a Config.
// Only this file (called by main.ts, and by tests that want the whole bot) constructs
// infrastructure; everything else receives its dependencies.
import type { Config } from "./config.js";
import type { Logger } from "./logger.js";
import { openDatabase, type Database } from "#storage/database.js";
import { createHttpServer, finishRoutes } from "#http/server.js";
import { mountMethodsPage } from "#http/methods-page.js";
import { resolveAppSecret } from "./app-secret.js";
import { buildCoreServices, type CoreServices } from "./compose-services.js";
import { systemClock } from "#core/shared/clock.js";
import type { TeamsPlatform } from "#platforms/teams/teams-platform.js";
import { withPeriodicPrune } from "#core/alliance/pruning-processed-events.js";
import { PrismaProcessedEventRepository } from "#storage/prisma/prisma-processed-event-repository.js";
import { buildSlackPlatform } from "./compose-slack.js";
import { startScheduling, type RunningScheduling } from "./compose-scheduler.js";
import type { SlackPlatform } from "#platforms/slack/slack-platform.js";
import type { Platform } from "#core/shared/refs.js";
import { createMemberNotifier } from "#scheduling/member-notifier.js";
import { createAlliancePollRelay, type PollCopyUpdater } from "#scheduling/alliance-poll-relay.js";
import type { AlliancePollRelay } from "#core/polls/alliance-poll-relay.js";
import { Outbox } from "#scheduling/outbox/outbox.js";
import type { PersonalConversationOpener } from "#scheduling/personal-reach.js";
import { PrismaOutboxStore } from "#storage/prisma/prisma-outbox-store.js";
import { BotMetrics } from "#observability/metrics.js";
import { PlatformHealth } from "#observability/platform-health.js";
import { instrumentSender, instrumentServices } from "#observability/instrument.js";
import { outboxDepth } from "#storage/prisma/prisma-outbox-depth.js";
import { poolStatsOf } from "#storage/prisma-client.js";

/** A started bot. */
export interface RunningBot {
  readonly port: number;
  readonly database: Database;
  /** The core services (the scheduler and tests drive them). */
  readonly services: CoreServices;
  /** The Teams platform when enabled (its messenger makes proactive sends). */
  readonly teams: TeamsPlatform | null;
  /** The Slack platform when enabled (its outboxSender delivers scheduled posts). */
  readonly slack: SlackPlatform | null;
  /** The scheduler and outbox dispatcher, unless SCHEDULER_ENABLED=false. */
  readonly scheduling: RunningScheduling | null;
  /** The Prometheus registry behind /metrics. */
  readonly metrics: BotMetrics;
  /** Alliance polls across spaces: posts copies through the outbox, fans updates out to the platforms. */
  readonly pollRelay: AlliancePollRelay;
  /** Stops accepting work, finishes what is in flight, closes the database. Safe to call twice. */
  stop(): Promise<void>;
}

/** Printed when a bare `npm start` fell back to Teams local mode: what to do next. */
const TRY_IT_LINES = [
  "No chat platform is configured, so Teams local mode is on (no authentication, loopback only).",
  "Try it: `npm run playground` opens a Teams-like chat in your browser; `npm run demo` writes a sample alliance's trust-health summary.",
  "Connect Slack: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (docs/slack.md). Connect Teams: set CLIENT_ID and CLIENT_SECRET (docs/teams.md).",
];

/** Describes which platforms are on, and how to switch on the others, for the start-up log. */
export function describePlatforms(config: Config): string[] {
  const lines: string[] = [];
  if (config.slack) lines.push(`Slack: enabled (${config.slack.mode.kind === "single" ? "single workspace" : config.slack.mode.kind === "oauth" ? "multi-workspace OAuth" : "Socket Mode"})`);
  else lines.push("Slack: disabled — set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (or SLACK_CLIENT_ID/SECRET for OAuth) to enable");
  if (config.teams) lines.push(`Teams: enabled (${config.teams.localMode ? "local mode, no authentication" : "authenticated"})`);
  else lines.push("Teams: disabled — set CLIENT_ID and CLIENT_SECRET (or TEAMS_LOCAL_MODE=true for local try-out) to enable");
  if (config.teams?.localModeByDefault) lines.push(...TRY_IT_LINES);
  return lines;
}

/** Builds and starts everything; on failure closes whatever was opened and rethrows. */
export async function startBot(config: Config, logger: Logger): Promise<RunningBot> {
  const startedAt = performance.now();
  // Where a start's time goes, in the "listening" log line: `loadMs` is the process's own start
  // (Node, the build check, loading the modules, reading the config) before startBot was called;
  // each phase after it is cumulative ms since then.
  const phases: Record<string, number> = { loadMs: Math.round(startedAt) };
  const phase = (name: string) => (phases[name] = Math.round(performance.now() - startedAt));
  const database = await openDatabase(config.database);
  phase("databaseMs");
  try {
    if (database.appliedMigrations.length > 0) {
      logger.info({ migrations: database.appliedMigrations }, "database migrated");
    }
    const secret = resolveAppSecret(config.appSecret, config.dataDir);
    // Metrics are recorded around the services and ports here, so the core never sees them.
    const metrics = new BotMetrics();
    const health = new PlatformHealth([...(config.slack ? (["slack"] as const) : []), ...(config.teams ? (["teams"] as const) : [])], metrics);
    metrics.readFrom({ outboxDepth: () => outboxDepth(database.prisma), poolStats: () => poolStatsOf(database.prisma) });
    const services = instrumentServices(buildCoreServices({ prisma: database.prisma, clock: systemClock, secret, retentionDays: config.retention.daysAfterUninstall, methodsUrl: config.methodsUrl }), metrics);
    const sealed = await services.stores.polls.sealPlainAnonymousBallots();
    if (sealed > 0) logger.info({ ballots: sealed }, "sealed anonymous ballots stored before sealing");
    phase("servicesMs");
    const http = createHttpServer({ logger, ready: () => database.ping(), metrics, health });
    // The methods note summaries link to (config.methodsUrl defaults to PUBLIC_URL/methods).
    mountMethodsPage(http.app, { logger });
    // Reaches a member of another space (a Teams member from a Slack listener, or the other way
    // round) through the outbox; the platforms' openers are filled in once the platforms exist.
    const openers: Partial<Record<Platform, PersonalConversationOpener | null>> = {};
    const outbox = new Outbox(new PrismaOutboxStore(database.prisma), services.clock);
    const notifyMember = createMemberNotifier({ services, outbox, openers, logger });
    // Alliance polls: copies into every linked space's alliance channel through the outbox, and a
    // vote on one platform updates the copies on the other (filled in once the platforms exist).
    const pollUpdaters: Partial<Record<Platform, PollCopyUpdater | null>> = {};
    const pollRelay = createAlliancePollRelay({ services, outbox, updaters: pollUpdaters, logger });
    // Ballots of one person merged after a verification: every copy of that poll shows the new count.
    services.onPersonBallotsMerged((pollId) => pollRelay.changed(pollId));
    // Imported only when configured: the Teams SDK is ~50 MB of a running bot that does not use it.
    const teams = config.teams
      ? (await import("#platforms/teams/teams-platform.js")).createTeamsPlatform({
          config: config.teams,
          logger,
          clock: services.clock,
          conversations: services.stores.conversations,
          workspaces: services.stores.workspaces,
          processedEvents: withPeriodicPrune(new PrismaProcessedEventRepository(database.prisma), services.clock),
          services: { ...services, memberRepository: services.stores.members, notifyMember, pollRelay },
          retention: services.retention,
          // Only PostgreSQL is shared by several instances; embedded PGlite is one process, so the
          // per-process coalescing is already exact there and a lease round trip would buy nothing.
          ...(database.kind === "postgresql" ? { updateClaim: (key: string, leaseMs: number) => services.stores.updateLeases.claim(key, leaseMs) } : {}),
        })
      : null;
    await teams?.mount(http.app);
    const slack = buildSlackPlatform({ config, logger, services, prisma: database.prisma, secret, notifyMember, pollRelay });
    openers.slack = slack?.personalOpener ?? null;
    openers.teams = teams?.personalOpener ?? null;
    pollUpdaters.slack = slack ? (pollId) => slack.requestPollUpdate(pollId) : null;
    pollUpdaters.teams = teams ? (pollId) => teams.requestPollUpdate(pollId) : null;
    slack?.mount(http.app);
    await slack?.start();
    if (slack && config.slack?.mode.kind !== "oauth") health.outbound("slack"); // auth.test answered
    phase("platformsMs");
    finishRoutes(http.app, logger);
    // Teams local mode accepts unauthenticated requests, so it only ever listens on loopback.
    const host = config.teams?.localMode ? "127.0.0.1" : config.http.host;
    const port = await http.listen(config.http.port, host);
    phase("listeningMs");
    // After listening, so health checks answer at once; the first tick runs in the background.
    const scheduling = startScheduling({
      config,
      logger,
      services,
      prisma: database.prisma,
      senders: { slack: instrumentSender(slack?.outboxSender ?? null, "slack", health), teams: instrumentSender(teams?.outboxSender ?? null, "teams", health) },
      openers: { slack: slack?.personalOpener ?? null, teams: teams?.personalOpener ?? null },
      pollRelay,
      metrics,
    });
    for (const line of describePlatforms(config)) logger.info(line);
    logger.info(
      { port, database: database.kind, node: process.version, startupMs: Math.round(performance.now() - startedAt), startup: phases },
      `Alliance Trust Bot listening on http://${host === "0.0.0.0" ? "localhost" : host}:${port} (database: ${database.kind === "pglite" ? "embedded PGlite" : "PostgreSQL"})`,
    );
    let stopping: Promise<void> | undefined;
    return {
      port,
      database,
      services,
      teams,
      slack,
      scheduling,
      metrics,
      pollRelay,
      stop() {
        stopping ??= (async () => {
          await http.close();
          await scheduling?.stop();
          await slack?.stop();
          await teams?.stop();
          await database.close();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
