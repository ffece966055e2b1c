/** The poll-message update coalescer: bounded updates under a burst, a guaranteed trailing update, 429s respected. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createUpdateCoalescer } from "#platforms/slack/services/update-coalescer.js";
import { SlackSendError } from "#platforms/slack/transport/slack-errors.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("update coalescer", () => {
  it("turns 200 requests within one second into at most 2 updates, the last after the last request", async () => {
    let state = 0;
    const seen: Array<{ at: number; state: number }> = [];
    const c = createUpdateCoalescer(async () => {
      seen.push({ at: Date.now(), state });
    }, { intervalMs: 1500, leadingDelayMs: 300 });
    const start = Date.now();
    for (let i = 1; i <= 200; i++) {
      state = i;
      c.request("poll-1");
      await vi.advanceTimersByTimeAsync(5);
    }
    await vi.advanceTimersByTimeAsync(5_000);
    expect(seen.length).toBeLessThanOrEqual(2);
    expect(seen.at(-1)?.state).toBe(200);
    for (let i = 1; i < seen.length; i++) expect((seen[i]?.at ?? 0) - (seen[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(1500);
    expect((seen[0]?.at ?? 0) - start).toBeGreaterThanOrEqual(300);
    expect(c.pendingCount()).toBe(0);
  });

  it("keeps one update stream per key", async () => {
    const keys: string[] = [];
    const c = createUpdateCoalescer(async (key) => {
      keys.push(key);
    }, { intervalMs: 1000, leadingDelayMs: 0 });
    c.request("a");
    c.request("b");
    c.request("a");
    await vi.advanceTimersByTimeAsync(10);
    expect(keys.sort()).toEqual(["a", "b"]);
  });

  it("waits out Retry-After after a 429 and then still delivers the latest state", async () => {
    let calls = 0;
    const at: number[] = [];
    const c = createUpdateCoalescer(async () => {
      calls += 1;
      at.push(Date.now());
      if (calls === 1) throw new SlackSendError({ kind: "rate_limited", retryAfterMs: 4000 });
    }, { intervalMs: 1000, leadingDelayMs: 0 });
    c.request("p");
    await vi.advanceTimersByTimeAsync(3_000);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toBe(2);
    expect((at[1] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(4000);
  });

  it("tries a 5xx again after a pause, a few times, so a close reaches the message even when nobody votes after it", async () => {
    let calls = 0;
    const c = createUpdateCoalescer(async () => {
      calls++;
      if (calls <= 2) throw new SlackSendError({ kind: "transient", reason: "http 503" });
    }, { intervalMs: 1000, leadingDelayMs: 0 });
    c.request("poll-1");
    await vi.advanceTimersByTimeAsync(20_000);
    expect(calls).toBe(3); // two failures, then the update that went through
    expect(c.pendingCount()).toBe(0);
  });

  it("gives up on a message that keeps failing with 5xx until the next request", async () => {
    let calls = 0;
    const c = createUpdateCoalescer(async () => {
      calls++;
      throw new SlackSendError({ kind: "transient", reason: "http 500" });
    }, { intervalMs: 1000, leadingDelayMs: 0 });
    c.request("poll-1");
    await vi.advanceTimersByTimeAsync(120_000);
    expect(calls).toBe(7); // the first try and six retries
    expect(c.pendingCount()).toBe(0);
    // A permanent error is not retried at all.
    let permanent = 0;
    const p = createUpdateCoalescer(async () => {
      permanent++;
      throw new SlackSendError({ kind: "permanent", reason: "message_not_found" });
    }, { intervalMs: 1000, leadingDelayMs: 0 });
    p.request("poll-2");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(permanent).toBe(1);
  });

  it("flush runs pending updates at once (shutdown)", async () => {
    let runs = 0;
    const c = createUpdateCoalescer(async () => {
      runs += 1;
    }, { intervalMs: 60_000, leadingDelayMs: 60_000 });
    c.request("x");
    await c.flush();
    expect(runs).toBe(1);
    expect(c.pendingCount()).toBe(0);
  });

  it("shares one update stream between instances through the lease: bounded total, and each converges to the last state", async () => {
    // A lease store like UpdateLease: one holder per key until its lease runs out.
    const leases = new Map<string, number>();
    const claim = async (key: string, leaseMs: number) => {
      if ((leases.get(key) ?? 0) > Date.now()) return false;
      leases.set(key, Date.now() + leaseMs);
      return true;
    };
    let state = 0;
    const seen: Array<{ at: number; state: number; by: string }> = [];
    const instance = (by: string) =>
      createUpdateCoalescer(async () => {
        seen.push({ at: Date.now(), state, by });
      }, { intervalMs: 1000, leadingDelayMs: 100, claim });
    const a = instance("a");
    const b = instance("b");
    const start = Date.now();
    // 10 s of votes, alternating between the instances (a round-robin splitter).
    for (let i = 1; i <= 1000; i++) {
      state = i;
      (i % 2 === 0 ? a : b).request("poll-1");
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(5_000);
    const span = (seen.at(-1)?.at ?? 0) - start;
    // One stream for both: one update per interval plus a trailing one per instance, not two streams.
    expect(seen.length).toBeLessThanOrEqual(Math.ceil(span / 1000) + 2);
    expect(seen.at(-1)?.state).toBe(1000);
    expect(new Set(seen.map((u) => u.by))).toEqual(new Set(["a", "b"]));
    for (let i = 1; i < seen.length; i++) expect((seen[i]?.at ?? 0) - (seen[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(a.pendingCount() + b.pendingCount()).toBe(0);
  });

  it("updates without the lease when the lease store fails, rather than losing the update", async () => {
    const seen: number[] = [];
    const c = createUpdateCoalescer(async () => {
      seen.push(Date.now());
    }, { intervalMs: 1000, leadingDelayMs: 0, claim: async () => Promise.reject(new Error("database down")) });
    c.request("poll-1");
    await vi.advanceTimersByTimeAsync(10);
    expect(seen).toHaveLength(1);
  });
});
