// One MessageSender for the outbox dispatcher over the platforms that are switched on: routes
// each message by its platform, and after a scheduled poll run is posted records where, so later
// votes and the close can update that message.
import type { PollMessageRef } from "../core/polls/poll.js";
import type { Platform } from "../core/shared/refs.js";
import type { MessageSender, SendOutcome } from "./outbox/message-sender.js";
import type { LeasedMessage } from "./outbox/outbox-message.js";
import type { SchedulerLogger } from "./scheduler.js";

/** While a platform is switched off its messages wait (the bot may be restarted with it on). */
const DISABLED_PLATFORM_RETRY_MS = 15 * 60_000;

/** Routes outbox messages to the sender of their platform. */
export function createPlatformMessageSender(deps: {
  senders: Partial<Record<Platform, MessageSender | null>>;
  recordPollMessage?: (pollId: string, message: PollMessageRef) => Promise<void>;
  logger?: SchedulerLogger;
}): MessageSender {
  const senderOf = (message: LeasedMessage) => deps.senders[message.platform] ?? null;

  async function afterSent(message: LeasedMessage, ref: string): Promise<void> {
    const payload = message.payload;
    const pollId = payload && typeof payload === "object" && !Array.isArray(payload) ? payload["recordPollMessage"] : undefined;
    if (typeof pollId !== "string" || !deps.recordPollMessage) return;
    try {
      await deps.recordPollMessage(pollId, { workspaceId: message.workspaceId, conversationId: message.conversationId, messageId: ref });
    } catch (error) {
      // The post is out; failing now would post it again. The poll just won't live-update.
      deps.logger?.error({ pollId, err: error }, "could not record where a scheduled poll was posted");
    }
  }

  return {
    async send(message): Promise<SendOutcome> {
      const sender = senderOf(message);
      if (!sender) return { kind: "retry", error: `platform ${message.platform} is not enabled`, retryAfterMs: DISABLED_PLATFORM_RETRY_MS };
      const outcome = await sender.send(message);
      if (outcome.kind === "sent" && message.operation === "post") await afterSent(message, outcome.ref);
      return outcome;
    },
    async findDelivered(message) {
      const sender = senderOf(message);
      return sender?.findDelivered ? sender.findDelivered(message) : null;
    },
  };
}
