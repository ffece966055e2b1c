/**
 * The Bot Connector send queue on a fake clock: the documented per-conversation limits are kept
 * before Teams has to throttle, 412/429/502/504 are retried with backoff never shorter than
 * Retry-After, other failures are not retried, per-conversation order is kept, and a retry that
 * would wait longer than the policy allows gives up with a retryable error for the outbox.
 */
import { describe, expect, it } from "vitest";
import { SlidingWindowLimiter, SpacingLimiter, TEAMS_PER_CONVERSATION_LIMITS } from "#platforms/teams/transport/rate-limits.js";
import { parseRetryAfter, TeamsSendError, toTeamsSendError } from "#platforms/teams/transport/send-errors.js";
import { SendQueue, type RetryPolicy } from "#platforms/teams/transport/send-queue.js";

/** A clock that only moves when the queue sleeps. */
function fakeTime() {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => 0.5,
    sleeps,
  };
}
const httpError = (status: number, retryAfter?: string) => Object.assign(new Error(`HTTP ${status}`), { response: { status, headers: retryAfter ? { "retry-after": retryAfter } : {} } });
const key = { conversationId: "19:c@thread.tacv2", tenantId: "t1" };
const policy: RetryPolicy = { maxAttempts: 5, maxTotalWaitMs: 60_000 };

describe("per-conversation limits", () => {
  it("lets 7 sends through in a second and makes the 8th wait for the window", () => {
    const limiter = new SlidingWindowLimiter(TEAMS_PER_CONVERSATION_LIMITS);
    const waits = Array.from({ length: 9 }, () => limiter.reserve("c", 0));
    expect(waits.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(waits[7]).toBe(1_000);
    // 8 in 2 s: the 9th waits until the first send leaves the 2-second window.
    expect(waits[8]).toBe(2_000);
  });

  it("never allows more than 60 sends in any 30 seconds", () => {
    const limiter = new SlidingWindowLimiter(TEAMS_PER_CONVERSATION_LIMITS);
    const times: number[] = [];
    let now = 0;
    for (let i = 0; i < 130; i++) {
      now += limiter.reserve("c", now);
      times.push(now);
    }
    for (let i = 60; i < times.length; i++) expect(times[i]! - times[i - 60]!).toBeGreaterThanOrEqual(30_000);
    for (let i = 7; i < times.length; i++) expect(times[i]! - times[i - 7]!).toBeGreaterThanOrEqual(1_000);
  });

  it("keeps conversations independent and spaces a tenant's requests", () => {
    const limiter = new SlidingWindowLimiter(TEAMS_PER_CONVERSATION_LIMITS);
    for (let i = 0; i < 7; i++) limiter.reserve("a", 0);
    expect(limiter.reserve("b", 0)).toBe(0);
    const tenant = new SpacingLimiter(25);
    expect([tenant.reserve("t", 0), tenant.reserve("t", 0), tenant.reserve("t", 0)]).toEqual([0, 40, 80]);
  });
});

describe("Retry-After and error classification", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("3", 0)).toBe(3_000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter("soon", 0)).toBeUndefined();
  });

  it("retries 412, 429, 502 and 504 but not 400, 403, 404 or 500", () => {
    for (const status of [412, 429, 502, 504]) expect(toTeamsSendError(httpError(status)).retryable).toBe(true);
    for (const status of [400, 403, 404, 500]) expect(toTeamsSendError(httpError(status)).retryable).toBe(false);
    expect(toTeamsSendError(Object.assign(new Error("refused"), { code: "ECONNREFUSED" })).retryable).toBe(true);
  });
});

describe("SendQueue", () => {
  it("retries a 429 after Retry-After and succeeds once", async () => {
    const time = fakeTime();
    const queue = new SendQueue(time);
    let calls = 0;
    const result = await queue.run(key, async () => {
      calls += 1;
      if (calls === 1) throw httpError(429, "2");
      return "sent";
    }, policy);
    expect(result).toBe("sent");
    expect(calls).toBe(2);
    expect(time.sleeps).toContain(2_000);
  });

  it("backs off exponentially (with jitter) when no Retry-After is given, then gives up", async () => {
    const time = fakeTime();
    const queue = new SendQueue(time);
    let calls = 0;
    const attempt = queue.run(key, async () => {
      calls += 1;
      throw httpError(502);
    }, policy);
    await expect(attempt).rejects.toMatchObject({ name: "TeamsSendError", status: 502, retryable: true });
    expect(calls).toBe(5);
    // random 0.5 → 75% of 500, 1000, 2000, 4000 ms
    expect(time.sleeps.filter((ms) => ms >= 100)).toEqual([375, 750, 1_500, 3_000]);
  });

  it("does not retry a permanent failure", async () => {
    const queue = new SendQueue(fakeTime());
    let calls = 0;
    await expect(queue.run(key, async () => {
      calls += 1;
      throw httpError(403);
    }, policy)).rejects.toBeInstanceOf(TeamsSendError);
    expect(calls).toBe(1);
  });

  it("gives up rather than wait longer than the policy allows (the outbox retries later)", async () => {
    const queue = new SendQueue(fakeTime());
    await expect(queue.run(key, async () => {
      throw httpError(429, "30");
    }, { maxAttempts: 3, maxTotalWaitMs: 8_000 })).rejects.toMatchObject({ retryable: true, retryAfterMs: 30_000 });
  });

  it("keeps the order of sends to one conversation, also across a retry", async () => {
    const time = fakeTime();
    const queue = new SendQueue(time);
    const order: string[] = [];
    let first = true;
    await Promise.all([
      queue.run(key, async () => {
        if (first) {
          first = false;
          throw httpError(429, "1");
        }
        order.push("a");
      }, policy),
      queue.run(key, async () => void order.push("b"), policy),
      queue.run(key, async () => void order.push("c"), policy),
    ]);
    expect(order).toEqual(["a", "b", "c"]);
  });
});
