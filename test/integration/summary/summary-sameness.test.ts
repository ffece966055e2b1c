// Issue 12: the summary from SQL aggregates (Prisma repositories) is the summary the old path
// built from every row, number for number: on the demo alliance (seeded through the real
// services, as `npm run demo` does) and on randomised histories with fixed seeds, on PGlite and,
// with TEST_DATABASE_URL, PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCoreServices } from "#src/compose-services.js";
import { FixedClock } from "#core/shared/clock.js";
import { demoCalendar } from "#demo/demo-timeline.js";
import { seedDemo } from "#demo/seed-demo.js";
import type { Database } from "#storage/database.js";
import { PrismaCommitmentRepository } from "#storage/prisma/prisma-commitment-repository.js";
import { PrismaPulseRepository } from "#storage/prisma/prisma-pulse-repository.js";
import { storageTargets } from "../../support/databases.js";
import { seedRandomHistory } from "../../support/random-alliance-history.js";
import { summariesBothWays, summaryDifferences } from "../../support/summary-sameness.js";

const SEEDS = [11, 37, 59];

for (const target of storageTargets) {
  describe(`the weekly summary from SQL aggregates on ${target.name}`, () => {
    let db: Database;
    beforeAll(async () => {
      db = await target.open();
    }, 60_000);
    afterAll(async () => {
      await db?.close();
    });

    const stores = () => ({ commitments: new PrismaCommitmentRepository(db.prisma), pulse: new PrismaPulseRepository(db.prisma) });

    it("is the old summary, number for number, on the demo alliance", async () => {
      const calendar = demoCalendar({ year: 2026, month: 11, day: 23 });
      const clock = new FixedClock(calendar.at(1, 0, 8));
      const services = buildCoreServices({ prisma: db.prisma, clock, secret: "sameness-secret-sameness-secret-12345" });
      const seeded = await seedDemo(services, clock, calendar, { firstPulseWeek: 9 });
      const organizations = await services.alliances.listOrganizations(seeded.alliance.id);
      const pairs = await summariesBothWays(stores(), seeded.alliance, organizations, calendar.end);
      for (const pair of pairs) expect(summaryDifferences(pair.fresh, pair.old), `${pair.label} (${pair.periodKey})`).toEqual([]);
      // The demo's story is in both: the partner finding and the named agreements.
      expect(pairs[0]!.fresh.diagnosis.diagnosis).toBe("trust_lags");
      expect(pairs[0]!.fresh.events.length).toBeGreaterThan(0);
    }, 180_000);

    it.each(SEEDS)("is the old summary, number for number, on random history %i", async (seed) => {
      const history = await seedRandomHistory(
        {
          ...stores(),
          async createAlliance(alliance, names) {
            const row = await db.prisma.alliance.create({ data: { name: alliance.name, timezone: alliance.timezone } });
            const orgs = await Promise.all(names.map((name) => db.prisma.organization.create({ data: { allianceId: row.id, name } })));
            return { allianceId: row.id, organizationIds: orgs.map((o) => o.id) };
          },
        },
        seed,
      );
      const pairs = await summariesBothWays(stores(), history.alliance, history.organizations, history.now);
      for (const pair of pairs) expect(summaryDifferences(pair.fresh, pair.old), `${pair.label} (${pair.periodKey})`).toEqual([]);
    }, 120_000);
  });
}
