// SummaryRepository in memory, for unit tests and the demo's fast path. Content is copied through
// JSON on the way in and out, as the database column would, so callers never share objects.
import type { TrustHealthSummary } from "#core/summary/summary-model.js";
import { MERGED_SUMMARY_MARK, type StoredSummary, type SummaryRepository } from "#core/summary/summary-repository.js";

const copy = (s: StoredSummary): StoredSummary => ({
  ...s,
  createdAt: new Date(s.createdAt.getTime()),
  content: JSON.parse(JSON.stringify(s.content)) as TrustHealthSummary,
});

/** A SummaryRepository over a Map keyed by alliance and period. */
export class InMemorySummaryRepository implements SummaryRepository {
  private readonly rows = new Map<string, StoredSummary>();

  async save(allianceId: string, periodKey: string, content: TrustHealthSummary, now: Date) {
    const key = `${allianceId}\u0000${periodKey}`;
    const existing = this.rows.get(key);
    if (existing) return { summary: copy(existing), created: false };
    const row: StoredSummary = copy({ allianceId, periodKey, createdAt: now, content });
    this.rows.set(key, row);
    return { summary: copy(row), created: true };
  }

  async find(allianceId: string, periodKey: string): Promise<StoredSummary | null> {
    const row = this.rows.get(`${allianceId}\u0000${periodKey}`);
    return row ? copy(row) : null;
  }

  async latest(allianceId: string): Promise<StoredSummary | null> {
    const mine = [...this.rows.values()].filter((r) => r.allianceId === allianceId && !r.periodKey.includes(MERGED_SUMMARY_MARK));
    mine.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.periodKey.localeCompare(a.periodKey));
    return mine[0] ? copy(mine[0]) : null;
  }
}
