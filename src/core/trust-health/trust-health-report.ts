/**
 * The trust-health model in one call: pillar scores with RAG, trend and series, the index, the
 * diagnosis with its next steps, say vs do and the notable events of the current period.
 */
import type { UncertaintyLevel } from "../alliance/alliance.js";
import type { MessageKey } from "../i18n/catalogue.js";
import { DomainError } from "../shared/errors.js";
import { diagnose, type DiagnosisResult } from "./diagnosis.js";
import { healthIndex, pillarWeight } from "./health-index.js";
import { diagnosisSteps } from "./next-steps.js";
import { notableEvents, type NotableEvent } from "./notable-events.js";
import { scorePeriod, type PillarScoreParts } from "./pillar-scores.js";
import { PILLARS, type Pillar } from "./pillars.js";
import { lastSeries, ragOf, trendOf, type Rag, type SeriesPoint, type Trend } from "./rag-and-trend.js";
import { sayVsDo, type SayVsDo } from "./say-vs-do.js";
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
  index: { score: number | null; rag: Rag; trend: Trend; series: SeriesPoint[] };
  diagnosis: DiagnosisResult & { steps: readonly MessageKey[] };
  sayVsDo: SayVsDo;
  events: NotableEvent[];
}

/** Inputs of computeTrustHealth. */
export interface TrustHealthArgs {
  /** Oldest first; the last one is the current period. Pass at least SERIES_LENGTH when you have them. */
  periods: readonly TrustHealthPeriodInput[];
  uncertainty: UncertaintyLevel;
  say: SayInput | null;
  commitmentEvents: CommitmentEventsInput;
}

type Scores = Record<Pillar, number | null>;

/** Computes the trust-health report for the last of `periods`. */
export function computeTrustHealth(args: TrustHealthArgs): TrustHealthReport {
  const { periods, uncertainty } = args;
  const current = periods.at(-1);
  if (!current) throw new DomainError("INVALID_INPUT", "trust health needs at least one period", { reason: "no periods" });
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

  const indexScore = indexes.at(-1) ?? null;
  const diagnosis = diagnose(currentScores, current.observed.reliability, uncertainty);
  return {
    periodKey: current.periodKey,
    label: current.label,
    uncertainty,
    pillars,
    index: {
      score: indexScore,
      rag: ragOf(indexScore),
      trend: trendOf(indexScore, indexes.length > 1 ? (indexes.at(-2) ?? null) : null),
      series: seriesOf((i) => indexes[i] ?? null),
    },
    diagnosis: { ...diagnosis, steps: diagnosisSteps(diagnosis.diagnosis) },
    sayVsDo: sayVsDo(args.say, periods, scores),
    events: notableEvents({
      commitments: args.commitmentEvents,
      currentScores,
      previousScores,
      currentOrganizations: current.organizations,
      previousOrganizations: previous?.organizations ?? null,
    }),
  };
}
