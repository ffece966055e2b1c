/**
 * The interval of a pillar score (docs/trust-health.md §7): the same blend as the score itself
 * (pillar-scores.ts), applied to the bounds of its parts — the observed part's posterior interval
 * (a kept-rate's Beta posterior, or a flat Beta on the clarity share and the give-and-take balance,
 * on effective counts) and the perceived part's interval on the calibrated scale. Blending the
 * bounds is conservative (it assumes the two parts err the same way), which is what a flag wants:
 * "pillar turned red" fires only when even the upper bound is red.
 */
import { shareEstimate, type Estimate } from "./estimates.js";
import { perceivedEstimate, recordEstimate } from "./partner-findings.js";
import { MIN_OBSERVED_ALONE } from "./trust-health-constants.js";
import { observedPart, observedWeight, round1 } from "./pillar-scores.js";
import { EFFECTIVE_SAMPLE_SCALE } from "./record-window.js";
import { PILLARS, type Pillar } from "./pillars.js";
import type { TrustHealthPeriodInput } from "./trust-health-inputs.js";

/** Low and high bound of a score on 0–100. */
export interface ScoreBounds {
  low: number;
  high: number;
}

function observedBounds(pillar: Pillar, period: TrustHealthPeriodInput, level: number): Estimate | null {
  const part = observedPart(pillar, period);
  if (!part) return null;
  if (pillar === "reliability") return recordEstimate(period.observed.reliability, level);
  const effective = part.count * EFFECTIVE_SAMPLE_SCALE;
  return shareEstimate((part.value / 100) * effective, effective, level);
}

/** The `level` interval of one pillar's score in a (rolled) period; null when it has no score. */
export function pillarBounds(pillar: Pillar, period: TrustHealthPeriodInput, level: number): ScoreBounds | null {
  const observed = observedBounds(pillar, period, level);
  const count = observedPart(pillar, period)?.count ?? 0;
  const perceived = perceivedEstimate(period.perceived[pillar], level);
  if (observed && perceived) {
    const w = observedWeight(count);
    return { low: round1(w * observed.low + (1 - w) * perceived.low), high: round1(w * observed.high + (1 - w) * perceived.high) };
  }
  if (perceived) return { low: perceived.low, high: perceived.high };
  if (observed && count >= MIN_OBSERVED_ALONE) return { low: observed.low, high: observed.high };
  return null;
}

/** Every pillar's interval in a (rolled) period. */
export function periodBounds(period: TrustHealthPeriodInput, level: number): Record<Pillar, ScoreBounds | null> {
  return Object.fromEntries(PILLARS.map((p) => [p, pillarBounds(p, period, level)])) as Record<Pillar, ScoreBounds | null>;
}
