// What the rest of the app calls to post something: enqueue a message with a dedupe key; the
// dispatcher delivers it. Enqueueing the same key twice (a retried job, a double click) keeps one
// message, so a repeated summary run never posts twice.
import type { Clock } from "#core/shared/clock.js";
import type { NewOutboxMessage, OutboxMessage } from "./outbox-message.js";
import type { OutboxStore } from "./outbox-store.js";

/** The durable outbox. */
export class Outbox {
  constructor(
    private readonly store: OutboxStore,
    private readonly clock: Clock,
    /** Called after a new message is stored, e.g. `() => dispatcher.notify()` to send at once. */
    private readonly onEnqueued: () => void = () => {},
  ) {}

  /** Stores the message for delivery; `created` is false when its dedupeKey was already queued. */
  async enqueue(message: NewOutboxMessage): Promise<{ message: OutboxMessage; created: boolean }> {
    const result = await this.store.enqueue(message, this.clock.now());
    if (result.created) this.onEnqueued();
    return result;
  }

  /** The message with this key, to see whether (and as what) it was delivered. */
  find(dedupeKey: string): Promise<OutboxMessage | null> {
    return this.store.findByDedupeKey(dedupeKey);
  }
}
