// SummaryRepository on Prisma (PGlite or PostgreSQL): the only place Summary rows ⇄ StoredSummary.
// The unique (allianceId, periodKey) key makes the first write win, also between instances; the
// JSON content is validated on the way out so a damaged row never reaches a chat.
import { parseStoredSummary } from "../../core/summary/summary-schema.js";
import type { TrustHealthSummary } from "../../core/summary/summary-model.js";
import { MERGED_SUMMARY_MARK, type StoredSummary, type SummaryRepository } from "../../core/summary/summary-repository.js";
import type { PrismaClient } from "../prisma-client.js";
import { isUniqueViolation } from "./prisma-errors.js";

interface Row {
  allianceId: string;
  periodKey: string;
  createdAt: Date;
  content: unknown;
}

const toStored = (row: Row): StoredSummary => ({
  allianceId: row.allianceId,
  periodKey: row.periodKey,
  createdAt: row.createdAt,
  content: parseStoredSummary(row.content),
});

/** A SummaryRepository backed by Prisma. */
export class PrismaSummaryRepository implements SummaryRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async save(allianceId: string, periodKey: string, content: TrustHealthSummary, now: Date) {
    try {
      const row = await this.prisma.summary.create({
        // The summary is plain JSON by construction (see summary-model.ts).
        data: { allianceId, periodKey, createdAt: now, content: JSON.parse(JSON.stringify(content)) as object },
      });
      return { summary: toStored(row), created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await this.find(allianceId, periodKey);
      if (!existing) throw error;
      return { summary: existing, created: false };
    }
  }

  async find(allianceId: string, periodKey: string): Promise<StoredSummary | null> {
    const row = await this.prisma.summary.findUnique({ where: { allianceId_periodKey: { allianceId, periodKey } } });
    return row ? toStored(row) : null;
  }

  async latest(allianceId: string): Promise<StoredSummary | null> {
    const row = await this.prisma.summary.findFirst({
      where: { allianceId, NOT: { periodKey: { contains: MERGED_SUMMARY_MARK } } },
      orderBy: [{ createdAt: "desc" }, { periodKey: "desc" }],
    });
    return row ? toStored(row) : null;
  }
}
