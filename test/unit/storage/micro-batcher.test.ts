import { describe, expect, it } from "vitest";
import { createMicroBatcher } from "#storage/micro-batcher.js";

/** A batcher over an in-memory "table" that records every batch it ran. */
function recording(options: { maxBatch?: number; maxInFlight?: number; failWhen?: (items: string[]) => boolean } = {}) {
  const batches: string[][] = [];
  const singles: string[] = [];
  let running = 0;
  let maxRunning = 0;
  const batcher = createMicroBatcher<string, string>({
    maxBatch: options.maxBatch ?? 100,
    maxInFlight: options.maxInFlight ?? 1,
    conflictKey: (item) => item.split("#")[0]!,
    runBatch: async (items) => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      batches.push(items);
      if (options.failWhen?.(items)) throw new Error("batch refused");
      return items.map((item) => `done:${item}`);
    },
    runOne: async (item) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      singles.push(item);
      if (item.startsWith("bad")) throw new Error(`refused ${item}`);
      return `one:${item}`;
    },
  });
  return { batcher, batches, singles, maxRunning: () => maxRunning };
}

describe("micro-batcher", () => {
  it("runs calls made together as one batch and gives each caller its own result", async () => {
    const { batcher, batches } = recording();
    const results = await Promise.all(["a", "b", "c", "d"].map((item) => batcher.run(item)));
    expect(results).toEqual(["done:a", "done:b", "done:c", "done:d"]);
    expect(batches).toEqual([["a", "b", "c", "d"]]);
  });

  it("runs a lone call on its own, without a batch", async () => {
    const { batcher, batches, singles } = recording();
    expect(await batcher.run("solo")).toBe("one:solo");
    expect(batches).toEqual([]);
    expect(singles).toEqual(["solo"]);
  });

  it("queues calls arriving while a batch runs into the next batch, never more batches at once than allowed", async () => {
    const { batcher, batches, maxRunning } = recording({ maxInFlight: 1 });
    const first = Promise.all(["a", "b"].map((item) => batcher.run(item)));
    await new Promise((resolve) => setImmediate(resolve));
    const second = Promise.all(["c", "d", "e"].map((item) => batcher.run(item)));
    expect(await first).toEqual(["done:a", "done:b"]);
    expect(await second).toEqual(["done:c", "done:d", "done:e"]);
    expect(batches).toEqual([["a", "b"], ["c", "d", "e"]]);
    expect(maxRunning()).toBe(1);
  });

  it("keeps two calls with the same key out of one batch and runs them in the order they came", async () => {
    const { batcher, batches, singles } = recording({ maxInFlight: 2 });
    const results = await Promise.all(["x#1", "y", "x#2", "z", "x#3"].map((item) => batcher.run(item)));
    expect(results).toHaveLength(5);
    const order = [...batches.flat(), ...singles].filter((item) => item.startsWith("x"));
    expect(order).toEqual(["x#1", "x#2", "x#3"]);
    for (const batch of batches) expect(batch.filter((item) => item.startsWith("x")).length).toBeLessThanOrEqual(1);
  });

  it("retries a failed batch call by call, so only the bad call fails", async () => {
    const { batcher } = recording({ failWhen: (items) => items.some((item) => item.startsWith("bad")) });
    const results = await Promise.allSettled(["a", "bad", "c"].map((item) => batcher.run(item)));
    expect(results).toEqual([
      { status: "fulfilled", value: "one:a" },
      { status: "rejected", reason: new Error("refused bad") },
      { status: "fulfilled", value: "one:c" },
    ]);
  });

  it("splits a long queue into batches of at most maxBatch", async () => {
    const { batcher, batches } = recording({ maxBatch: 3 });
    await Promise.all(Array.from({ length: 7 }, (_, i) => batcher.run(`k${i}`)));
    expect(batches.map((batch) => batch.length)).toEqual([3, 3]);
  });
});
