/**
 * The overall trust-health index (docs/trust-health.md §4): a weighted mean of the pillars that
 * have data, where trust weighs more as the alliance's uncertainty rises (brief: "Hoe groter de
 * onzekerheid op de inhoud ... hoe belangrijker vertrouwen wordt") — but trust counts only as far
 * as its foundations back it, and the distance between trust and its foundations, either way, is
 * subtracted with a weight that also rises with uncertainty. So at high uncertainty unbacked
 * trust is a larger warning, never a reason for a higher score.
 */
import type { UncertaintyLevel } from "../alliance/alliance.js";
import { FOUNDATION_PILLARS, PILLARS, type Pillar } from "./pillars.js";
import { round1 } from "./pillar-scores.js";
import { FOUNDATION_WEIGHT, GREEN_THRESHOLD, MIN_PILLARS_FOR_INDEX, TRUST_GAP_PENALTY, TRUST_WEIGHT } from "./trust-health-constants.js";

/** The weight of a pillar in the index at an uncertainty level. */
export function pillarWeight(pillar: Pillar, uncertainty: UncertaintyLevel): number {
  return pillar === "trust" ? TRUST_WEIGHT[uncertainty] : FOUNDATION_WEIGHT;
}

/** Plain mean of the foundation pillars that have data, or null. */
export function foundationsMean(scores: Readonly<Record<Pillar, number | null>>): number | null {
  const values = FOUNDATION_PILLARS.map((p) => scores[p]).filter((s): s is number => s !== null);
  return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/**
 * Σ w·score / Σ w over pillars with data, with trust replaced by min(trust, F) (F = foundations
 * mean), minus TRUST_GAP_PENALTY[u] · |trust − F|; never below 0; null when fewer than
 * MIN_PILLARS_FOR_INDEX pillars have data.
 */
export function healthIndex(
  scores: Readonly<Record<Pillar, number | null>>,
  uncertainty: UncertaintyLevel,
): number | null {
  const foundations = foundationsMean(scores);
  let weighted = 0;
  let weights = 0;
  let counted = 0;
  for (const pillar of PILLARS) {
    const raw = scores[pillar];
    if (raw === null) continue;
    const score = pillar === "trust" && foundations !== null ? Math.min(raw, foundations) : raw;
    const weight = pillarWeight(pillar, uncertainty);
    weighted += weight * score;
    weights += weight;
    counted += 1;
  }
  if (counted < MIN_PILLARS_FOR_INDEX) return null;
  const trust = scores.trust;
  const penalty = trust !== null && foundations !== null ? TRUST_GAP_PENALTY[uncertainty] * Math.abs(trust - foundations) : 0;
  return round1(Math.max(0, weighted / weights - penalty));
}

/** The highest index allowed while a partner's verdict is red: just below green. */
export const CAPPED_INDEX = round1(GREEN_THRESHOLD - 0.1);
