import { describe, expect, it } from "vitest";
import { FixedClock } from "#core/shared/clock.js";
import { DEFAULT_BACKOFF, retryDelayMs } from "#scheduling/outbox/backoff.js";
import { OutboxDispatcher, type DispatcherOptions } from "#scheduling/outbox/outbox-dispatcher.js";
import { Outbox } from "#scheduling/outbox/outbox.js";
import type { NewOutboxMessage } from "#scheduling/outbox/outbox-message.js";
import { InMemoryOutboxStore } from "#storage/memory/in-memory-outbox-store.js";
import { FakePlatformSender } from "../../../support/fake-platform-sender.js";

const T0 = new Date("2026-11-30T08:00:00.000Z");
const SEC = 1000;

function message(dedupeKey: string, conversationId = "C-steering"): NewOutboxMessage {
  return { dedupeKey, platform: "slack", workspaceId: "T1", conversationId, operation: "post", payload: { text: dedupeKey } };
}

function setup(options: Partial<DispatcherOptions> = {}) {
  const clock = new FixedClock(T0);
  const store = new InMemoryOutboxStore();
  const sender = new FakePlatformSender();
  const sleeps: number[] = [];
  const dispatcher = (random = () => 0.5) =>
    new OutboxDispatcher(
      { store, sender, clock, random, sleep: async (ms) => { sleeps.push(ms); clock.advance(ms); } },
      options,
    );
  return { clock, store, sender, sleeps, outbox: new Outbox(store, clock), dispatcher };
}

describe("retry delays", () => {
  it("grow exponentially with equal jitter up to the cap", () => {
    const policy = { ...DEFAULT_BACKOFF, baseMs: 2 * SEC, maxMs: 60 * SEC };
    expect(retryDelayMs(1, policy, () => 0)).toBe(1 * SEC);
    expect(retryDelayMs(1, policy, () => 0.999999)).toBeLessThanOrEqual(2 * SEC);
    expect(retryDelayMs(3, policy, () => 0)).toBe(4 * SEC);
    expect(retryDelayMs(20, policy, () => 0)).toBe(30 * SEC);
    expect(retryDelayMs(20, policy, () => 0.999999)).toBeLessThanOrEqual(60 * SEC);
  });

  it("never come before Retry-After and spread by at most 20% (5 s)", () => {
    expect(retryDelayMs(1, DEFAULT_BACKOFF, () => 0, 30 * SEC)).toBe(30 * SEC);
    expect(retryDelayMs(1, DEFAULT_BACKOFF, () => 0.999999, 10 * SEC)).toBeLessThanOrEqual(12 * SEC);
    expect(retryDelayMs(9, DEFAULT_BACKOFF, () => 0.999999, 120 * SEC)).toBeLessThanOrEqual(125 * SEC);
  });
});

