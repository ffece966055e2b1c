// One effect per request Slack signed once, however often it arrives.
//
// - Events API: Slack redelivers an event when it saw no 2xx within 3 s (x-slack-retry-num,
//   Socket Mode retry_attempt) and Bolt runs the listener again (research-slack.md §3.3).
// - Slash commands and interactivity (buttons, modal submissions, shortcuts): Slack never retries
//   them, but anyone holding one signed request can send it again while its timestamp is inside
//   the signature window (5 minutes); a replayed /poll would create a second poll and post.
//
// So this global middleware claims an idempotency key per request in the processed-events table
// (INSERT … ON CONFLICT DO NOTHING, so the claim is atomic across every instance on one
// PostgreSQL) before any listener runs, and drops any later delivery with the same key: the
// event_id for events, the trigger_id for commands and interactions (Slack mints a fresh one for
// every command and every click, and it is covered by the signature). A dropped command or
// interaction is still acked (an empty 200), so the replay gets no answer and has no effect.
// Claiming before handling also drops a retry that arrives while the first delivery still runs;
// a crash between the claim and the effect loses that one request, as it would without the claim
// (Slack does not retry commands), and handlers stay idempotent on their own where it matters.
import type { Middleware, AnyMiddlewareArgs } from "@slack/bolt";
import type { ProcessedEventRepository } from "../../../core/alliance/processed-event-repository.js";
import type { Clock } from "../../../core/shared/clock.js";
import type { Logger } from "../../../logger.js";

/** The processed-events key of a Slack event id. */
export const processedEventKey = (eventId: string): string => `slack:${eventId}`;

/** The processed-events key of a command or interaction's trigger id. */
export const processedTriggerKey = (triggerId: string): string => `slack:trigger:${triggerId}`;

/** The idempotency key of a request, or null when it carries none (option loads, view_closed). */
export function requestKey(body: unknown): string | null {
  const { event_id: eventId, trigger_id: triggerId } = (body ?? {}) as { event_id?: unknown; trigger_id?: unknown };
  if (typeof eventId === "string" && eventId.length > 0) return processedEventKey(eventId);
  if (typeof triggerId === "string" && triggerId.length > 0 && triggerId.length <= 200) return processedTriggerKey(triggerId);
  return null;
}

/** Bolt middleware that lets each event, command and interaction through once. */
export function dropRedeliveredEvents(deps: {
  processedEvents: ProcessedEventRepository;
  clock: Clock;
  logger: Logger;
}): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { body, context, next } = args;
    const key = requestKey(body);
    if (key && !(await deps.processedEvents.markProcessed(key, deps.clock.now()))) {
      deps.logger.info({ key, retryNum: context.retryNum, retryReason: context.retryReason }, "dropped a Slack request already handled");
      // Events API requests are acked by Bolt before middleware runs; everything else needs it.
      if ("ack" in args && typeof args.ack === "function") await (args.ack as () => Promise<void>)();
      return;
    }
    await next();
  };
}
