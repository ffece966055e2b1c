// A message waiting to be posted to Slack or Teams, as the durable outbox stores it.
import type { Platform } from "#core/shared/refs.js";

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
/** A JSON object: the shape of every payload (stored as JSONB). */
export type JsonObject = { [key: string]: JsonValue };

/** What to do on the platform: post to a channel, update a posted message, DM a user, upload a file. */
export type OutboxOperation = "post" | "update" | "direct" | "upload";

/** Where a message is in its life. */
export type OutboxStatus = "pending" | "sending" | "sent" | "dead";

/** A message to enqueue. */
export interface NewOutboxMessage {
  /**
   * Names the message for good: enqueueing the same key twice keeps one message, and the platform
   * adapter uses it to recognise a post that already went out (e.g. `summary:<alliance>:<period>`).
   */
  dedupeKey: string;
  platform: Platform;
  workspaceId: string;
  conversationId: string;
  operation: OutboxOperation;
  /** What the platform adapter needs to send it (rendered blocks/card, a view, a file reference). */
  payload: JsonObject;
  /** Not before this instant (default: now). */
  notBefore?: Date;
}

/** A stored message. */
export interface OutboxMessage extends Required<Omit<NewOutboxMessage, "notBefore">> {
  id: string;
  status: OutboxStatus;
  /** Send attempts started so far (a lease counts as one). */
  attempts: number;
  nextAttemptAt: Date;
  /** While `sending`: the lease's end; also the fencing token of the current lease. */
  lockedUntil: Date | null;
  lastError: string | null;
  /** The platform's id of the posted message, once sent. */
  resultRef: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** A message handed to this dispatcher for one attempt. */
export interface LeasedMessage extends OutboxMessage {
  lockedUntil: Date;
  /**
   * True when an earlier attempt may have reached the platform without being recorded (its lease
   * ran out while sending: the process died or hung). The adapter must check before posting again.
   */
  uncertain: boolean;
}
