// The OutboxStore contract against memory and Prisma on every storage target (PGlite always,
// PostgreSQL when TEST_DATABASE_URL is set): one message per dedupe key, one holder per lease,
// expired leases handed on as uncertain, outcomes fenced by the lease.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NewOutboxMessage } from "#scheduling/outbox/outbox-message.js";
import type { OutboxStore } from "#scheduling/outbox/outbox-store.js";
import type { Database } from "#storage/database.js";
import { InMemoryOutboxStore } from "#storage/memory/in-memory-outbox-store.js";
import { PrismaOutboxStore } from "#storage/prisma/prisma-outbox-store.js";
import { storageTargets } from "../support/databases.js";

const SEC = 1000;

/**
 * Each test gets its own time, a day before the previous test's, so leases (which take whatever
 * is due) never see the messages of earlier tests, which all lie in their future; no cleanup needed.
 */
let epoch = Date.UTC(2030, 0, 1);
const freshTime = () => new Date((epoch -= 86_400_000));
const freshMessage = (conversationId = "C1", payload: Record<string, string> = { text: "hello" }): NewOutboxMessage => ({
  dedupeKey: `test:${randomUUID()}`,
  platform: "slack",
  workspaceId: "T1",
  conversationId,
  operation: "post",
  payload,
});

function contract(name: string, store: () => OutboxStore): void {
  describe(`OutboxStore contract: ${name}`, () => {
    it("stores a message as pending, due now, with its payload", async () => {
      const now = freshTime();
      const m = freshMessage("C1", { text: "Weekly trust health", blocks: "[…]" });
      const { message, created } = await store().enqueue(m, now);
      expect(created).toBe(true);
      expect(message).toMatchObject({ ...m, status: "pending", attempts: 0, nextAttemptAt: now, lockedUntil: null, sentAt: null });
      expect(await store().findByDedupeKey(m.dedupeKey)).toEqual(message);
    });

    it("keeps one message for a dedupe key, also when enqueued concurrently", async () => {
      const now = freshTime();
      const m = freshMessage();
      const results = await Promise.all(Array.from({ length: 10 }, () => store().enqueue(m, now)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    });

    it("leases due messages oldest first, marks them sending and counts an attempt", async () => {
      const now = freshTime();
      const first = freshMessage();
      const second = freshMessage();
      const later = { ...freshMessage(), notBefore: new Date(now.getTime() + 60 * SEC) };
      await store().enqueue(first, new Date(now.getTime() - 2 * SEC));
      await store().enqueue(second, new Date(now.getTime() - SEC));
      await store().enqueue(later, now);
      const leased = await store().lease(now, 10, 30 * SEC);
      expect(leased.map((m) => m.dedupeKey)).toEqual([first.dedupeKey, second.dedupeKey]);
      expect(leased[0]).toMatchObject({ status: "sending", attempts: 1, uncertain: false, lockedUntil: new Date(now.getTime() + 30 * SEC) });
      expect(await store().lease(now, 10, 30 * SEC)).toEqual([]);
    });

    it("never hands one message to two concurrent leases", async () => {
      const now = freshTime();
      const keys: string[] = [];
      for (let i = 0; i < 30; i++) keys.push((await store().enqueue(freshMessage(`C${i % 3}`), now)).message.dedupeKey);
      const leases = await Promise.all(Array.from({ length: 5 }, () => store().lease(now, 10, 30 * SEC)));
      const leasedKeys = leases.flat().map((m) => m.dedupeKey);
      expect(new Set(leasedKeys).size).toBe(leasedKeys.length);
      expect(leasedKeys.every((k) => keys.includes(k))).toBe(true);
      // Whatever one round did not get, the next round does.
      const rest = await store().lease(now, 30, 30 * SEC);
      expect(new Set([...leasedKeys, ...rest.map((m) => m.dedupeKey)]).size).toBe(30);
    });

    it("hands an expired lease on, flagged uncertain, and fences out the old holder", async () => {
      const now = freshTime();
      const m = freshMessage();
      await store().enqueue(m, now);
      const [old] = await store().lease(now, 1, 30 * SEC);
      expect(await store().lease(new Date(now.getTime() + 29 * SEC), 1, 30 * SEC)).toEqual([]);
      const [taken] = await store().lease(new Date(now.getTime() + 31 * SEC), 1, 30 * SEC);
      expect(taken).toMatchObject({ dedupeKey: m.dedupeKey, attempts: 2, uncertain: true });
      expect(await store().markSent(old!, new Date(now.getTime() + 32 * SEC), "ts-old")).toBe(false);
      expect(await store().markSent(taken!, new Date(now.getTime() + 32 * SEC), "ts-1")).toBe(true);
      expect(await store().findByDedupeKey(m.dedupeKey)).toMatchObject({ status: "sent", resultRef: "ts-1", lockedUntil: null });
    });

    it("puts a retried message back as pending until its next attempt", async () => {
      const now = freshTime();
      const m = freshMessage();
      await store().enqueue(m, now);
      const [lease] = await store().lease(now, 1, 30 * SEC);
      const next = new Date(now.getTime() + 45 * SEC);
      expect(await store().markRetry(lease!, next, "ratelimited")).toBe(true);
      expect(await store().findByDedupeKey(m.dedupeKey)).toMatchObject({ status: "pending", nextAttemptAt: next, lastError: "ratelimited", lockedUntil: null });
      expect(await store().lease(new Date(next.getTime() - 1), 1, 30 * SEC)).toEqual([]);
      expect((await store().lease(next, 1, 30 * SEC))[0]).toMatchObject({ attempts: 2, uncertain: false });
    });

    it("never leases a dead or sent message again", async () => {
      const now = freshTime();
      const dead = freshMessage();
      const sent = freshMessage();
      await store().enqueue(dead, now);
      await store().enqueue(sent, now);
      const leases = await store().lease(now, 2, 30 * SEC);
      await store().markDead(leases.find((l) => l.dedupeKey === dead.dedupeKey)!, now, "channel_not_found");
      await store().markSent(leases.find((l) => l.dedupeKey === sent.dedupeKey)!, now, "ts-9");
      expect(await store().lease(new Date(now.getTime() + 3_600_000), 10, 30 * SEC)).toEqual([]);
      expect(await store().findByDedupeKey(dead.dedupeKey)).toMatchObject({ status: "dead", lastError: "channel_not_found" });
    });
  });
}

const memory = new InMemoryOutboxStore();
contract("in-memory", () => memory);

for (const target of storageTargets) {
  let db: Database;
  let store: PrismaOutboxStore;
  beforeAll(async () => {
    db = await target.open();
    store = new PrismaOutboxStore(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
  });
  contract(`prisma on ${target.name}`, () => store);
}
