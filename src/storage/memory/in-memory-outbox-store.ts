// In-memory OutboxStore for unit tests and a single process: same rules as the Prisma store.
import { randomUUID } from "node:crypto";
import type { LeasedMessage, NewOutboxMessage, OutboxMessage } from "#scheduling/outbox/outbox-message.js";
import type { OutboxStore } from "#scheduling/outbox/outbox-store.js";

const copy = (m: OutboxMessage): OutboxMessage => structuredClone(m);

/** The outbox in a Map. */
export class InMemoryOutboxStore implements OutboxStore {
  private readonly byKey = new Map<string, OutboxMessage>();

  /** Every stored message, for tests. */
  all(): OutboxMessage[] {
    return [...this.byKey.values()].map(copy);
  }

  async enqueue(message: NewOutboxMessage, now: Date): Promise<{ message: OutboxMessage; created: boolean }> {
    const existing = this.byKey.get(message.dedupeKey);
    if (existing) return { message: copy(existing), created: false };
    const { notBefore, ...fields } = message;
    const stored: OutboxMessage = {
      ...structuredClone(fields),
      id: randomUUID(),
      status: "pending",
      attempts: 0,
      nextAttemptAt: notBefore ?? now,
      lockedUntil: null,
      lastError: null,
      resultRef: null,
      createdAt: now,
      sentAt: null,
    };
    this.byKey.set(message.dedupeKey, stored);
    return { message: copy(stored), created: true };
  }

  async lease(now: Date, limit: number, leaseMs: number): Promise<LeasedMessage[]> {
    const due = [...this.byKey.values()]
      .filter((m) => (m.status === "pending" && m.nextAttemptAt <= now) || (m.status === "sending" && m.lockedUntil! < now))
      .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime())
      .slice(0, limit);
    const lockedUntil = new Date(now.getTime() + leaseMs);
    return due.map((m) => {
      const uncertain = m.status === "sending";
      Object.assign(m, { status: "sending", lockedUntil, attempts: m.attempts + 1 });
      return { ...copy(m), lockedUntil, uncertain };
    });
  }

  async markSent(lease: LeasedMessage, now: Date, resultRef: string): Promise<boolean> {
    return this.update(lease, { status: "sent", sentAt: now, resultRef, lockedUntil: null, lastError: null });
  }

  async markRetry(lease: LeasedMessage, nextAttemptAt: Date, error: string): Promise<boolean> {
    return this.update(lease, { status: "pending", nextAttemptAt, lockedUntil: null, lastError: error.slice(0, 2000) });
  }

  async markDead(lease: LeasedMessage, now: Date, error: string): Promise<boolean> {
    return this.update(lease, { status: "dead", nextAttemptAt: now, lockedUntil: null, lastError: error.slice(0, 2000) });
  }

  async findByDedupeKey(dedupeKey: string): Promise<OutboxMessage | null> {
    const m = this.byKey.get(dedupeKey);
    return m ? copy(m) : null;
  }

  private update(lease: LeasedMessage, fields: Partial<OutboxMessage>): boolean {
    const m = this.byKey.get(lease.dedupeKey);
    if (!m || m.status !== "sending" || m.lockedUntil?.getTime() !== lease.lockedUntil.getTime()) return false;
    Object.assign(m, fields);
    return true;
  }
}
