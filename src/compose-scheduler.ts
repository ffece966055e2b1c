// Builds the scheduler and the outbox dispatcher (called by compose.ts when SCHEDULER_ENABLED):
// the job handlers over the core services queue their posts in the durable outbox; the
// dispatcher delivers them through the enabled platforms' senders. Starting costs nothing up
// front: the first tick (which also catches up missed runs) runs in the background.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { renderSummaryCharts } from "#charts/lazy-summary-charts.js";
import type { CoreServices } from "./compose-services.js";
import type { Config } from "./config.js";
import type { Logger } from "./logger.js";
import type { Platform } from "#core/shared/refs.js";
import type { AlliancePollRelay } from "#core/polls/alliance-poll-relay.js";
import { createCoreJobHandlers } from "#scheduling/core-job-handlers.js";
import { startCronTicker } from "#scheduling/cron-ticker.js";
import type { MessageSender } from "#scheduling/outbox/message-sender.js";
import { Outbox } from "#scheduling/outbox/outbox.js";
import { OutboxDispatcher } from "#scheduling/outbox/outbox-dispatcher.js";
import { createPlatformMessageSender } from "#scheduling/platform-message-sender.js";
import type { PersonalConversationOpener } from "#scheduling/personal-reach.js";
import { housekeepingPruners } from "#scheduling/housekeeping.js";
import { Scheduler } from "#scheduling/scheduler.js";
import { PrismaJobClaimStore } from "#storage/prisma/prisma-job-claim-store.js";
import { PrismaOutboxStore } from "#storage/prisma/prisma-outbox-store.js";
import { prismaScheduledAlliances } from "#storage/prisma/prisma-scheduled-alliances.js";
import type { PrismaClient } from "#storage/prisma-client.js";
import type { BotMetrics } from "#observability/metrics.js";
import { instrumentClaims, instrumentOutboxStore } from "#observability/instrument.js";

/** The running scheduler and dispatcher. */
export interface RunningScheduling {
  readonly scheduler: Scheduler;
  readonly dispatcher: OutboxDispatcher;
  readonly outbox: Outbox;
  /** Stops ticking and delivering, after the work in progress. */
  stop(): Promise<void>;
}

/** Starts scheduling, or returns null when the config switches it off. */
export function startScheduling(deps: {
  config: Config;
  logger: Logger;
  services: CoreServices;
  prisma: PrismaClient;
  senders: Partial<Record<Platform, MessageSender | null>>;
  /** Open 1:1 conversations with members who never wrote to the bot (pulse, reminders). */
  openers?: Partial<Record<Platform, PersonalConversationOpener | null>>;
  /** Refreshes every copy of an alliance poll once a copy is delivered (votes may have come in meanwhile). */
  pollRelay?: Pick<AlliancePollRelay, "changed">;
  /** Counts deliveries, retries, dead messages, claims and runs (absent in some tests). */
  metrics?: BotMetrics;
}): RunningScheduling | null {
  const { config, logger, services, prisma } = deps;
  if (!config.scheduler.enabled) return null;
  const polls = services.stores.polls;
  const prismaStore = new PrismaOutboxStore(prisma);
  const store = deps.metrics ? instrumentOutboxStore(prismaStore, deps.metrics) : prismaStore;
  const dispatcher = new OutboxDispatcher({
    store,
    sender: createPlatformMessageSender({
      senders: deps.senders,
      recordPollMessage: (id, message) => services.polls.recordMessage(id, message),
      recordPollCopy: async (id, copy) => {
        await services.polls.recordCopy(id, copy);
        deps.pollRelay?.changed(id);
      },
      findMessage: (dedupeKey) => store.findByDedupeKey(dedupeKey),
      now: () => services.clock.now(),
      logger,
    }),
    clock: services.clock,
    logger,
  });
  const outbox = new Outbox(store, services.clock, () => dispatcher.notify());
  const handlers = createCoreJobHandlers({
    services,
    recurringPolls: () => polls.listRecurring(),
    closedPolls: (since) => polls.listClosedSince(since),
    outbox,
    renderCharts: (summary, locale) => renderSummaryCharts(summary, locale),
    ...(deps.openers ? { openers: deps.openers } : {}),
    logger,
  });
  const scheduler = new Scheduler(
    {
      claims: deps.metrics ? instrumentClaims(new PrismaJobClaimStore(prisma), deps.metrics) : new PrismaJobClaimStore(prisma),
      handlers,
      alliances: prismaScheduledAlliances(prisma, services.stores.alliances),
      clock: services.clock,
      instanceId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      logger,
      pruners: housekeepingPruners({ updateLeases: services.stores.updateLeases, linkAudit: services.stores.spaces }),
    },
    { catchUpWindowMs: config.scheduler.catchUpHours * 3_600_000 },
  );
  dispatcher.start();
  const ticker = startCronTicker(scheduler, logger);
  let stopping: Promise<void> | undefined;
  return {
    scheduler,
    dispatcher,
    outbox,
    stop() {
      stopping ??= (async () => {
        await ticker.stop();
        await dispatcher.stop();
      })();
      return stopping;
    },
  };
}
