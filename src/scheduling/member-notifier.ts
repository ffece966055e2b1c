// Sends a view to a member in a 1:1 conversation on THEIR platform, through the outbox. A Slack
// listener that must reach someone whose space is a Teams organisation (or the other way round)
// cannot send it itself: it queues it here, and the dispatcher delivers it with the platform of
// the member's own space, retried like every scheduled message (DESIGN.md §2.7).
import type { CoreServices } from "#src/compose-services.js";
import type { Locale, Platform } from "#core/shared/refs.js";
import type { View } from "#core/views.js";
import { JobContext, type JobDeps } from "./job-context.js";
import type { Outbox } from "./outbox/outbox.js";
import type { PersonalConversationOpener } from "./personal-reach.js";
import type { SchedulerLogger } from "./scheduler.js";

/** Queues `view` for the member; false when the member cannot be reached (forgotten, refused). */
export type MemberNotifier = (memberId: string, view: View, locale: Locale, dedupeKey: string) => Promise<boolean>;

/**
 * Builds the notifier. `openers` may be filled after this is built (the platforms that provide
 * them are built after the services they use), so it is read at call time.
 */
export function createMemberNotifier(deps: {
  services: CoreServices;
  outbox: Pick<Outbox, "enqueue" | "find">;
  openers: Partial<Record<Platform, PersonalConversationOpener | null>>;
  logger?: SchedulerLogger;
}): MemberNotifier {
  const jobDeps: JobDeps = {
    services: deps.services,
    outbox: deps.outbox,
    openers: deps.openers,
    recurringPolls: async () => [],
    closedPolls: async () => [],
    renderCharts: async () => [],
    ...(deps.logger ? { logger: deps.logger } : {}),
  };
  const job = new JobContext(jobDeps);
  return async (memberId, view, locale, dedupeKey) => {
    const reach = await job.reachPersonal(memberId, "message from another space");
    if (reach.kind !== "reached") return false;
    await job.queueView(dedupeKey, reach.to, view, locale);
    return true;
  };
}
