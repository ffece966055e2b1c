/**
 * Per partner and per direction (docs/trust-health.md §5–§7): the evidence for each organisation
 * as giver and each direction giver → receiver, its verdict, the observed-vs-perceived gap flag and
 * the give and take of each pair with its direction. Pure functions over one rolled period.
 */
import { uncalibrateLikert } from "./calibration.js";
import { diagnoseSubject, thresholdsFor, type DiagnosisThresholds, type SubjectDiagnosis, type SubjectEvidence } from "./diagnosis.js";
import { betaQuantile, keptRateEstimate, likertEstimate, type Estimate } from "./estimates.js";
import { round1 } from "./pillar-scores.js";
import { EFFECTIVE_SAMPLE_SCALE } from "./record-window.js";
import { FLAG_LEVEL, LOPSIDED_BALANCE_BELOW, PERCEPTION_GAP_POINTS } from "./trust-health-constants.js";
import type { ObservedRecord, Perceived, TrustHealthPeriodInput } from "./trust-health-inputs.js";
import type { UncertaintyLevel } from "../alliance/alliance.js";

/** A kept-rate estimate of a rolled record; null without any resolved outcome. */
export function recordEstimate(record: ObservedRecord | null | undefined, level?: number): Estimate | null {
  if (!record || record.resolved <= 0) return null;
  const effective = record.resolved * EFFECTIVE_SAMPLE_SCALE;
  return keptRateEstimate(record.keptRate * effective, effective, record.outcomes ?? record.resolved, level);
}

/** A perceived score's estimate; null when absent or hidden for anonymity. */
export function perceivedEstimate(perceived: Perceived | null | undefined, level?: number): Estimate | null {
  if (perceived?.kind !== "score") return null;
  return likertEstimate(perceived.mean ?? uncalibrateLikert(perceived.score), perceived.respondents, level);
}

/** Observed kept-rate against how partners rate the giver's reliability, both calibrated. */
export interface PerceptionGap {
  /** kept − perceived (positive: partners see it as less reliable than its record). */
  gap: number;
  /** True only when |gap| ≥ PERCEPTION_GAP_POINTS and the two FLAG_LEVEL intervals do not overlap. */
  flagged: boolean;
}

/** The gap of one subject, or null when either side is missing. */
export function perceptionGap(record: ObservedRecord | null | undefined, perceived: Perceived | null | undefined): PerceptionGap | null {
  const kept = recordEstimate(record, FLAG_LEVEL);
  const seen = perceivedEstimate(perceived, FLAG_LEVEL);
  if (!kept || !seen) return null;
  const gap = round1(kept.value - seen.value);
  const clear = kept.low > seen.high || kept.high < seen.low;
  return { gap, flagged: clear && Math.abs(gap) >= PERCEPTION_GAP_POINTS };
}

/** A verdict with the perception gap of its subject. */
export interface PartnerFinding extends SubjectDiagnosis {
  gap: PerceptionGap | null;
  /** Which perception figures of this subject were withheld for anonymity (fewer than k). */
  hidden: { trust: boolean; perceivedReliability: boolean };
}

function finding(
  subject: SubjectDiagnosis["subject"],
  record: ObservedRecord | null | undefined,
  trust: Perceived | null | undefined,
  reliability: Perceived | null | undefined,
  thresholds: DiagnosisThresholds,
): PartnerFinding {
  const evidence: SubjectEvidence = {
    record: recordEstimate(record),
    trust: perceivedEstimate(trust),
    perceivedReliability: perceivedEstimate(reliability),
  };
  return {
    subject,
    diagnosis: diagnoseSubject(evidence, thresholds),
    evidence,
    gap: perceptionGap(record, reliability),
    hidden: { trust: trust?.kind === "hidden", perceivedReliability: reliability?.kind === "hidden" },
  };
}

/** The alliance as a whole, each organisation as giver and each direction, in that order. */
export function partnerFindings(period: TrustHealthPeriodInput, uncertainty: UncertaintyLevel): PartnerFinding[] {
  const thresholds = thresholdsFor(uncertainty);
  return [
    finding({ kind: "alliance" }, period.observed.reliability, period.perceived.trust, period.perceived.reliability, thresholds),
    ...period.organizations.map((org) =>
      finding({ kind: "organization", organizationId: org.organizationId }, org.observed, org.trustByPartners, org.perceivedByPartners, thresholds),
    ),
    ...(period.directions ?? []).map((d) =>
      finding(
        { kind: "pair", fromOrganizationId: d.fromOrganizationId, toOrganizationId: d.toOrganizationId },
        d.observed,
        d.trust,
        d.perceivedReliability,
        thresholds,
      ),
    ),
  ];
}

/** Give and take between two partners, both ways (A before B by id). */
export interface ReciprocityPair {
  organizationA: string;
  organizationB: string;
  /** Recency-weighted kept commitments delivered A → B and B → A, one decimal. */
  deliveredAToB: number;
  deliveredBToA: number;
  /** smaller / larger, 0–1; null when neither delivered. */
  balance: number | null;
  /**
   * The partner that gives more, when the give and take is lopsided: balance below
   * LOPSIDED_BALANCE_BELOW and the share's FLAG_LEVEL interval (Beta(1 + a, 1 + b)) clear of ½.
   */
  lopsidedGiver: string | null;
}

/** One entry per unordered pair with deliveries either way. */
export function reciprocityPairs(period: TrustHealthPeriodInput): ReciprocityPair[] {
  const pairs = new Map<string, ReciprocityPair>();
  for (const d of period.directions ?? []) {
    if (d.delivered <= 0) continue;
    const [a, b] = d.fromOrganizationId < d.toOrganizationId ? [d.fromOrganizationId, d.toOrganizationId] : [d.toOrganizationId, d.fromOrganizationId];
    const key = `${a}→${b}`;
    const pair = pairs.get(key) ?? { organizationA: a, organizationB: b, deliveredAToB: 0, deliveredBToA: 0, balance: null, lopsidedGiver: null };
    if (d.fromOrganizationId === a) pair.deliveredAToB += d.delivered;
    else pair.deliveredBToA += d.delivered;
    pairs.set(key, pair);
  }
  return [...pairs.values()]
    .map((pair) => {
      const { deliveredAToB: ab, deliveredBToA: ba } = pair;
      const high = Math.max(ab, ba);
      const balance = high > 0 ? Math.min(ab, ba) / high : null;
      const tail = (1 - FLAG_LEVEL) / 2;
      const low = betaQuantile(tail, 1 + ab, 1 + ba);
      const upper = betaQuantile(1 - tail, 1 + ab, 1 + ba);
      const clear = low > 0.5 || upper < 0.5;
      const lopsided = balance !== null && balance < LOPSIDED_BALANCE_BELOW && clear;
      return {
        ...pair,
        deliveredAToB: round1(ab),
        deliveredBToA: round1(ba),
        balance: balance === null ? null : Math.round(balance * 1000) / 1000,
        lopsidedGiver: lopsided ? (ab > ba ? pair.organizationA : pair.organizationB) : null,
      };
    })
    .sort((x, y) => x.organizationA.localeCompare(y.organizationA) || x.organizationB.localeCompare(y.organizationB));
}
