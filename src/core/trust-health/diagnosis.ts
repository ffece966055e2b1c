/**
 * The brief's diagnosis as explicit rules, per partner and per direction (docs/trust-health.md §5).
 * Trust is a feeling that grows out of the foundations; a partner whose record does not back the
 * trust placed in it is the one the steering committee must hear about, so each organisation (as
 * giver) and each direction giver → receiver gets its own verdict, and the alliance's verdict is
 * the worst of them, naming the partner. A verdict is only given when the intervals clear the
 * thresholds (estimates.ts); otherwise it is "not enough evidence yet".
 */
import type { UncertaintyLevel } from "../alliance/alliance.js";
import type { Estimate } from "./estimates.js";
import { AMBER_THRESHOLD, FRAGILE_RECORD_BELOW, GREEN_THRESHOLD, TRUST_LOW_BELOW } from "./trust-health-constants.js";

/** A verdict. */
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

/** How bad a verdict is, for picking the alliance's headline (0: no verdict). */
export const DIAGNOSIS_SEVERITY: Readonly<Record<Diagnosis, number>> = {
  insufficient_data: 0,
  healthy: 1,
  developing: 2,
  trust_lags: 3,
  foundations_weak: 4,
  fragile_trust: 5,
};

/** Verdicts that keep the headline index from being green. */
export function isRedVerdict(diagnosis: Diagnosis): boolean {
  return diagnosis === "fragile_trust" || diagnosis === "foundations_weak";
}

/** Who a verdict is about. */
export type DiagnosisSubject =
  | { kind: "alliance" }
  | { kind: "organization"; organizationId: string }
  | { kind: "pair"; fromOrganizationId: string; toOrganizationId: string };

/** What a verdict rests on: the giver's record, and how its partners see it. */
export interface SubjectEvidence {
  /** Kept-rate (0–100) of what the giver owed, with its credible interval and outcomes. */
  record: Estimate | null;
  /** Trust in the giver (calibrated 0–100) with its interval and people. */
  trust: Estimate | null;
  /** The giver's reliability as its partners rate it (calibrated). */
  perceivedReliability: Estimate | null;
}

/** The thresholds in force at the alliance's uncertainty level, shown beside each verdict. */
export interface DiagnosisThresholds {
  uncertainty: UncertaintyLevel;
  /** Trust is low when its interval lies below this. */
  trustLowBelow: number;
  /** With trust high, a record whose interval lies below this is fragile trust. */
  fragileRecordBelow: number;
}

/** One verdict about one subject. */
export interface SubjectDiagnosis {
  subject: DiagnosisSubject;
  diagnosis: Diagnosis;
  evidence: SubjectEvidence;
}

/** The alliance's headline verdict: the worst material subject's, with its thresholds. */
export interface DiagnosisResult extends SubjectDiagnosis {
  thresholds: DiagnosisThresholds;
}

/** The thresholds at an uncertainty level. */
export function thresholdsFor(uncertainty: UncertaintyLevel): DiagnosisThresholds {
  return { uncertainty, trustLowBelow: TRUST_LOW_BELOW[uncertainty], fragileRecordBelow: FRAGILE_RECORD_BELOW[uncertainty] };
}

/**
 * The rules, tried in order (docs §5.2). "Clearly" means the whole interval:
 * 1. fragile_trust: trust clearly high (low bound ≥ GREEN) and the record clearly below the
 *    fragile bar of the uncertainty level;
 * 2. foundations_weak: the record clearly below AMBER (trust not needed);
 * 3. trust_lags: the record clearly strong (low bound ≥ GREEN) and trust clearly low;
 * 4. healthy: the record clearly strong and trust clearly not low;
 * 5. developing: the record clearly between AMBER and GREEN;
 * 6. insufficient_data: anything else ("not enough evidence yet").
 */
