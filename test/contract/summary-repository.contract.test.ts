// The SummaryRepository contract against memory and Prisma on every storage target (PGlite
// always, PostgreSQL when TEST_DATABASE_URL is set): exact round trip, first write wins per
// (alliance, period) also under concurrent saves, latest by time, alliances kept apart.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTrustHealthSummary } from "#core/summary/build-summary.js";
import type { TrustHealthSummary } from "#core/summary/summary-model.js";
import type { SummaryRepository } from "#core/summary/summary-repository.js";
import type { Database } from "#storage/database.js";
import { InMemorySummaryRepository } from "#storage/memory/in-memory-summary-repository.js";
import { PrismaSummaryRepository } from "#storage/prisma/prisma-summary-repository.js";
import { workedInput } from "../fixtures/trust-health-worked-example.js";
import { storageTargets } from "../support/databases.js";

interface Harness {
  repo: () => SummaryRepository;
  newAlliance: () => Promise<string>;
}

const base = buildTrustHealthSummary(workedInput);
const summaryOf = (allianceId: string, periodKey: string, index = base.index.score): TrustHealthSummary =>
  JSON.parse(JSON.stringify({ ...base, alliance: { ...base.alliance, id: allianceId }, period: { ...base.period, key: periodKey }, index: { ...base.index, score: index } }));

const t = (iso: string) => new Date(iso);

function contract(name: string, h: Harness): void {
  describe(`SummaryRepository contract: ${name}`, () => {
    it("round-trips a summary exactly", async () => {
      const allianceId = await h.newAlliance();
      const content = summaryOf(allianceId, "2026-W10");
      const { summary, created } = await h.repo().save(allianceId, "2026-W10", content, t("2026-03-09T08:00:00Z"));
      expect(created).toBe(true);
      expect(summary).toEqual({ allianceId, periodKey: "2026-W10", createdAt: t("2026-03-09T08:00:00Z"), content });
      expect(await h.repo().find(allianceId, "2026-W10")).toEqual(summary);
      expect(await h.repo().find(allianceId, "2026-W11")).toBeNull();
    });

    it("keeps the first summary of a period: concurrent and later saves change nothing", async () => {
      const allianceId = await h.newAlliance();
      const results = await Promise.all(
        [61, 62, 63, 64].map((score) => h.repo().save(allianceId, "2026-W10", summaryOf(allianceId, "2026-W10", score), t("2026-03-09T08:00:00Z"))),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const winner = results.find((r) => r.created)!.summary;
      for (const r of results) expect(r.summary).toEqual(winner);
      const again = await h.repo().save(allianceId, "2026-W10", summaryOf(allianceId, "2026-W10", 10), t("2026-03-09T09:00:00Z"));
      expect(again).toEqual({ summary: winner, created: false });
    });

    it("returns the latest stored summary of the alliance, and none for another", async () => {
      const allianceId = await h.newAlliance();
      expect(await h.repo().latest(allianceId)).toBeNull();
      await h.repo().save(allianceId, "2026-W10", summaryOf(allianceId, "2026-W10"), t("2026-03-09T08:00:00Z"));
      await h.repo().save(allianceId, "2026-W11", summaryOf(allianceId, "2026-W11"), t("2026-03-16T08:00:00Z"));
      const other = await h.newAlliance();
      await h.repo().save(other, "2026-W12", summaryOf(other, "2026-W12"), t("2026-03-23T08:00:00Z"));
      expect((await h.repo().latest(allianceId))?.periodKey).toBe("2026-W11");
      expect((await h.repo().latest(other))?.periodKey).toBe("2026-W12");
      expect(await h.repo().find(other, "2026-W10")).toBeNull();
      // A week's summary kept from a merged alliance, stored later, is history, not the latest.
      await h.repo().save(allianceId, "2026-W11~merged-x", summaryOf(allianceId, "2026-W11"), t("2026-03-17T08:00:00Z"));
      expect((await h.repo().latest(allianceId))?.periodKey).toBe("2026-W11");
    });
  });
}

contract("in-memory", (() => {
  const repo = new InMemorySummaryRepository();
  return { repo: () => repo, newAlliance: async () => `al-${randomUUID()}` };
})());

for (const target of storageTargets) {
  let db: Database;
  let repo: PrismaSummaryRepository;
  beforeAll(async () => {
    db = await target.open();
    repo = new PrismaSummaryRepository(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
  });
  contract(`prisma on ${target.name}`, {
    repo: () => repo,
    newAlliance: async () => (await db.prisma.alliance.create({ data: { name: `summary ${randomUUID()}` } })).id,
  });

  describe(`Summary rows on ${target.name}`, () => {
    it("refuse to read back damaged content with INVALID_INPUT", async () => {
      const alliance = await db.prisma.alliance.create({ data: { name: `summary ${randomUUID()}` } });
      await db.prisma.summary.create({ data: { allianceId: alliance.id, periodKey: "2026-W10", content: { version: 2 } } });
      await expect(repo.find(alliance.id, "2026-W10")).rejects.toMatchObject({ code: "INVALID_INPUT" });
    });

    it("treat a summary stored as content version 1 (before an upgrade) as absent, and let the next save replace it", async () => {
      const alliance = await db.prisma.alliance.create({ data: { name: `summary ${randomUUID()}` } });
      const current = summaryOf(alliance.id, "2026-W09");
      await repo.save(alliance.id, "2026-W09", current, t("2026-03-02T08:00:00Z"));
      // A version-1 row of a later period, as the bot stored it before this release.
      const v1 = { ...JSON.parse(JSON.stringify(summaryOf(alliance.id, "2026-W10"))), version: 1, findings: undefined };
      await db.prisma.summary.create({ data: { allianceId: alliance.id, periodKey: "2026-W10", createdAt: t("2026-03-09T08:00:00Z"), content: v1 } });

      expect(await repo.find(alliance.id, "2026-W10")).toBeNull();
      expect((await repo.latest(alliance.id))?.periodKey).toBe("2026-W09");

      const fresh = summaryOf(alliance.id, "2026-W10", 55);
      const saved = await repo.save(alliance.id, "2026-W10", fresh, t("2026-03-09T09:00:00Z"));
      expect(saved).toEqual({ created: true, summary: { allianceId: alliance.id, periodKey: "2026-W10", createdAt: t("2026-03-09T09:00:00Z"), content: fresh } });
      expect(await repo.find(alliance.id, "2026-W10")).toEqual(saved.summary);
      expect(await repo.latest(alliance.id)).toEqual(saved.summary);
      // And the replacement is a normal row again: the first write wins from here on.
      expect(await repo.save(alliance.id, "2026-W10", summaryOf(alliance.id, "2026-W10", 11), t("2026-03-09T10:00:00Z"))).toEqual({ created: false, summary: saved.summary });
    });

    it("let exactly one of several concurrent saves replace an outdated row", async () => {
      const alliance = await db.prisma.alliance.create({ data: { name: `summary ${randomUUID()}` } });
      await db.prisma.summary.create({ data: { allianceId: alliance.id, periodKey: "2026-W10", content: { version: 1 } } });
      const results = await Promise.all(
        [61, 62, 63].map((score) => repo.save(alliance.id, "2026-W10", summaryOf(alliance.id, "2026-W10", score), t("2026-03-09T08:00:00Z"))),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const winner = results.find((r) => r.created)!.summary;
      for (const r of results) expect(r.summary).toEqual(winner);
      expect(await repo.find(alliance.id, "2026-W10")).toEqual(winner);
    });
  });
}
