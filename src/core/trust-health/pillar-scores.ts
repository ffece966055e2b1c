/**
 * Pillar scores 0–100 from observed (commitments) and perceived (pulse) data. Formulas are in
 * docs/trust-health.md §2; every score is rounded to one decimal before anything compares it.
 */
import {
  MIN_OBSERVED_ALONE,
  OBSERVED_FULL_WEIGHT_COUNT,
  OBSERVED_WEIGHT_MAX,
} from "./trust-health-constants.js";
import type { Perceived, TrustHealthPeriodInput } from "./trust-health-inputs.js";
import { PILLARS, type Pillar } from "./pillars.js";

/** Rounds half away from zero to one decimal, as a person with a calculator would. */
export function round1(value: number): number {
  // The epsilon nudges binary artefacts such as 0.48·75 = 36.00000000000001 back to 36.0.
  const scaled = Math.abs(value) * 10;
  return (Math.sign(value) * Math.round(scaled + 1e-9)) / 10;
}

/** Share of the score that observed data takes, given how many items it rests on. */
export function observedWeight(count: number): number {
  const n = Math.max(0, Math.min(count, OBSERVED_FULL_WEIGHT_COUNT));
  return (OBSERVED_WEIGHT_MAX * n) / OBSERVED_FULL_WEIGHT_COUNT;
}

/** An observed figure already on 0–100 and the number of items behind it. */
export interface ObservedPart {
  value: number;
  count: number;
}

/** How a pillar score was made, so the summary can show its parts. */
export interface PillarScoreParts {
  observed: ObservedPart | null;
  perceived: number | null;
  /** Weight the observed part got (0 when it had none). */
  observedWeight: number;
  /** True when the perceived figure exists but was hidden for anonymity. */
  perceivedHidden: boolean;
}

/** A pillar's score for one period; `score` null means "no data", never 0. */
export interface PillarScore {
  pillar: Pillar;
  score: number | null;
  parts: PillarScoreParts;
}

function perceivedValue(perceived: Perceived | undefined): number | null {
  return perceived?.kind === "score" ? perceived.score : null;
}

/**
 * Blends an observed and a perceived figure: w·observed + (1 − w)·perceived with
 * w = observedWeight(count); observed alone counts only from MIN_OBSERVED_ALONE items.
 */
export function blend(observed: ObservedPart | null, perceived: number | null): { score: number | null; weight: number } {
  if (observed && perceived !== null) {
    const w = observedWeight(observed.count);
    return { score: round1(w * observed.value + (1 - w) * perceived), weight: w };
  }
  if (perceived !== null) return { score: round1(perceived), weight: 0 };
  if (observed && observed.count >= MIN_OBSERVED_ALONE) return { score: round1(observed.value), weight: 1 };
  return { score: null, weight: 0 };
}

/** The observed part of a pillar in a period, on 0–100, or null for perception-only pillars. */
export function observedPart(pillar: Pillar, period: TrustHealthPeriodInput): ObservedPart | null {
  const { reliability, clarity, reciprocity } = period.observed;
  switch (pillar) {
    case "reliability":
      return reliability && reliability.resolved > 0
        ? { value: reliability.keptRate * 100, count: reliability.resolved }
        : null;
    case "clear_agreements":
      return clarity && clarity.commitments > 0 ? { value: clarity.share * 100, count: clarity.commitments } : null;
    case "reciprocity":
      return reciprocity && reciprocity.exchanges > 0
        ? { value: (1 - reciprocity.imbalance) * 100, count: reciprocity.exchanges }
        : null;
    case "transparency":
    case "trust":
      // Nothing in the commitment log shows openness about interests or the feeling of trust.
      return null;
  }
}

/** The score of one pillar in one period. */
export function scorePillar(pillar: Pillar, period: TrustHealthPeriodInput): PillarScore {
  const observed = observedPart(pillar, period);
  const perceivedRaw = period.perceived[pillar];
  const perceived = perceivedValue(perceivedRaw);
  const { score, weight } = blend(observed, perceived);
  return {
    pillar,
    score,
    parts: { observed, perceived, observedWeight: weight, perceivedHidden: perceivedRaw?.kind === "hidden" },
  };
}

/** All five pillar scores of one period, by pillar. */
export function scorePeriod(period: TrustHealthPeriodInput): Record<Pillar, PillarScore> {
  return Object.fromEntries(PILLARS.map((pillar) => [pillar, scorePillar(pillar, period)])) as Record<
    Pillar,
    PillarScore
  >;
}
