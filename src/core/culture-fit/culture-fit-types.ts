/** The stored culture assessment and the repository port. */
import type { AspectPoints, DifferenceItem } from "./cvf-instrument.js";

/**
 * One member's assessment of their own organisation in one period. No member id: the
 * respondentKey is a keyed hash of (alliance, period, member), so a resubmission replaces the
 * earlier one but nobody can tell whose it is, nor link it across periods.
 */
export interface CultureAssessment {
  allianceId: string;
  organizationId: string;
  respondentKey: string;
  /** e.g. "2026-Q4"; one assessment per respondent per period. */
  periodKey: string;
  now: AspectPoints;
  preferred: AspectPoints;
  /** Dealing with cultural differences: 1..5, or null for "can't say"; missing = not answered. */
  differences: Partial<Record<DifferenceItem, number | null>>;
  /** A date only (UTC midnight of the local day). */
  submittedOn: Date;
}

/** Storage of culture assessments; implemented in memory and with Prisma (src/storage). */
export interface CultureFitRepository {
  /** Stores the assessment, replacing the one with the same (allianceId, respondentKey, periodKey). */
  save(assessment: CultureAssessment): Promise<void>;
  find(allianceId: string, respondentKey: string, periodKey: string): Promise<CultureAssessment | null>;
  /** All assessments of one period, in an order that does not reveal submission order. */
  ofPeriod(allianceId: string, periodKey: string): Promise<CultureAssessment[]>;
  /** The periods that have assessments, oldest first. */
  periods(allianceId: string): Promise<string[]>;
}
