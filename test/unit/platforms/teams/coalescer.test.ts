/** The Teams poll card coalescer across instances: two processes sharing one UpdateLease store send one stream of updates, and the final tally always reaches the card. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createCoalescer, type UpdateClaim } from "#platforms/teams/features/coalescer.js";
import { InMemoryUpdateLeaseStore } from "#storage/memory/in-memory-update-lease-store.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const INTERVAL = 1_000;

/** A shared "database": the state votes change, and the card updates the instances sent. */
function cluster(claim: UpdateClaim | undefined) {
  let state = 0;
  const seen: Array<{ at: number; state: number; by: string }> = [];
  const instance = (by: string) =>
    createCoalescer(
      async () => {
        // The update reads the state when it runs, then takes a while to reach Teams.
        const read = state;
        await new Promise((resolve) => setTimeout(resolve, 50));
        seen.push({ at: Date.now(), state: read, by });
      },
      { intervalMs: INTERVAL, claim },
    );
  return { seen, vote: () => ++state, state: () => state, a: instance("a"), b: instance("b") };
}

/** 10 s of votes alternating between the two instances (a round-robin load balancer), then quiet. */
async function burst(c: ReturnType<typeof cluster>) {
  const start = Date.now();
  for (let i = 1; i <= 1000; i++) {
    c.vote();
    (i % 2 === 0 ? c.a : c.b).request("poll-1");
    await vi.advanceTimersByTimeAsync(10);
  }
  await vi.advanceTimersByTimeAsync(10_000);
  return start;
}

describe("Teams poll card coalescer across instances", () => {
  it("sends one stream of updates for a burst split over two instances, the last with the final tally", async () => {
    const leases = new InMemoryUpdateLeaseStore(() => new Date(Date.now()));
    const c = cluster((key, leaseMs) => leases.claim(key, leaseMs));
    const start = await burst(c);
    const span = (c.seen.at(-1)?.at ?? 0) - start;
    // One stream: one update per interval plus a trailing one per instance.
    expect(c.seen.length).toBeLessThanOrEqual(Math.ceil(span / INTERVAL) + 2);
    expect(c.seen.at(-1)?.state).toBe(c.state());
    expect(new Set(c.seen.map((u) => u.by))).toEqual(new Set(["a", "b"]));
    // Never two updates of the card within one lease.
    for (let i = 1; i < c.seen.length; i++) expect((c.seen[i]?.at ?? 0) - (c.seen[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(INTERVAL);
  });

  it("without the lease each instance sends its own stream (the doubling the lease removes)", async () => {
    const c = cluster(undefined);
    const start = await burst(c);
    const span = (c.seen.at(-1)?.at ?? 0) - start;
    expect(c.seen.length).toBeGreaterThan(Math.ceil(span / INTERVAL) + 2);
  });

  it("an instance that loses the claim stays dirty and sends once the other's lease is over", async () => {
    const leases = new InMemoryUpdateLeaseStore(() => new Date(Date.now()));
    const c = cluster((key, leaseMs) => leases.claim(key, leaseMs));
    c.vote();
    c.a.request("poll-1");
    c.vote();
    c.b.request("poll-1");
    await vi.advanceTimersByTimeAsync(INTERVAL + 100);
    expect(c.seen.map((u) => u.by)).toEqual(["a"]);
    await vi.advanceTimersByTimeAsync(2 * INTERVAL);
    expect(c.seen.map((u) => u.by)).toEqual(["a", "b"]);
    expect(c.seen[1]!.at - c.seen[0]!.at).toBeGreaterThanOrEqual(INTERVAL);
    expect(c.seen.at(-1)?.state).toBe(2);
  });

  it("keeps leases per key: two polls' cards do not wait for each other", async () => {
    const leases = new InMemoryUpdateLeaseStore(() => new Date(Date.now()));
    const c = cluster((key, leaseMs) => leases.claim(key, leaseMs));
    c.a.request("poll-1");
    c.b.request("poll-2");
    await vi.advanceTimersByTimeAsync(INTERVAL + 100);
    expect(c.seen.map((u) => u.by).sort()).toEqual(["a", "b"]);
  });

  it("updates without the lease when the lease store fails, rather than losing the final tally", async () => {
    const claimErrors: string[] = [];
    const seen: string[] = [];
    const coalescer = createCoalescer(async (key) => void seen.push(key), {
      intervalMs: INTERVAL,
      claim: async () => Promise.reject(new Error("database down")),
      onClaimError: (key) => claimErrors.push(key),
    });
    coalescer.request("poll-1");
    await vi.advanceTimersByTimeAsync(INTERVAL + 10);
    expect(seen).toEqual(["poll-1"]);
    expect(claimErrors).toEqual(["poll-1"]);
  });

  it("flush at shutdown sends a pending update even while another instance holds the lease", async () => {
    const leases = new InMemoryUpdateLeaseStore(() => new Date(Date.now()));
    await leases.claim("poll-1", 60_000); // the other instance
    const seen: string[] = [];
    const coalescer = createCoalescer(async (key) => void seen.push(key), { intervalMs: INTERVAL, claim: (key, ms) => leases.claim(key, ms) });
    coalescer.request("poll-1");
    await coalescer.flush();
    expect(seen).toEqual(["poll-1"]);
  });
});