export function diagnoseSubject(evidence: SubjectEvidence, thresholds: DiagnosisThresholds): Diagnosis {
  const { record, trust } = evidence;
  if (!record) return "insufficient_data";
  const trustHigh = trust !== null && trust.low >= GREEN_THRESHOLD;
  if (trustHigh && record.high < thresholds.fragileRecordBelow) return "fragile_trust";
  if (record.high < AMBER_THRESHOLD) return "foundations_weak";
  const recordStrong = record.low >= GREEN_THRESHOLD;
  if (recordStrong && trust !== null && trust.high < thresholds.trustLowBelow) return "trust_lags";
  if (recordStrong && trust !== null && trust.low >= thresholds.trustLowBelow) return "healthy";
  if (record.low >= AMBER_THRESHOLD && record.high < GREEN_THRESHOLD) return "developing";
  return "insufficient_data";
}

// On equal severity an organisation's whole record goes first (it rests on the most evidence),
// then a direction, then the alliance as a whole.
const subjectRank = (s: DiagnosisSubject) => (s.kind === "organization" ? 0 : s.kind === "pair" ? 1 : 2);
const distance = (e: SubjectEvidence) => (e.trust && e.record ? Math.abs(e.trust.value - e.record.value) : 0);

/**
 * The alliance's headline: the worst verdict among the subjects that have one (ties: an
 * organisation before a direction before the alliance as a whole, then the larger distance between
 * trust and record; an organisation that owes only one partner is named by that direction).
 * When every organisation with a verdict shares the worst one, it is about the alliance as a
 * whole and no partner is singled out. When the worst verdict is "healthy", the
 * headline is the alliance as a whole's own verdict, healthy only when that is clear too and every
 * organisation with a record is itself clearly healthy.
 */
export function allianceDiagnosis(subjects: readonly SubjectDiagnosis[], uncertainty: UncertaintyLevel): DiagnosisResult {
  const thresholds = thresholdsFor(uncertainty);
  const alliance = subjects.find((s) => s.subject.kind === "alliance") ?? {
    subject: { kind: "alliance" } as const,
    diagnosis: "insufficient_data" as const,
    evidence: { record: null, trust: null, perceivedReliability: null },
  };
  const ranked = [...subjects].sort(
    (a, b) =>
      DIAGNOSIS_SEVERITY[b.diagnosis] - DIAGNOSIS_SEVERITY[a.diagnosis] ||
      subjectRank(a.subject) - subjectRank(b.subject) ||
      distance(b.evidence) - distance(a.evidence),
  );
  const worst = namedDirection(ranked[0], subjects);
  if (!worst || worst.diagnosis === "insufficient_data") return { ...alliance, thresholds };
  // A healthy headline is about everyone, so the alliance as a whole must be clearly healthy too:
  // one partner that is fine says nothing about a partner without evidence.
  // Nor may a partner without a clear verdict of its own hide behind its partners' health.
  if (worst.diagnosis === "healthy") {
    const doubtful = subjects.some((s) => s.subject.kind === "organization" && s.evidence.record !== null && s.diagnosis !== "healthy");
    return doubtful ? { ...alliance, diagnosis: "insufficient_data", thresholds } : { ...alliance, thresholds };
  }
  const givers = subjects.filter((s) => s.subject.kind === "organization" && s.diagnosis !== "insufficient_data");
  if (givers.length >= 2 && givers.every((g) => g.diagnosis === worst.diagnosis)) {
    return { subject: { kind: "alliance" }, diagnosis: worst.diagnosis, evidence: alliance.evidence, thresholds };
  }
  return { ...worst, thresholds };
}

/**
 * An organisation that owes only one partner is named by that direction, which says the same and
 * who is owed ("Globex keeps 25% of what it owes Acme").
 */
function namedDirection(worst: SubjectDiagnosis | undefined, subjects: readonly SubjectDiagnosis[]): SubjectDiagnosis | undefined {
  if (worst?.subject.kind !== "organization") return worst;
  const giver = worst.subject.organizationId;
  const directions = subjects.filter((s) => s.subject.kind === "pair" && s.subject.fromOrganizationId === giver);
  return directions.length === 1 && directions[0]!.diagnosis === worst.diagnosis ? directions[0] : worst;
}

/** The organisation a subject singles out (the giver), or null for the alliance as a whole. */
export function singledOut(subject: DiagnosisSubject): string | null {
  return subject.kind === "organization" ? subject.organizationId : subject.kind === "pair" ? subject.fromOrganizationId : null;
}
