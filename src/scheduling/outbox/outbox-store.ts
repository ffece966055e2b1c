// The durable queue behind every outgoing post. Leasing marks a message `sending` with a lease
// before the send; the lease's end doubles as a fencing token, so only the holder of the current
// lease can record the outcome, and a lease that runs out (process died between send and record)
// hands the message to another dispatcher, flagged `uncertain`.
import type { LeasedMessage, NewOutboxMessage, OutboxMessage } from "./outbox-message.js";

/** Storage for the outbox (PostgreSQL/PGlite in production, memory in unit tests). */
export interface OutboxStore {
  /** Adds the message unless one with the same dedupeKey exists; returns the stored one. */
  enqueue(message: NewOutboxMessage, now: Date): Promise<{ message: OutboxMessage; created: boolean }>;
  /**
   * Takes up to `limit` due messages (pending and due, or sending with an expired lease), oldest
   * first, marks them `sending` until `now + leaseMs` and counts an attempt. Concurrent callers
   * never get the same message.
   */
  lease(now: Date, limit: number, leaseMs: number): Promise<LeasedMessage[]>;
  /** Records delivery; false when the lease was lost (someone else now owns the message). */
  markSent(lease: LeasedMessage, now: Date, resultRef: string): Promise<boolean>;
  /** Puts the message back to `pending` until `nextAttemptAt`. */
  markRetry(lease: LeasedMessage, nextAttemptAt: Date, error: string): Promise<boolean>;
  /** Gives up on the message for good. */
  markDead(lease: LeasedMessage, now: Date, error: string): Promise<boolean>;
  /** The message with this dedupe key, if any. */
  findByDedupeKey(dedupeKey: string): Promise<OutboxMessage | null>;
}
