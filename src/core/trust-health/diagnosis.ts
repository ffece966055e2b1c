/**
 * The brief's diagnosis as explicit rules (docs/trust-health.md §5). Trust is a feeling that grows
 * out of four foundations; comparing the two tells the steering committee where to invest.
 */
import type { UncertaintyLevel } from "../alliance/alliance.js";
import { FOUNDATION_PILLARS, type Pillar } from "./pillars.js";
import { round1 } from "./pillar-scores.js";
import {
  AMBER_THRESHOLD,
  GREEN_THRESHOLD,
  MIN_FOUNDATIONS_FOR_DIAGNOSIS,
  MIN_RESOLVED_FOR_RECORD,
  TRUST_LOW_BELOW,
} from "./trust-health-constants.js";
import type { ObservedRecord } from "./trust-health-inputs.js";

/** The headline about the alliance's trust health. */
export type Diagnosis =
  | "insufficient_data"
  | "fragile_trust"
  | "foundations_weak"
  | "trust_lags"
  | "healthy"
  | "developing";

/** Every diagnosis, in the order the rules are tried. */
export const DIAGNOSES = [
  "insufficient_data",
  "fragile_trust",
  "foundations_weak",
  "trust_lags",
  "healthy",
  "developing",
] as const satisfies readonly Diagnosis[];

/** The figures a diagnosis rests on, shown beside it so anyone can re-check the rule. */
export interface DiagnosisBasis {
  trust: number | null;
  /** Plain mean of the foundation pillars that have data. */
  foundations: number | null;
  reliabilityRecord: number | null;
  /** "observed" = kept-rate of ≥ MIN_RESOLVED_FOR_RECORD resolved commitments, else the pillar score. */
  reliabilityRecordSource: "observed" | "pillar" | null;
  /** Trust below this counts as low at the alliance's uncertainty level. */
  trustLowBelow: number;
  uncertainty: UncertaintyLevel;
}

/** A diagnosis with its basis. */
export interface DiagnosisResult {
  diagnosis: Diagnosis;
  basis: DiagnosisBasis;
}

/** The reliability record: what actually happened when enough was resolved, else the pillar. */
export function reliabilityRecord(
  observed: ObservedRecord | null,
  reliabilityScore: number | null,
): { value: number | null; source: "observed" | "pillar" | null } {
  if (observed && observed.resolved >= MIN_RESOLVED_FOR_RECORD) {
    return { value: round1(observed.keptRate * 100), source: "observed" };
  }
  return reliabilityScore === null ? { value: null, source: null } : { value: reliabilityScore, source: "pillar" };
}

/** Applies the rules in order; the first that holds is the diagnosis. */
export function diagnose(
  scores: Readonly<Record<Pillar, number | null>>,
  observedReliability: ObservedRecord | null,
  uncertainty: UncertaintyLevel,
): DiagnosisResult {
  const foundationScores = FOUNDATION_PILLARS.map((p) => scores[p]).filter((s): s is number => s !== null);
  const foundations =
    foundationScores.length > 0 ? round1(foundationScores.reduce((a, b) => a + b, 0) / foundationScores.length) : null;
  const record = reliabilityRecord(observedReliability, scores.reliability);
  const trust = scores.trust;
  const trustLowBelow = TRUST_LOW_BELOW[uncertainty];
  const basis: DiagnosisBasis = {
    trust,
    foundations,
    reliabilityRecord: record.value,
    reliabilityRecordSource: record.source,
    trustLowBelow,
    uncertainty,
  };

  if (
    trust === null ||
    foundations === null ||
    record.value === null ||
    scores.reliability === null ||
    foundationScores.length < MIN_FOUNDATIONS_FOR_DIAGNOSIS
  ) {
    return { diagnosis: "insufficient_data", basis };
  }
  const trustHigh = trust >= GREEN_THRESHOLD;
  const trustLow = trust < trustLowBelow;
  const foundationsStrong = foundations >= GREEN_THRESHOLD && record.value >= GREEN_THRESHOLD;
  const foundationsWeak = foundations < AMBER_THRESHOLD || record.value < AMBER_THRESHOLD;

  if (trustHigh && foundationsWeak) return { diagnosis: "fragile_trust", basis };
  if (foundationsWeak) return { diagnosis: "foundations_weak", basis };
  if (foundationsStrong && trustLow) return { diagnosis: "trust_lags", basis };
  if (foundationsStrong) return { diagnosis: "healthy", basis };
  return { diagnosis: "developing", basis };
}
