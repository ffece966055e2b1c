// The outbox on a real database (PGlite, and PostgreSQL when TEST_DATABASE_URL is set): several
// dispatchers deliver every message once; a crash between post and record does not post twice;
// a rate-limited post is retried after Retry-After.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FixedClock } from "#core/shared/clock.js";
import { OutboxDispatcher } from "#scheduling/outbox/outbox-dispatcher.js";
import { Outbox } from "#scheduling/outbox/outbox.js";
import type { Database } from "#storage/database.js";
import { PrismaOutboxStore } from "#storage/prisma/prisma-outbox-store.js";
import { FakePlatformSender } from "../../support/fake-platform-sender.js";
import { storageTargets } from "../../support/databases.js";

const SEC = 1000;

for (const target of storageTargets) {
  describe(`outbox delivery on ${target.name}`, () => {
    let db: Database;
    beforeAll(async () => {
      db = await target.open();
    });
    afterAll(async () => {
      await db?.close();
    });

    /** A clock per test, each an hour before the last, so no test leases another's messages. */
    let epoch = Date.UTC(2031, 0, 1);
    const freshClock = () => new FixedClock(new Date((epoch -= 3_600_000 * 24)));
    const dispatcher = (clock: FixedClock, sender: FakePlatformSender) =>
      new OutboxDispatcher(
        { store: new PrismaOutboxStore(db.prisma), sender, clock, sleep: async () => {}, random: () => 0 },
        { batchSize: 10, perConversationIntervalMs: 0 },
      );

    it("three dispatchers on one database deliver 60 messages, each exactly once", async () => {
      const clock = freshClock();
      const outbox = new Outbox(new PrismaOutboxStore(db.prisma), clock);
      const sender = new FakePlatformSender();
      sender.delayMs = 2; // keep sends in flight while the other dispatchers lease
      const run = randomUUID();
      const keys = Array.from({ length: 60 }, (_, i) => `post:${run}:${i}`);
      for (const [i, dedupeKey] of keys.entries()) {
        await outbox.enqueue({ dedupeKey, platform: "slack", workspaceId: "T1", conversationId: `C${i % 6}`, operation: "post", payload: { text: `#${i}` } });
      }
      const dispatchers = [dispatcher(clock, sender), dispatcher(clock, sender), dispatcher(clock, sender)];
      for (let pass = 0; pass < 10 && sender.posts.length < keys.length; pass++) {
        await Promise.all(dispatchers.map((d) => d.runOnce()));
      }
      expect(sender.posts.map((p) => p.dedupeKey).sort()).toEqual([...keys].sort());
      const rows = await db.prisma.outboxMessage.findMany({ where: { dedupeKey: { in: keys } } });
      expect(rows.every((r) => r.status === "sent" && r.attempts === 1 && r.resultRef !== null)).toBe(true);
    });

    it("does not post twice when the sending process dies before recording the post", async () => {
      const clock = freshClock();
      const outbox = new Outbox(new PrismaOutboxStore(db.prisma), clock);
      const sender = new FakePlatformSender().then({ kind: "die-after-post" });
      const dedupeKey = `summary:${randomUUID()}:2026-W49`;
      await outbox.enqueue({ dedupeKey, platform: "slack", workspaceId: "T1", conversationId: "C-steering", operation: "post", payload: { text: "summary" } });
      void dispatcher(clock, sender).runOnce(); // dies after the platform accepted the post
      for (let i = 0; i < 200 && sender.posts.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
      expect((await outbox.find(dedupeKey))?.status).toBe("sending");
      clock.advance(61 * SEC); // the dead instance's lease runs out
      const report = await dispatcher(clock, sender).runOnce();
      expect(report).toMatchObject({ alreadyDelivered: 1, sent: 0 });
      expect(sender.postsFor(dedupeKey)).toHaveLength(1);
      expect(await outbox.find(dedupeKey)).toMatchObject({ status: "sent", attempts: 2, resultRef: sender.postsFor(dedupeKey)[0]?.ref });
    });

    it("retries a rate-limited post after Retry-After and delivers it once", async () => {
      const clock = freshClock();
      const outbox = new Outbox(new PrismaOutboxStore(db.prisma), clock);
      const sender = new FakePlatformSender().then({ kind: "retry", error: "ratelimited", retryAfterMs: 30 * SEC });
      const dedupeKey = `post:${randomUUID()}`;
      await outbox.enqueue({ dedupeKey, platform: "teams", workspaceId: "tenant", conversationId: "19:abc", operation: "post", payload: { text: "x" } });
      const d = dispatcher(clock, sender);
      await d.runOnce();
      clock.advance(29 * SEC);
      await d.runOnce();
      expect(sender.posts).toHaveLength(0);
      clock.advance(1 * SEC);
      await d.runOnce();
      expect(sender.postsFor(dedupeKey)).toHaveLength(1);
      expect(await outbox.find(dedupeKey)).toMatchObject({ status: "sent", attempts: 2 });
    });
  });
}
