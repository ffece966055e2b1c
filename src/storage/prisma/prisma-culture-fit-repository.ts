// CultureFitRepository on Prisma (PGlite or PostgreSQL): the only place assessment rows ⇄ domain types.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { CultureAssessment, CultureFitRepository } from "#core/culture-fit/culture-fit-types.js";
import type { PrismaClient } from "../prisma-client.js";
import { upsertRetryingRace } from "./prisma-errors.js";

// JSON columns are checked on the way out, so a damaged row fails loudly instead of skewing a profile.
const pointsSchema = z.array(z.array(z.number().int().min(0)).length(4)).length(6);
const differencesSchema = z.record(z.string(), z.number().int().min(1).max(5).nullable());

interface Row {
  allianceId: string;
  organizationId: string;
  respondentKey: string;
  periodKey: string;
  now: unknown;
  preferred: unknown;
  differences: unknown;
  submittedOn: Date;
}

const toAssessment = (row: Row): CultureAssessment => ({
  allianceId: row.allianceId,
  organizationId: row.organizationId,
  respondentKey: row.respondentKey,
  periodKey: row.periodKey,
  now: pointsSchema.parse(row.now),
  preferred: pointsSchema.parse(row.preferred),
  differences: differencesSchema.parse(row.differences) as CultureAssessment["differences"],
  submittedOn: row.submittedOn,
});

/** A CultureFitRepository backed by Prisma. */
export class PrismaCultureFitRepository implements CultureFitRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async save(a: CultureAssessment): Promise<void> {
    const values = {
      organizationId: a.organizationId,
      now: a.now,
      preferred: a.preferred,
      differences: a.differences,
      submittedOn: a.submittedOn,
    };
    const upsert = () =>
      this.prisma.cultureAssessment.upsert({
        where: {
          allianceId_respondentKey_periodKey: { allianceId: a.allianceId, respondentKey: a.respondentKey, periodKey: a.periodKey },
        },
        // A random id, not the default cuid, whose embedded timestamp would date the submission.
        create: { id: randomUUID(), allianceId: a.allianceId, respondentKey: a.respondentKey, periodKey: a.periodKey, ...values },
        update: values,
      });
    await upsertRetryingRace(upsert);
  }

  async find(allianceId: string, respondentKey: string, periodKey: string): Promise<CultureAssessment | null> {
    const row = await this.prisma.cultureAssessment.findUnique({
      where: { allianceId_respondentKey_periodKey: { allianceId, respondentKey, periodKey } },
    });
    return row ? toAssessment(row) : null;
  }

  async ofPeriod(allianceId: string, periodKey: string): Promise<CultureAssessment[]> {
    const rows = await this.prisma.cultureAssessment.findMany({ where: { allianceId, periodKey }, orderBy: { respondentKey: "asc" } });
    return rows.map(toAssessment);
  }

  async periods(allianceId: string): Promise<string[]> {
    const rows = await this.prisma.cultureAssessment.findMany({
      where: { allianceId },
      distinct: ["periodKey"],
      select: { periodKey: true },
      orderBy: { periodKey: "asc" },
    });
    return rows.map((r) => r.periodKey);
  }
}
