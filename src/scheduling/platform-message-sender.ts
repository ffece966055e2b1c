// One MessageSender for the outbox dispatcher over the platforms that are switched on: routes
// each message by its platform; threads a message whose payload names `replyTo` (the dedupe key
// of an earlier outbox message, e.g. the summary's chart upload under the summary post) under
// where that message landed; and after a scheduled poll run is posted records where, so later
// votes and the close can update that message; likewise where a copy of an alliance poll landed
// in another space's alliance channel (see alliance-poll-relay.ts).
import type { PollMessageRef } from "#core/polls/poll.js";
import type { Platform } from "#core/shared/refs.js";
import type { MessageSender, SendOutcome } from "./outbox/message-sender.js";
import type { JsonObject, LeasedMessage, OutboxMessage } from "./outbox/outbox-message.js";
import type { SchedulerLogger } from "./scheduler.js";

/** While a platform is switched off its messages wait (the bot may be restarted with it on). */
const DISABLED_PLATFORM_RETRY_MS = 15 * 60_000;
/** Shortest wait for the message replied to; its own retry time usually says more. */
const REPLY_WAIT_MIN_MS = 2_000;

const objectOf = (payload: LeasedMessage["payload"]): JsonObject | null =>
  payload && typeof payload === "object" && !Array.isArray(payload) ? payload : null;

/** Routes outbox messages to the sender of their platform. */
export function createPlatformMessageSender(deps: {
  senders: Partial<Record<Platform, MessageSender | null>>;
  recordPollMessage?: (pollId: string, message: PollMessageRef) => Promise<void>;
  /** Records a delivered copy of an alliance poll (payload `recordPollCopy`) and refreshes the copies. */
  recordPollCopy?: (pollId: string, copy: PollMessageRef) => Promise<void>;
  /** Looks up an outbox message by dedupe key (for `replyTo`); without it replies go unthreaded. */
  findMessage?: (dedupeKey: string) => Promise<OutboxMessage | null>;
  /** Default: the system clock (only used to size the wait for a message replied to). */
  now?: () => Date;
  logger?: SchedulerLogger;
}): MessageSender {
  const senderOf = (message: LeasedMessage) => deps.senders[message.platform] ?? null;
  const now = deps.now ?? (() => new Date());

  async function afterSent(message: LeasedMessage, ref: string): Promise<void> {
    const payload = objectOf(message.payload);
    const copyOf = payload?.["recordPollCopy"];
    const runOf = payload?.["recordPollMessage"];
    const [pollId, record] =
      typeof copyOf === "string" ? [copyOf, deps.recordPollCopy] : typeof runOf === "string" ? [runOf, deps.recordPollMessage] : [null, undefined];
    if (pollId === null || !record) return;
    try {
      await record(pollId, { workspaceId: message.workspaceId, conversationId: message.conversationId, messageId: ref });
    } catch (error) {
      // The post is out; failing now would post it again. The poll just won't live-update.
      deps.logger?.error({ pollId, err: error }, "could not record where a scheduled poll was posted");
    }
  }

  /**
   * The message as the platform sender should get it: with `threadTs` set to the ref of the
   * message it replies to once that was delivered; otherwise an outcome that says to wait (still
   * pending or sending) or give up (it died, so a reply would stand alone).
   */
  async function resolveReply(message: LeasedMessage): Promise<LeasedMessage | SendOutcome> {
    const payload = objectOf(message.payload);
    const replyTo = payload?.["replyTo"];
    if (typeof replyTo !== "string" || !deps.findMessage || !payload) return message;
    const parent = await deps.findMessage(replyTo);
    if (!parent || parent.status === "dead") return { kind: "permanent", error: `the message it replies to (${replyTo}) was not delivered` };
    if (parent.status === "sent") return parent.resultRef ? { ...message, payload: { ...payload, threadTs: parent.resultRef } } : message;
    // Pending: until its next attempt; sending: until its lease ends (it may belong to a dead process).
    const until = parent.status === "sending" && parent.lockedUntil ? parent.lockedUntil : parent.nextAttemptAt;
    return { kind: "retry", error: `waiting for ${replyTo}`, retryAfterMs: Math.max(REPLY_WAIT_MIN_MS, until.getTime() - now().getTime() + 1_000) };
  }

  return {
    async send(message): Promise<SendOutcome> {
      const sender = senderOf(message);
      if (!sender) return { kind: "retry", error: `platform ${message.platform} is not enabled`, retryAfterMs: DISABLED_PLATFORM_RETRY_MS };
      const resolved = await resolveReply(message);
      if ("kind" in resolved) return resolved;
      const outcome = await sender.send(resolved);
      if (outcome.kind === "sent" && message.operation === "post") await afterSent(message, outcome.ref);
      return outcome;
    },
    async findDelivered(message) {
      const sender = senderOf(message);
      return sender?.findDelivered ? sender.findDelivered(message) : null;
    },
  };
}
