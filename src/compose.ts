// Composition: builds storage, services, platforms, scheduler and the HTTP server from a Config.
// Only this file (called by main.ts, and by tests that want the whole bot) constructs
// infrastructure; everything else receives its dependencies.
import type { Config } from "./config.js";
import type { Logger } from "./logger.js";
import { openDatabase, type Database } from "./storage/database.js";
import { createHttpServer, finishRoutes } from "./http/server.js";
import { resolveAppSecret } from "./app-secret.js";
import { buildCoreServices, type CoreServices } from "./compose-services.js";
import { systemClock } from "./core/shared/clock.js";
import type { TeamsPlatform } from "./platforms/teams/teams-platform.js";
import { PrismaProcessedEventRepository } from "./storage/prisma/prisma-processed-event-repository.js";
import { buildSlackPlatform } from "./compose-slack.js";
import { startScheduling, type RunningScheduling } from "./compose-scheduler.js";
import type { SlackPlatform } from "./platforms/slack/slack-platform.js";

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
  /** Stops accepting work, finishes what is in flight, closes the database. Safe to call twice. */
  stop(): Promise<void>;
}

/** Describes which platforms are on, and how to switch on the others, for the start-up log. */
export function describePlatforms(config: Config): string[] {
  const lines: string[] = [];
  if (config.slack) lines.push(`Slack: enabled (${config.slack.mode.kind === "single" ? "single workspace" : config.slack.mode.kind === "oauth" ? "multi-workspace OAuth" : "Socket Mode"})`);
  else lines.push("Slack: disabled — set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (or SLACK_CLIENT_ID/SECRET for OAuth) to enable");
  if (config.teams) lines.push(`Teams: enabled (${config.teams.localMode ? "local mode, no authentication" : "authenticated"})`);
  else lines.push("Teams: disabled — set CLIENT_ID and CLIENT_SECRET (or TEAMS_LOCAL_MODE=true for local try-out) to enable");
  return lines;
}

/** Builds and starts everything; on failure closes whatever was opened and rethrows. */
export async function startBot(config: Config, logger: Logger): Promise<RunningBot> {
  const startedAt = performance.now();
  const database = await openDatabase(config.database);
  try {
    if (database.appliedMigrations.length > 0) {
      logger.info({ migrations: database.appliedMigrations }, "database migrated");
    }
    const secret = resolveAppSecret(config.appSecret, config.dataDir);
    const services = buildCoreServices({ prisma: database.prisma, clock: systemClock, secret });
    const http = createHttpServer({ logger, ready: () => database.ping() });
    // Imported only when configured: the Teams SDK is ~50 MB of a running bot that does not use it.
    const teams = config.teams
      ? (await import("./platforms/teams/teams-platform.js")).createTeamsPlatform({
          config: config.teams,
          logger,
          clock: services.clock,
          conversations: services.stores.conversations,
          workspaces: services.stores.workspaces,
          processedEvents: new PrismaProcessedEventRepository(database.prisma),
          services: { ...services, memberRepository: services.stores.members },
        })
      : null;
    await teams?.mount(http.app);
    const slack = buildSlackPlatform({ config, logger, services, prisma: database.prisma, secret });
    slack?.mount(http.app);
    await slack?.start();
    finishRoutes(http.app, logger);
    // Teams local mode accepts unauthenticated requests, so it only ever listens on loopback.
    const host = config.teams?.localMode ? "127.0.0.1" : config.http.host;
    const port = await http.listen(config.http.port, host);
    // After listening, so health checks answer at once; the first tick runs in the background.
    const scheduling = startScheduling({
      config,
      logger,
      services,
      prisma: database.prisma,
      senders: { slack: slack?.outboxSender ?? null, teams: teams?.outboxSender ?? null },
    });
    for (const line of describePlatforms(config)) logger.info(line);
    logger.info(
      { port, database: database.kind, node: process.version, startupMs: Math.round(performance.now() - startedAt) },
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
