/**
 * The overall trust-health index: a weighted mean of the pillars that have data, where trust
 * weighs more as the alliance's uncertainty rises (brief: "Hoe groter de onzekerheid op de
 * inhoud ... hoe belangrijker vertrouwen wordt"). docs/trust-health.md §4.
 */
import type { UncertaintyLevel } from "../alliance/alliance.js";
import { PILLARS, type Pillar } from "./pillars.js";
import { round1 } from "./pillar-scores.js";
import { FOUNDATION_WEIGHT, MIN_PILLARS_FOR_INDEX, TRUST_WEIGHT } from "./trust-health-constants.js";

/** The weight of a pillar in the index at an uncertainty level. */
export function pillarWeight(pillar: Pillar, uncertainty: UncertaintyLevel): number {
  return pillar === "trust" ? TRUST_WEIGHT[uncertainty] : FOUNDATION_WEIGHT;
}

/** Σ w·score / Σ w over pillars with data; null when fewer than MIN_PILLARS_FOR_INDEX have data. */
export function healthIndex(
  scores: Readonly<Record<Pillar, number | null>>,
  uncertainty: UncertaintyLevel,
): number | null {
  let weighted = 0;
  let weights = 0;
  let counted = 0;
  for (const pillar of PILLARS) {
    const score = scores[pillar];
    if (score === null) continue;
    const weight = pillarWeight(pillar, uncertainty);
    weighted += weight * score;
    weights += weight;
    counted += 1;
  }
  return counted >= MIN_PILLARS_FOR_INDEX ? round1(weighted / weights) : null;
}
