/**
 * CVF scoring, exact. A profile is kept as integer point sums over a weight (6 per respondent,
 * one per aspect answered), so means of means, shifts and differences between organisations are
 * exact fractions; flags compare integers, so a shift of exactly 10.0 meets a threshold of 10
 * (inclusive) without floating-point doubt. Published numbers are rounded to 3 decimals.
 *
 * - Individual profile: mean per quadrant over the six aspects.
 * - Group profile: mean of the members' profiles (= all their points / (6 · members)).
 * - Shift: preferred − now per quadrant. Difference between organisations: a − b per quadrant.
 * - Distance: ½ · Σ |Δ| over the quadrants, 0 (identical) … 100 (no overlap at all).
 * - Dominant type: the quadrant(s) with the most points (ties give several).
 * - Congruence: the share (0–1) of the six aspects whose own dominant quadrant(s) include a
 *   dominant quadrant of the whole profile; 1 = every aspect tells the same story.
 */
import { ASPECTS, QUADRANTS, type AspectPoints, type Quadrant, type QuadrantScores } from "./cvf-instrument.js";

/** Integer point sums per quadrant, per aspect, and the weight they are divided by. */
export interface ExactProfile {
  /** Σ points per quadrant over all aspects and members, in QUADRANTS order. */
  sums: number[];
  /** Σ points per aspect (ASPECTS order) and quadrant, for congruence. */
  aspectSums: number[][];
  /** 6 × number of members. */
  weight: number;
}

/** Rounds to 3 decimals, halves away from zero (so −5.8335 and 5.8335 round alike). */
export function round3(value: number): number {
  return (Math.sign(value) * Math.round(Math.abs(value) * 1000)) / 1000 + 0;
}

const scores = (values: readonly number[]): QuadrantScores =>
  Object.fromEntries(QUADRANTS.map((q, i) => [q, round3(values[i] ?? 0)])) as QuadrantScores;

/** One respondent's profile from their 6×4 points. */
export function profileOf(points: AspectPoints): ExactProfile {
  const aspectSums = ASPECTS.map((_, a) => QUADRANTS.map((_, q) => points[a]?.[q] ?? 0));
  return {
    sums: QUADRANTS.map((_, q) => aspectSums.reduce((sum, row) => sum + row[q]!, 0)),
    aspectSums,
    weight: ASPECTS.length,
  };
}

/** The group profile: the mean of the members' profiles. */
export function combineProfiles(profiles: readonly ExactProfile[]): ExactProfile {
  return {
    sums: QUADRANTS.map((_, q) => profiles.reduce((sum, p) => sum + p.sums[q]!, 0)),
    aspectSums: ASPECTS.map((_, a) => QUADRANTS.map((_, q) => profiles.reduce((sum, p) => sum + p.aspectSums[a]![q]!, 0))),
    weight: profiles.reduce((sum, p) => sum + p.weight, 0),
  };
}

/** The profile's mean points per quadrant (rounded to 3 decimals). */
export function profileScores(profile: ExactProfile): QuadrantScores {
  return scores(profile.sums.map((sum) => sum / profile.weight));
}

/** Quadrant-wise difference a − b as exact numerators over a common denominator. */
function exactDelta(a: ExactProfile, b: ExactProfile): { numerators: number[]; denominator: number } {
  return {
    numerators: QUADRANTS.map((_, q) => a.sums[q]! * b.weight - b.sums[q]! * a.weight),
    denominator: a.weight * b.weight,
  };
}

/** How two profiles differ: a − b per quadrant, the distance ½·Σ|Δ|, and the quadrants where |Δ| ≥ threshold. */
export interface ProfileDifference {
  delta: QuadrantScores;
  distance: number;
  flags: Quadrant[];
}

/** Compares profile `a` with `b` (for a shift: a = preferred, b = now). */
export function compareProfiles(a: ExactProfile, b: ExactProfile, threshold: number): ProfileDifference {
  const { numerators, denominator } = exactDelta(a, b);
  return {
    delta: scores(numerators.map((n) => n / denominator)),
    distance: round3(numerators.reduce((sum, n) => sum + Math.abs(n), 0) / (2 * denominator)),
    // Integer comparison: |n| / d ≥ threshold ⇔ |n| ≥ threshold · d (d > 0).
    flags: QUADRANTS.filter((_, q) => Math.abs(numerators[q]!) >= threshold * denominator),
  };
}

function topQuadrants(values: readonly number[]): Quadrant[] {
  const max = Math.max(...values);
  return QUADRANTS.filter((_, q) => values[q] === max);
}

/** The dominant quadrant(s) of a profile: those with the most points. */
export function dominantOf(profile: ExactProfile): Quadrant[] {
  return topQuadrants(profile.sums);
}

/** Congruence (0–1, 3 decimals): share of aspects whose dominant quadrant(s) meet the overall dominant. */
export function congruenceOf(profile: ExactProfile): number {
  const overall = new Set(dominantOf(profile));
  const congruent = profile.aspectSums.filter((row) => topQuadrants(row).some((q) => overall.has(q))).length;
  return round3(congruent / ASPECTS.length);
}
