// The platform side of the outbox: Slack and Teams adapters implement this. Delivery is
// at-least-once from the outbox's side; exactly-once as people see it comes from the adapter
// recognising its own earlier post by the message's dedupeKey (see findDelivered).
import type { LeasedMessage } from "./outbox-message.js";

/** What a send attempt came to. */
export type SendOutcome =
  /** Delivered; `ref` is the platform's message id (Slack `ts`, Teams activity id). */
  | { kind: "sent"; ref: string }
  /** Not delivered, try again: rate limit (with the platform's Retry-After), 5xx, network. */
  | { kind: "retry"; error: string; retryAfterMs?: number }
  /** Will never work (channel gone, bot removed, invalid payload): stop trying. */
  | { kind: "permanent"; error: string };

/** Sends outbox messages to one or more platforms. */
export interface MessageSender {
  /**
   * Sends the message. Should carry `message.dedupeKey` in the post where the platform allows
   * (Slack: message `metadata` event payload), so findDelivered can see it later. Throwing counts
   * as a retryable failure.
   */
  send(message: LeasedMessage): Promise<SendOutcome>;
  /**
   * Looks on the platform for a post of this message made by an earlier attempt whose outcome was
   * never recorded; returns its ref, or null if it is not there. Called before re-sending an
   * `uncertain` message or any retry. Without it, a crash between send and record can post twice.
   * Slack: `conversations.history` (with `include_all_metadata`) around the first attempt,
   * matching metadata `atb_outbox.dedupe_key`. Updates are idempotent and need no lookup.
   */
  findDelivered?(message: LeasedMessage): Promise<string | null>;
}
