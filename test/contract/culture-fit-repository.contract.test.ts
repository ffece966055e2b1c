// The CultureFitRepository contract against memory and Prisma on every storage target (PGlite
// always, PostgreSQL when TEST_DATABASE_URL is set): one assessment per respondent and period,
// idempotent resubmission, exact round trip of the points, and no member ids stored.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CultureAssessment, CultureFitRepository } from "#core/culture-fit/culture-fit-types.js";
import type { Database } from "#storage/database.js";
import { InMemoryCultureFitRepository } from "#storage/memory/in-memory-culture-fit-repository.js";
import { PrismaCultureFitRepository } from "#storage/prisma/prisma-culture-fit-repository.js";
import { storageTargets } from "../support/databases.js";

const six = (split: number[]) => Array.from({ length: 6 }, () => [...split]);
const R1_NOW = [
  [40, 20, 20, 20],
  [30, 30, 20, 20],
  [50, 10, 20, 20],
  [40, 20, 10, 30],
  [20, 30, 30, 20],
  [30, 20, 30, 20],
];

interface Harness {
  repo: () => CultureFitRepository;
  newAlliance: () => Promise<string>;
}

function assessment(allianceId: string, overrides: Partial<CultureAssessment> = {}): CultureAssessment {
  return {
    allianceId,
    organizationId: "org-a",
    respondentKey: "hash-1",
    periodKey: "2026-Q4",
    now: R1_NOW,
    preferred: six([40, 30, 15, 15]),
    differences: { aware: 4, learn: null },
    submittedOn: new Date("2026-11-27T00:00:00.000Z"),
    ...overrides,
  };
}

function contract(name: string, h: Harness): void {
  describe(`CultureFitRepository contract: ${name}`, () => {
    it("round-trips an assessment exactly", async () => {
      const allianceId = await h.newAlliance();
      const a = assessment(allianceId);
      await h.repo().save(a);
      expect(await h.repo().find(allianceId, "hash-1", "2026-Q4")).toEqual(a);
      expect(await h.repo().find(allianceId, "hash-1", "2027-Q1")).toBeNull();
      expect(await h.repo().find(allianceId, "hash-2", "2026-Q4")).toBeNull();
    });

    it("keeps one assessment per respondent and period: a resubmission replaces, a retry changes nothing", async () => {
      const allianceId = await h.newAlliance();
      await h.repo().save(assessment(allianceId));
      const changed = assessment(allianceId, { now: six([10, 20, 30, 40]), differences: {} });
      await Promise.all(Array.from({ length: 5 }, () => h.repo().save(changed)));
      await h.repo().save(assessment(allianceId, { respondentKey: "hash-2" }));
      await h.repo().save(assessment(allianceId, { periodKey: "2027-Q1" }));
      const period = await h.repo().ofPeriod(allianceId, "2026-Q4");
      expect(period).toHaveLength(2);
      expect(period.find((a) => a.respondentKey === "hash-1")).toEqual(changed);
      expect(await h.repo().periods(allianceId)).toEqual(["2026-Q4", "2027-Q1"]);
    });

    it("keeps alliances apart and stores no member id", async () => {
      const first = await h.newAlliance();
      const second = await h.newAlliance();
      await h.repo().save(assessment(first));
      await h.repo().save(assessment(second, { organizationId: "org-z" }));
      const rows = await h.repo().ofPeriod(first, "2026-Q4");
      expect(rows.map((a) => a.organizationId)).toEqual(["org-a"]);
      expect(Object.keys(rows[0]!).sort()).toEqual(
        ["allianceId", "differences", "now", "organizationId", "periodKey", "preferred", "respondentKey", "submittedOn"].sort(),
      );
      expect(await h.repo().periods(await h.newAlliance())).toEqual([]);
    });
  });
}

contract("in-memory", (() => {
  const repo = new InMemoryCultureFitRepository();
  return { repo: () => repo, newAlliance: async () => `al-${randomUUID()}` };
})());

for (const target of storageTargets) {
  let db: Database;
  let repo: PrismaCultureFitRepository;
  beforeAll(async () => {
    db = await target.open();
    repo = new PrismaCultureFitRepository(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
  });
  contract(`prisma on ${target.name}`, {
    repo: () => repo,
    newAlliance: async () => (await db.prisma.alliance.create({ data: { name: `culture ${randomUUID()}` } })).id,
  });

  describe(`CultureAssessment rows on ${target.name}`, () => {
    it("have no member column, a random (not time-based) id and a date column", async () => {
      const alliance = await db.prisma.alliance.create({ data: { name: `culture ${randomUUID()}` } });
      await repo.save(assessment(alliance.id));
      const rows = await db.prisma.$queryRawUnsafe<Array<Record<string, unknown>>>(
        `SELECT * FROM "CultureAssessment" WHERE "allianceId" = $1`,
        alliance.id,
      );
      expect(rows).toHaveLength(1);
      expect(Object.keys(rows[0]!).some((column) => /member/i.test(column))).toBe(false);
      expect(String(rows[0]!.id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const [type] = await db.prisma.$queryRawUnsafe<Array<{ data_type: string }>>(
        `SELECT data_type FROM information_schema.columns WHERE table_name = 'CultureAssessment' AND column_name = 'submittedOn'`,
      );
      expect(type?.data_type).toBe("date");
    });
  });
}
