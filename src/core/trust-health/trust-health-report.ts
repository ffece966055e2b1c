/**
 * The trust-health model in one call: pillar scores with RAG, trend and series, the index, the
 * diagnosis with its next steps, say vs do and the notable events of the current period.
 */
import type { UncertaintyLevel } from "../alliance/alliance.js";
import type { MessageKey } from "../i18n/catalogue.js";
import { DomainError } from "../shared/errors.js";
import { allianceDiagnosis, isRedVerdict, type DiagnosisResult, type DiagnosisSubject } from "./diagnosis.js";
import { CAPPED_INDEX, healthIndex, pillarWeight } from "./health-index.js";
import { partnerFindings, reciprocityPairs, type PartnerFinding, type ReciprocityPair } from "./partner-findings.js";
import { rollPeriods } from "./record-window.js";
import { diagnosisSteps } from "./next-steps.js";
import { notableEvents, type NotableEvent } from "./notable-events.js";
import { periodBounds } from "./pillar-bounds.js";
import { scorePeriod, type PillarScoreParts } from "./pillar-scores.js";
import { PILLARS, type Pillar } from "./pillars.js";
import { lastSeries, ragOf, trendOf, type Rag, type SeriesPoint, type Trend } from "./rag-and-trend.js";
import { sayVsDo, type SayVsDo } from "./say-vs-do.js";
import { FLAG_LEVEL } from "./trust-health-constants.js";
import type { CommitmentEventsInput, SayInput, TrustHealthPeriodInput } from "./trust-health-inputs.js";

/** One pillar in the current period. */
export interface PillarReport {
  pillar: Pillar;
  score: number | null;
  rag: Rag;
  trend: Trend;
  /** Last SERIES_LENGTH periods, oldest first, current last. */
  series: SeriesPoint[];
  parts: PillarScoreParts;
  /** Weight in the index at the alliance's uncertainty level. */
  weight: number;
}

/** The whole model's answer for the current period. */
export interface TrustHealthReport {
  periodKey: string;
  label: string;
  uncertainty: UncertaintyLevel;
  pillars: PillarReport[];
  index: {
    score: number | null;
    rag: Rag;
    trend: Trend;
    series: SeriesPoint[];
    /** The partner verdict that held the index below green, or null. */
    cappedBy: { subject: DiagnosisSubject; diagnosis: PartnerFinding["diagnosis"] } | null;
  };
  diagnosis: DiagnosisResult & { steps: readonly MessageKey[] };
  /** The alliance as a whole, each organisation as giver and each direction, with verdicts. */
  findings: PartnerFinding[];
  /** Give and take per pair of partners, both ways. */
  reciprocityPairs: ReciprocityPair[];
  sayVsDo: SayVsDo;
  events: NotableEvent[];
}

/** Inputs of computeTrustHealth. */
export interface TrustHealthArgs {
  /**
   * Oldest first; the last one is the current period. Each carries its OWN period's commitment
   * figures: the model rolls the record window (record-window.ts). Pass SERIES_LENGTH +
   * RECORD_WINDOW_PERIODS − 1 periods for a full series with full windows.
   */
  periods: readonly TrustHealthPeriodInput[];
  uncertainty: UncertaintyLevel;
  say: SayInput | null;
  commitmentEvents: CommitmentEventsInput;
}

type Scores = Record<Pillar, number | null>;

/** Computes the trust-health report for the last of `periods`. */
export function computeTrustHealth(args: TrustHealthArgs): TrustHealthReport {
  const { uncertainty } = args;
  if (args.periods.length === 0) throw new DomainError("INVALID_INPUT", "trust health needs at least one period", { reason: "no periods" });
  const periods = rollPeriods(args.periods);
  const current = periods.at(-1)!;
  const previous = periods.at(-2) ?? null;

  const scored = periods.map((period) => scorePeriod(period));
  const scores: Scores[] = scored.map(
    (byPillar) => Object.fromEntries(PILLARS.map((p) => [p, byPillar[p].score])) as Scores,
  );
  const indexes = scores.map((s) => healthIndex(s, uncertainty));
  const currentScores = scores.at(-1) as Scores;
  const previousScores = scores.length > 1 ? (scores.at(-2) as Scores) : null;
  const currentParts = scored.at(-1)!;

  const seriesOf = (value: (i: number) => number | null): SeriesPoint[] =>
    lastSeries(periods.map((p, i) => ({ periodKey: p.periodKey, label: p.label, score: value(i) })));

  const pillars = PILLARS.map((pillar): PillarReport => {
    const score = currentScores[pillar];
    return {
      pillar,
      score,
      rag: ragOf(score),
      trend: trendOf(score, previousScores?.[pillar] ?? null),
      series: seriesOf((i) => scores[i]?.[pillar] ?? null),
      parts: currentParts[pillar].parts,
      weight: pillarWeight(pillar, uncertainty),
    };
  });

  const findings = partnerFindings(current, uncertainty);
  const diagnosis = allianceDiagnosis(findings, uncertainty);
  // The headline may not be green while any partner's own verdict is red (docs §4.1).
  const red = isRedVerdict(diagnosis.diagnosis) ? diagnosis : findings.find((f) => isRedVerdict(f.diagnosis));
  const rawIndex = indexes.at(-1) ?? null;
  const capped = red !== undefined && rawIndex !== null && rawIndex > CAPPED_INDEX;
  const indexScore = capped ? CAPPED_INDEX : rawIndex;
  return {
    periodKey: current.periodKey,
    label: current.label,
    uncertainty,
    pillars,
    index: {
      score: indexScore,
      rag: ragOf(indexScore),
      trend: trendOf(indexScore, indexes.length > 1 ? (indexes.at(-2) ?? null) : null),
      series: seriesOf((i) => (i === indexes.length - 1 ? indexScore : (indexes[i] ?? null))),
      cappedBy: red && capped ? { subject: red.subject, diagnosis: red.diagnosis } : null,
    },
    // Only the headline's own fields: the finding it came from also carries its gap and markers.
    diagnosis: {
      subject: diagnosis.subject,
      diagnosis: diagnosis.diagnosis,
      evidence: diagnosis.evidence,
      thresholds: diagnosis.thresholds,
      steps: diagnosisSteps(diagnosis.diagnosis),
    },
    findings: findings.filter((f) => f.subject.kind !== "alliance"),
    reciprocityPairs: reciprocityPairs(current),
    sayVsDo: sayVsDo(args.say, periods, scores),
    events: notableEvents({
      commitments: args.commitmentEvents,
      currentScores,
      currentBounds: periodBounds(current, FLAG_LEVEL),
      previousScores,
      currentOrganizations: current.organizations,
      previousOrganizations: previous ? args.periods.slice(0, -1).map((p) => p.organizations) : null,
    }),
  };
}