describe("outbox dispatcher", () => {
  it("keeps one message when the same dedupe key is enqueued twice, and posts it once", async () => {
    const { outbox, sender, dispatcher } = setup();
    expect((await outbox.enqueue(message("summary:a:2026-W49"))).created).toBe(true);
    expect((await outbox.enqueue(message("summary:a:2026-W49"))).created).toBe(false);
    await dispatcher().runOnce();
    await dispatcher().runOnce();
    expect(sender.postsFor("summary:a:2026-W49")).toHaveLength(1);
    expect(await outbox.find("summary:a:2026-W49")).toMatchObject({ status: "sent", resultRef: "ts-1", attempts: 1 });
  });

  it("retries a 429 no earlier than Retry-After and then posts once", async () => {
    const { clock, outbox, sender, dispatcher } = setup();
    sender.then({ kind: "retry", error: "ratelimited", retryAfterMs: 30 * SEC });
    await outbox.enqueue(message("summary:a:2026-W49"));
    const d = dispatcher(() => 0); // no jitter: due exactly at Retry-After
    expect(await d.runOnce()).toMatchObject({ retried: 1, sent: 0 });
    const waiting = await outbox.find("summary:a:2026-W49");
    expect(waiting).toMatchObject({ status: "pending", lastError: "ratelimited" });
    expect(waiting?.nextAttemptAt.toISOString()).toBe("2026-11-30T08:00:30.000Z");
    clock.advance(29 * SEC);
    expect(await d.runOnce()).toMatchObject({ sent: 0, retried: 0 });
    expect(sender.attempts).toHaveLength(1);
    clock.advance(SEC);
    expect(await d.runOnce()).toMatchObject({ sent: 1 });
    expect(sender.posts).toHaveLength(1);
    expect(await outbox.find("summary:a:2026-W49")).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("backs off on 5xx and network errors and marks the message dead after the last attempt", async () => {
    const { clock, outbox, sender, dispatcher } = setup({ backoff: { baseMs: SEC, maxMs: 60 * SEC, maxAttempts: 4 } });
    sender.then({ kind: "retry", error: "HTTP 502" }, { kind: "throw", error: "ECONNRESET" }, { kind: "retry", error: "HTTP 503" }, { kind: "retry", error: "HTTP 500" });
    await outbox.enqueue(message("m"));
    const d = dispatcher(() => 0);
    const gaps: number[] = [];
    for (let i = 0; i < 4; i++) {
      await d.runOnce();
      const m = await outbox.find("m");
      if (m?.status === "pending") {
        gaps.push(m.nextAttemptAt.getTime() - clock.now().getTime());
        clock.set(m.nextAttemptAt);
      }
    }
    expect(gaps).toEqual([500, 1000, 2000]); // half of 1, 2, 4 s with no jitter drawn
    expect(sender.attempts).toHaveLength(4);
    const dead = await outbox.find("m");
    expect(dead).toMatchObject({ status: "dead", attempts: 4 });
    expect(dead?.lastError).toMatch(/gave up after 4 attempts: HTTP 500/);
    clock.advance(3_600_000);
    expect(await d.runOnce()).toMatchObject({ sent: 0 });
  });

  it("stops at once on a permanent error", async () => {
    const { outbox, sender, dispatcher } = setup();
    sender.then({ kind: "permanent", error: "channel_not_found" });
    await outbox.enqueue(message("m"));
    expect(await dispatcher().runOnce()).toMatchObject({ dead: 1 });
    expect(await outbox.find("m")).toMatchObject({ status: "dead", lastError: "channel_not_found" });
    expect(sender.attempts).toHaveLength(1);
  });

  it("does not post twice when the process dies between the post and recording it", async () => {
    const { clock, outbox, sender, dispatcher } = setup({ leaseMs: 60 * SEC });
    sender.then({ kind: "die-after-post" });
    await outbox.enqueue(message("summary:a:2026-W49"));
    void dispatcher().runOnce(); // this "process" never returns: it died after the platform accepted the post
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sender.posts).toHaveLength(1);
    expect(await outbox.find("summary:a:2026-W49")).toMatchObject({ status: "sending" });
    // Another instance, before the lease runs out: not its message yet.
    expect(await dispatcher().runOnce()).toMatchObject({ sent: 0, alreadyDelivered: 0 });
    clock.advance(61 * SEC);
    expect(await dispatcher().runOnce()).toMatchObject({ sent: 0, alreadyDelivered: 1 });
    expect(sender.lookups).toEqual(["summary:a:2026-W49"]);
    expect(sender.posts).toHaveLength(1);
    expect(await outbox.find("summary:a:2026-W49")).toMatchObject({ status: "sent", resultRef: "ts-1", attempts: 2 });
  });

  it("re-sends after such a crash when the platform cannot be asked (at-least-once)", async () => {
    const { clock, outbox, sender, dispatcher } = setup();
    sender.canLookUp = false;
    sender.then({ kind: "die-after-post" });
    await outbox.enqueue(message("m"));
    void dispatcher().runOnce();
    await new Promise((resolve) => setTimeout(resolve, 10));
    clock.advance(61 * SEC);
    await dispatcher().runOnce();
    // Never lost; doubled only in this window, which is why adapters should implement findDelivered.
    expect(sender.posts).toHaveLength(2);
    expect(await outbox.find("m")).toMatchObject({ status: "sent" });
  });

  it("checks the platform before a retry and does not re-send when the lookup fails", async () => {
    const { clock, outbox, sender, dispatcher } = setup();
    sender.then({ kind: "retry", error: "timeout" });
    await outbox.enqueue(message("m"));
    const d = dispatcher(() => 0);
    await d.runOnce();
    sender.lookupFails = true;
    clock.advance(60 * SEC);
    expect(await d.runOnce()).toMatchObject({ retried: 1, sent: 0 });
    expect(sender.attempts).toHaveLength(1);
    sender.lookupFails = false;
    clock.advance(60 * SEC);
    expect(await d.runOnce()).toMatchObject({ sent: 1 });
    expect(sender.posts).toHaveLength(1);
    expect(sender.lookups).toHaveLength(2); // looked before each retry
  });

  it("posts to one conversation in order, a second apart, and to others in parallel", async () => {
    const { outbox, sender, sleeps, dispatcher } = setup();
    for (const key of ["a-1", "a-2", "a-3"]) await outbox.enqueue(message(key, "C-a"));
    await outbox.enqueue(message("b-1", "C-b"));
    expect(await dispatcher().runOnce()).toMatchObject({ sent: 4 });
    expect(sender.posts.filter((p) => p.conversationId === "C-a").map((p) => p.dedupeKey)).toEqual(["a-1", "a-2", "a-3"]);
    expect(sleeps).toEqual([1000, 1000]);
  });

  it("does not send a message before its notBefore time", async () => {
    const { clock, outbox, sender, dispatcher } = setup();
    await outbox.enqueue({ ...message("later"), notBefore: new Date(T0.getTime() + 60 * SEC) });
    await dispatcher().runOnce();
    expect(sender.attempts).toEqual([]);
    clock.advance(60 * SEC);
    await dispatcher().runOnce();
    expect(sender.posts).toHaveLength(1);
  });

  it("delivers in the background once started, and stops cleanly", async () => {
    const store = new InMemoryOutboxStore();
    const sender = new FakePlatformSender();
    const clock = { now: () => new Date() };
    const dispatcher = new OutboxDispatcher({ store, sender, clock }, { idleMs: 5_000 });
    const outbox = new Outbox(store, clock, () => dispatcher.notify());
    dispatcher.start();
    await outbox.enqueue(message("now"));
    for (let i = 0; i < 100 && sender.posts.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(sender.posts).toHaveLength(1); // woken by notify, well before the 5 s idle wait
    await dispatcher.stop();
  });
});
