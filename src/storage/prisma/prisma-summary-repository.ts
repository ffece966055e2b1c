// SummaryRepository on Prisma (PGlite or PostgreSQL): the only place Summary rows ⇄ StoredSummary.
// The unique (allianceId, periodKey) key makes the first write win, also between instances; the
// JSON content is validated on the way out so a damaged row never reaches a chat. A row of an
// earlier content version (stored before an upgrade) reads as absent and the next save replaces
// it, so an upgrade never breaks the weekly post or `latest`.
import { isOutdatedSummary, parseStoredSummary, SUMMARY_CONTENT_VERSION } from "#core/summary/summary-schema.js";
import type { TrustHealthSummary } from "#core/summary/summary-model.js";
import { MERGED_SUMMARY_MARK, type StoredSummary, type SummaryRepository } from "#core/summary/summary-repository.js";
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
      if (existing) return { summary: existing, created: false };
      const replaced = await this.replaceOutdated(allianceId, periodKey, content, now);
      if (replaced) return { summary: replaced, created: true };
      // Another instance replaced the outdated row first: its summary wins, as with any save.
      const winner = await this.find(allianceId, periodKey);
      if (!winner) throw error;
      return { summary: winner, created: false };
    }
  }

  /** Overwrites the row of the period only while it still holds an earlier content version. */
  private async replaceOutdated(allianceId: string, periodKey: string, content: TrustHealthSummary, now: Date): Promise<StoredSummary | null> {
    const row = await this.prisma.summary.findUnique({ where: { allianceId_periodKey: { allianceId, periodKey } } });
    if (!row || !isOutdatedSummary(row.content)) return null;
    // Conditional on the row being unchanged since we read it, so two instances cannot both win.
    const { count } = await this.prisma.summary.updateMany({
      where: { allianceId, periodKey, createdAt: row.createdAt, NOT: { content: { path: ["version"], equals: SUMMARY_CONTENT_VERSION } } },
      data: { createdAt: now, content: JSON.parse(JSON.stringify(content)) as object },
    });
    return count === 1 ? { allianceId, periodKey, createdAt: now, content: parseStoredSummary(JSON.parse(JSON.stringify(content))) } : null;
  }

  async find(allianceId: string, periodKey: string): Promise<StoredSummary | null> {
    const row = await this.prisma.summary.findUnique({ where: { allianceId_periodKey: { allianceId, periodKey } } });
    return row && !isOutdatedSummary(row.content) ? toStored(row) : null;
  }

  /** The newest summary of the current content version; rows stored before an upgrade are skipped. */
  async latest(allianceId: string): Promise<StoredSummary | null> {
    const row = await this.prisma.summary.findFirst({
      where: { allianceId, NOT: [{ content: { path: ["version"], lt: SUMMARY_CONTENT_VERSION } }, { periodKey: { contains: MERGED_SUMMARY_MARK } }] },
      orderBy: [{ createdAt: "desc" }, { periodKey: "desc" }],
    });
    return row ? toStored(row) : null;
  }
}
