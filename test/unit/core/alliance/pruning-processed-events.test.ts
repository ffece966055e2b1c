import { describe, expect, it } from "vitest";
import { withPeriodicPrune } from "#core/alliance/pruning-processed-events.js";
import { InMemoryProcessedEventRepository } from "#storage/memory/in-memory-processed-event-repository.js";

describe("processed events prune themselves", () => {
  it("forgets claims older than the keep time, at most once per interval, and still refuses a repeat", async () => {
    let now = Date.parse("2026-12-01T00:00:00Z");
    const clock = { now: () => new Date(now) };
    const inner = new InMemoryProcessedEventRepository();
    const repo = withPeriodicPrune(inner, clock, { keepMs: 60_000, everyMs: 10_000 });
    expect(await repo.markProcessed("slack:trigger:1", clock.now())).toBe(true);
    expect(await repo.markProcessed("slack:trigger:1", clock.now())).toBe(false);
    now += 61_000; // past the keep time and the interval: this claim prunes the old one first
    expect(await repo.markProcessed("slack:trigger:2", clock.now())).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await inner.markProcessed("slack:trigger:1", clock.now())).toBe(true); // it was forgotten
    expect(await repo.markProcessed("slack:trigger:2", clock.now())).toBe(false);
  });
});
