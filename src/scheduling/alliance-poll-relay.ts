// Alliance polls across spaces (issue 10): queues a copy of an alliance poll into the alliance
// channel of every linked space through the outbox — one message per target, under the dedupe
// key `poll-copy:<poll>:<space>`, so a retry or a second click never posts twice and a 429 or
// 5xx period only delays it — and fans a change of the poll (a vote, a close) out to the update
// coalescing of every platform, which updates that platform's copies. Where each copy landed is
// recorded on delivery (payload `recordPollCopy`, see platform-message-sender.ts), after which
// the copy is refreshed once, so votes cast while it waited in the outbox show at once.
import type { CoreServices } from "#src/compose-services.js";
import type { AlliancePollRelay, AlliancePollTarget } from "#core/polls/alliance-poll-relay.js";
import { pollLocale } from "#core/polls/poll-locale.js";
import { buildPollView } from "#core/polls/poll-views.js";
import type { Locale, Platform } from "#core/shared/refs.js";
import type { View } from "#core/views.js";
import { JobContext } from "./job-context.js";
import type { Outbox } from "./outbox/outbox.js";
import type { SchedulerLogger } from "./scheduler.js";

/** The outbox key of the copy of alliance poll `pollId` in space `workspaceId`. */
export const pollCopyDedupeKey = (pollId: string, workspaceId: string) => `poll-copy:${pollId}:${workspaceId}`;

/** The alliance channels of the alliance's spaces: where an alliance poll's copies go. */
export async function alliancePollTargets(services: CoreServices, allianceId: string): Promise<AlliancePollTarget[]> {
  return (await services.stores.spaces.listSpaces(allianceId)).flatMap((space) =>
    space.allianceConversationId === null ? [] : [{ platform: space.platform, workspaceId: space.workspaceId, conversationId: space.allianceConversationId, spaceName: space.name }],
  );
}

/**
 * Queues `view` of alliance poll `pollId` into every alliance channel but `except` (the
 * conversation the poll was created or posted in), once per space; returns how many targets.
 */
export async function queueAlliancePollCopies(
  job: JobContext,
  poll: { id: string; allianceId: string },
  view: View,
  locale: Locale,
  except: Pick<AlliancePollTarget, "workspaceId" | "conversationId"> | null,
): Promise<number> {
  const pending = (await alliancePollTargets(job.services, poll.allianceId)).filter(
    (to) => !(except && except.workspaceId === to.workspaceId && except.conversationId === to.conversationId),
  );
  for (const to of pending) {
    await job.queueView(pollCopyDedupeKey(poll.id, to.workspaceId), to, view, locale, { extras: { recordPollCopy: poll.id } });
  }
  return pending.length;
}

/** Asks one platform to bring its copies of a poll up to date (coalesced). */
export type PollCopyUpdater = (pollId: string) => void;

/**
 * Builds the relay. `updaters` may be filled after this is built (the platforms that provide
 * them are built after the services they use), so it is read at call time.
 */
export function createAlliancePollRelay(deps: {
  services: CoreServices;
  outbox: Pick<Outbox, "enqueue" | "find">;
  updaters: Partial<Record<Platform, PollCopyUpdater | null>>;
  logger?: SchedulerLogger;
}): AlliancePollRelay {
  const job = new JobContext({
    services: deps.services,
    outbox: deps.outbox,
    recurringPolls: async () => [],
    closedPolls: async () => [],
    renderCharts: async () => [],
    ...(deps.logger ? { logger: deps.logger } : {}),
  });

  return {
    targets: (allianceId) => alliancePollTargets(deps.services, allianceId),

    async postCopies(pollId) {
      const polls = deps.services.polls;
      const results = await polls.getResults(null, pollId);
      const poll = results.poll;
      if (!poll.forAlliance) return 0;
      const alliance = await deps.services.alliances.getAlliance(poll.allianceId);
      // One message, one language: the poll's (its creator's), on every copy.
      const locale = await pollLocale(poll, deps.services.stores.members, alliance.locale);
      const view = buildPollView(results, { locale, timeZone: alliance.timezone, now: deps.services.clock.now() });
      // The conversation it was created in has it already (its creator posted it there).
      const copies = await queueAlliancePollCopies(job, poll, view, locale, poll.message);
      deps.logger?.info({ pollId, copies }, "alliance poll copies queued");
      return copies;
    },

    changed(pollId, from) {
      for (const [platform, update] of Object.entries(deps.updaters) as [Platform, PollCopyUpdater | null][]) {
        if (platform !== from && update) update(pollId);
      }
    },
  };
}
