import { describe, expect, it } from "vitest";
import { createTtlCache } from "#core/shared/ttl-cache.js";

describe("ttl cache", () => {
  it("reads through once, serves the stored value until it expires, then reads again", async () => {
    let now = 0;
    let loads = 0;
    const cache = createTtlCache<string>({ ttlMs: 100, now: () => now });
    const load = async () => `value ${++loads}`;
    expect(await cache.get("k", load)).toBe("value 1");
    now = 99;
    expect(await cache.get("k", load)).toBe("value 1");
    now = 100;
    expect(await cache.get("k", load)).toBe("value 2");
  });

  it("does not store a missing value, and forgets on delete and clear", async () => {
    let loads = 0;
    const cache = createTtlCache<string>({ ttlMs: 1_000 });
    expect(await cache.get("gone", async () => (loads++, null))).toBeNull();
    expect(await cache.get("gone", async () => (loads++, null))).toBeNull();
    expect(loads).toBe(2);
    cache.set("a", "A");
    cache.set("b", "B");
    cache.delete("a");
    expect(await cache.get("a", async () => "reloaded")).toBe("reloaded");
    cache.clear();
    expect(await cache.get("b", async () => "fresh")).toBe("fresh");
  });

  it("drops the oldest entry once full", async () => {
    const cache = createTtlCache<number>({ ttlMs: 1_000, maxEntries: 2 });
    cache.set("1", 1);
    cache.set("2", 2);
    cache.set("3", 3);
    expect(await cache.get("1", async () => -1)).toBe(-1);
    expect(await cache.get("3", async () => -3)).toBe(3);
  });
});
