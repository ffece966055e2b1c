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
// PostgreSQL) and lets only the first delivery have an effect: the event_id for events, the
// trigger_id for commands and interactions (Slack mints a fresh one for every command and every
// click, and it is covered by the signature).
// - Events (acked by Bolt before middleware) and modal submissions (whose handlers read the
//   database before they ack anyway) wait for the claim here; a repeat is acked empty and dropped.
// - Commands and clicks must be acked at once, whatever the database is doing (a burst of votes
//   would otherwise queue their acks behind the claims). Their claim starts here and runs while
//   the listener acks; the work after the ack (listeners/common.ts afterAck) waits for it through
//   `isFirstDelivery()` and does nothing for a repeat, which therefore gets its empty 200 and no
//   answer.
// Claiming before the effect also drops a retry that arrives while the first delivery still runs;
// a crash between the claim and the effect loses that one request, as it would without the claim
// (Slack does not retry commands), and handlers stay idempotent on their own where it matters.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Middleware, AnyMiddlewareArgs } from "@slack/bolt";
import type { ProcessedEventRepository } from "#core/alliance/processed-event-repository.js";
import type { Clock } from "#core/shared/clock.js";
import type { Logger } from "#src/logger.js";

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

/** The claim of the request being handled (set by the middleware for the listener's async work). */
const deliveries = new AsyncLocalStorage<{ first: Promise<boolean> }>();

/**
 * True when the request being handled is the first delivery of its key (also true outside a
 * request, and when it carries no key). Post-ack work awaits this before it changes anything.
 */
export function isFirstDelivery(): Promise<boolean> {
  return deliveries.getStore()?.first ?? Promise.resolve(true);
}

/** Bolt middleware that lets each event, command and interaction have one effect. */
export function dropRedeliveredEvents(deps: {
  processedEvents: ProcessedEventRepository;
  clock: Clock;
  logger: Logger;
}): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { body, context, next } = args;
    const key = requestKey(body);
    if (!key) return next();
    const dropped = (): void => deps.logger.info({ key, retryNum: context.retryNum, retryReason: context.retryReason }, "dropped a Slack request already handled");
    const ack = "ack" in args && typeof args.ack === "function" ? (args.ack as () => Promise<void>) : null;
    const claim = deps.processedEvents.markProcessed(key, deps.clock.now());
    if (!ack || (body as { type?: unknown }).type === "view_submission") {
      if (await claim) return next();
      dropped();
      if (ack) await ack(); // events were acked by Bolt before middleware runs
      return;
    }
    const first = claim.then((isFirst) => {
      if (!isFirst) dropped();
      return isFirst;
    });
    first.catch(() => {}); // awaited by the work after the ack; a failure surfaces there
    await deliveries.run({ first }, next);
  };
}
