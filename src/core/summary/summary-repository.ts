/**
 * Storage port for posted trust-health summaries: one per alliance and period, so a scheduled run
 * that is retried (after a crash or a failed post) reuses what the first attempt stored instead of
 * building a slightly different summary. Implementations: src/storage/memory/in-memory-summary-repository.ts
 * and src/storage/prisma/prisma-summary-repository.ts; both pass test/contract/summary-repository.contract.test.ts.
 */
import type { TrustHealthSummary } from "./summary-model.js";

/** A stored summary. */
export interface StoredSummary {
  allianceId: string;
  periodKey: string;
  createdAt: Date;
  content: TrustHealthSummary;
}

/** Storage of summaries, keyed by (alliance, period). */
export interface SummaryRepository {
  /**
   * Stores the summary of the period unless one exists (first write wins, also under concurrent
   * calls); returns the stored one and whether this call created it.
   */
  save(allianceId: string, periodKey: string, content: TrustHealthSummary, now: Date): Promise<{ summary: StoredSummary; created: boolean }>;
  /** The summary of that period, or null. */
  find(allianceId: string, periodKey: string): Promise<StoredSummary | null>;
  /**
   * The most recently stored summary of the alliance, or null. A summary kept from an alliance
   * merged into this one (period key "<period>~merged-<id>") is history, never the latest.
   */
  latest(allianceId: string): Promise<StoredSummary | null>;
}

/** Marks the period key of a summary kept from a merged alliance (see SpaceRepository.mergeAlliance). */
export const MERGED_SUMMARY_MARK = "~merged-";
