// Slack redelivers an event when it saw no 2xx within 3 s (x-slack-retry-num, Socket Mode
// retry_attempt). Bolt runs the listener again (research-slack.md §3.3), so this global middleware
// records each event_id once in the processed-events table and drops any later delivery. Recording
// happens before handling so a retry that arrives while the first delivery is still running is
// dropped too; handlers are idempotent on their own where a lost event would matter.
import type { Middleware, AnyMiddlewareArgs } from "@slack/bolt";
import type { ProcessedEventRepository } from "../../../core/alliance/processed-event-repository.js";
import type { Clock } from "../../../core/shared/clock.js";
import type { Logger } from "../../../logger.js";

/** The processed-events key of a Slack event id. */
export const processedEventKey = (eventId: string): string => `slack:${eventId}`;

/** Bolt middleware that lets each Events API event_id through once. */
export function dropRedeliveredEvents(deps: {
  processedEvents: ProcessedEventRepository;
  clock: Clock;
  logger: Logger;
}): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === "string" && eventId.length > 0) {
      const first = await deps.processedEvents.markProcessed(processedEventKey(eventId), deps.clock.now());
      if (!first) {
        deps.logger.info({ eventId, retryNum: context.retryNum, retryReason: context.retryReason }, "dropped a redelivered Slack event");
        return; // Events API requests are acked by Bolt before middleware runs
      }
    }
    await next();
  };
}
