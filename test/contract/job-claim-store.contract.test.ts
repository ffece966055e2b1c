// The JobClaimStore contract against memory and Prisma on every storage target (PGlite always,
// PostgreSQL when TEST_DATABASE_URL is set): one owner per run, bounded re-claims, skips recorded.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClaimPolicy, JobClaimStore, JobKey } from "#scheduling/job-claim-store.js";
import type { Database } from "#storage/database.js";
import { InMemoryJobClaimStore } from "#storage/memory/in-memory-job-claim-store.js";
import { PrismaJobClaimStore } from "#storage/prisma/prisma-job-claim-store.js";
import { storageTargets } from "../support/databases.js";

const T0 = new Date("2026-11-30T08:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const MIN = 60_000;
const policy: ClaimPolicy = { staleAfterMs: 15 * MIN, retryFailedAfterMs: MIN, maxAttempts: 3 };
/** A key no other test uses (there is no cleanup between tests). */
const freshKey = (job = "summary"): JobKey => ({ job, scope: `alliance-${randomUUID()}`, periodKey: "2026-W49" });

function contract(name: string, store: () => JobClaimStore): void {
  describe(`JobClaimStore contract: ${name}`, () => {
    it("gives a run to the first claimant and refuses the second", async () => {
      const key = freshKey();
      expect(await store().claim(key, T0, "a", policy)).toBe(true);
      expect(await store().claim(key, T0, "b", policy)).toBe(false);
      const [run] = await store().find([key]);
      expect(run).toMatchObject({ status: "claimed", claimedBy: "a", attempts: 1 });
    });

    it("lets exactly one of 20 concurrent claims win", async () => {
      const key = freshKey();
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store().claim(key, T0, `i${i}`, policy)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it("claims once by insert only and never re-claims that way", async () => {
      const key = freshKey("poll-close");
      expect(await store().claimOnce(key, T0, "a")).toBe(true);
      expect(await store().claimOnce(key, at(60 * MIN), "b")).toBe(false); // even when stale
      expect((await store().find([key]))[0]).toMatchObject({ status: "claimed", claimedBy: "a", attempts: 1 });
    });

    it("records completion and refuses a claim on a finished run", async () => {
      const key = freshKey();
      await store().claim(key, T0, "a", policy);
      expect(await store().complete(key, at(MIN), "a")).toBe(true);
      expect(await store().claim(key, at(60 * MIN), "b", policy)).toBe(false);
      expect((await store().find([key]))[0]).toMatchObject({ status: "done", finishedAt: at(MIN), error: null });
    });

    it("re-claims a failed run only after a backoff that doubles per attempt", async () => {
      const key = freshKey();
      await store().claim(key, T0, "a", policy);
      await store().fail(key, T0, "a", "database hiccup");
      expect((await store().find([key]))[0]).toMatchObject({ status: "failed", error: "database hiccup" });
      expect(await store().claim(key, at(MIN - 1), "b", policy)).toBe(false);
      expect(await store().claim(key, at(MIN), "b", policy)).toBe(true);
      await store().fail(key, at(MIN), "b", "again");
      // Second failure: wait 2 minutes.
      expect(await store().claim(key, at(2 * MIN), "c", policy)).toBe(false);
      expect(await store().claim(key, at(3 * MIN), "c", policy)).toBe(true);
      expect((await store().find([key]))[0]).toMatchObject({ status: "claimed", claimedBy: "c", attempts: 3 });
      // Third failure reaches maxAttempts: never again.
      await store().fail(key, at(3 * MIN), "c", "still broken");
      expect(await store().claim(key, at(600 * MIN), "d", policy)).toBe(false);
    });

    it("takes over a stale claim and ignores the late result of the dead owner", async () => {
      const key = freshKey();
      await store().claim(key, T0, "dead", policy);
      expect(await store().claim(key, at(14 * MIN), "b", policy)).toBe(false);
      expect(await store().claim(key, at(15 * MIN), "b", policy)).toBe(true);
      expect(await store().complete(key, at(16 * MIN), "dead")).toBe(false);
      expect(await store().complete(key, at(16 * MIN), "b")).toBe(true);
      expect((await store().find([key]))[0]).toMatchObject({ status: "done", claimedBy: "b", attempts: 2 });
    });

    it("marks a claim that went stale on its last attempt as failed (abandoned)", async () => {
      const key = freshKey();
      const once: ClaimPolicy = { ...policy, maxAttempts: 1 };
      await store().claim(key, T0, "dead", once);
      expect(await store().claim(key, at(20 * MIN), "b", once)).toBe(false);
      const [run] = await store().find([key]);
      expect(run?.status).toBe("failed");
      expect(run?.error).toMatch(/abandoned/);
    });

    it("records a skipped run once and never claims it afterwards", async () => {
      const key = freshKey();
      expect(await store().markSkipped(key, T0, "a", "missed by more than 24 h")).toBe(true);
      expect(await store().markSkipped(key, T0, "b", "again")).toBe(false);
      expect(await store().claim(key, T0, "b", policy)).toBe(false);
      expect((await store().find([key]))[0]).toMatchObject({ status: "skipped", error: "missed by more than 24 h" });
    });

    it("does not skip a run someone has claimed", async () => {
      const key = freshKey();
      await store().claim(key, T0, "a", policy);
      expect(await store().markSkipped(key, T0, "b", "late")).toBe(false);
      expect((await store().find([key]))[0]?.status).toBe("claimed");
    });

    it("finds exactly the stored runs among the keys asked for", async () => {
      const a = freshKey();
      const b = { ...a, periodKey: "2026-W50" };
      const crossed = { job: "pulse-round", scope: a.scope, periodKey: "2026-W50" };
      await store().claim(a, T0, "x", policy);
      await store().claim({ ...b, job: "other" }, T0, "x", policy);
      const found = await store().find([a, b, crossed]);
      expect(found.map((r) => [r.job, r.periodKey])).toEqual([["summary", "2026-W49"]]);
    });

    it("prunes finished runs of the given jobs before a time, and nothing else", async () => {
      const job = `sweep-${randomUUID()}`;
      const old = { job, scope: "*", periodKey: "2026-11-30T08:00" };
      const running = { job, scope: "*", periodKey: "2026-11-30T08:01" };
      const recent = { job, scope: "*", periodKey: "2026-11-30T09:00" };
      await store().claim(old, T0, "x", policy);
      await store().complete(old, T0, "x");
      await store().claim(running, T0, "x", policy);
      await store().claim(recent, at(60 * MIN), "x", policy);
      await store().complete(recent, at(60 * MIN), "x");
      expect(await store().prune([job], at(30 * MIN))).toBe(1);
      expect((await store().find([old, running, recent])).map((r) => r.periodKey)).toEqual(
        expect.arrayContaining([running.periodKey, recent.periodKey]),
      );
      expect(await store().find([old])).toEqual([]);
    });
  });
}

const memory = new InMemoryJobClaimStore();
contract("in-memory", () => memory);

for (const target of storageTargets) {
  let db: Database;
  let store: PrismaJobClaimStore;
  beforeAll(async () => {
    db = await target.open();
    store = new PrismaJobClaimStore(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
  });
  contract(`prisma on ${target.name}`, () => store);
}
