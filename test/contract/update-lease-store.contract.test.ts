// The message-update lease store against memory and Prisma on every storage target: one holder
// per key until the lease runs out, and housekeeping deletes only leases long expired.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FixedClock } from "#core/shared/clock.js";
import type { Database } from "#storage/database.js";
import { InMemoryUpdateLeaseStore } from "#storage/memory/in-memory-update-lease-store.js";
import { PrismaUpdateLeaseStore } from "#storage/prisma/prisma-update-lease-store.js";
import { storageTargets } from "../support/databases.js";

const MIN = 60_000;
const DAY = 86_400_000;

interface LeaseStore {
  claim(key: string, leaseMs: number): Promise<boolean>;
  pruneExpired(before: Date): Promise<number>;
}

interface Target {
  clock: FixedClock;
  store: LeaseStore;
  /** Which of `keys` still have a row. */
  stored(keys: string[]): Promise<string[]>;
}

function contract(name: string, get: () => Target): void {
  describe(`update lease store: ${name}`, () => {
    it("gives a key to one claimer until its lease runs out", async () => {
      const { clock, store } = get();
      const key = `slack:poll:${randomUUID()}`;
      expect(await store.claim(key, MIN)).toBe(true);
      expect(await store.claim(key, MIN)).toBe(false);
      clock.advance(MIN);
      expect(await store.claim(key, MIN)).toBe(true);
    });

    it("prunes the leases that ran out before the cutoff and keeps the rest", async () => {
      const { clock, store, stored } = get();
      const old = `slack:poll:${randomUUID()}`;
      const recent = `slack:poll:${randomUUID()}`;
      const held = `slack:poll:${randomUUID()}`;
      await store.claim(old, MIN);
      clock.advance(2 * DAY);
      await store.claim(recent, MIN);
      clock.advance(2 * MIN);
      await store.claim(held, 10 * MIN);
      const pruned = await store.pruneExpired(new Date(clock.now().getTime() - DAY));
      expect(pruned).toBeGreaterThanOrEqual(1);
      expect(await stored([old, recent, held])).toEqual([recent, held]);
      // A pruned key is free: the next claim simply wins it.
      expect(await store.claim(old, MIN)).toBe(true);
      expect(await store.claim(held, MIN)).toBe(false);
    });
  });
}

{
  const clock = new FixedClock(new Date("2026-12-03T09:00:00.000Z"));
  const store = new InMemoryUpdateLeaseStore(() => clock.now());
  contract("in-memory", () => ({ clock, store, stored: async (keys) => keys.filter((k) => store.keys().includes(k)) }));
}

for (const target of storageTargets) {
  let db: Database;
  let store: PrismaUpdateLeaseStore;
  const clock = new FixedClock(new Date("2026-12-03T09:00:00.000Z"));
  beforeAll(async () => {
    db = await target.open();
    store = new PrismaUpdateLeaseStore(db.prisma, () => clock.now());
  });
  afterAll(async () => {
    await db?.close();
  });
  contract(`prisma on ${target.name}`, () => ({
    clock,
    store,
    stored: async (keys) => {
      const rows = await db.prisma.updateLease.findMany({ where: { key: { in: keys } }, select: { key: true } });
      return keys.filter((k) => rows.some((r) => r.key === k));
    },
  }));
}
