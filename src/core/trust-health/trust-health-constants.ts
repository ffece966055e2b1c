/**
 * Every threshold and weight of the trust-health model, in one place. docs/trust-health.md lists
 * each of these in its "Constants" table and a unit test checks that the two agree, so the
 * steering committee reads the numbers the code actually uses.
 */
import type { UncertaintyLevel } from "../alliance/alliance.js";

/** A pillar at or above this score is green; it also defines "strong" and "high". */
export const GREEN_THRESHOLD = 70;
/** A pillar at or above this (and below green) is amber; below it is red, "weak". */
export const AMBER_THRESHOLD = 50;

/** Largest share of a pillar score that observed (commitment) data may take. */
export const OBSERVED_WEIGHT_MAX = 0.6;
/** Resolved commitments at which the observed share reaches its maximum (linear ramp from 0). */
export const OBSERVED_FULL_WEIGHT_COUNT = 10;
/** Without any perceived score, observed data alone makes a score only from this many items. */
export const MIN_OBSERVED_ALONE = 5;

/**
 * The calibration (docs §1.1): which kept-rate (0–100) a typical rater means by a mean answer on
 * the 1–5 scale. Piecewise linear between the anchors; used for every perceived score.
 */
export const LIKERT_CALIBRATION: ReadonlyArray<readonly [answer: number, keptRate: number]> = [
  [1, 0],
  [2, 35],
  [3, 65],
  [4, 85],
  [5, 100],
];
/** Centre of the Beta prior on a kept-rate: what alliances typically keep (0–1). */
export const KEPT_RATE_PRIOR_MEAN = 0.8;
/** Weight of that prior in outcomes: it counts as this many imaginary outcomes. */
export const KEPT_RATE_PRIOR_STRENGTH = 2;
/** Central credible level of the intervals a verdict must clear. */
export const CREDIBLE_LEVEL = 0.8;
/** Level a flag (perception gap, lopsided give and take) must clear: unlikely under noise. */
export const FLAG_LEVEL = 0.95;
/** Assumed spread (standard deviation) of one person's 1–5 answers, for intervals on means. */
export const LIKERT_ANSWER_SD = 1;
/** Periods the observed record rolls over, the reported one included. */
export const RECORD_WINDOW_PERIODS = 8;
/**
 * Relative weight of a period in the record per period of age: 1, 0.85, 0.72, … (then scaled so
 * the weighted count is the window's effective sample size, see record-window.ts).
 */
export const RECENCY_DECAY = 0.85;

/** A change smaller than this (in absolute points) is "steady". */
export const STEADY_BAND = 3;
/** How many periods the series and charts show. */
export const SERIES_LENGTH = 8;

/** Weight of each foundation pillar in the overall index. */
export const FOUNDATION_WEIGHT = 1;
/** Weight of trust in the overall index, rising with the uncertainty of the content (brief). */
export const TRUST_WEIGHT: Readonly<Record<UncertaintyLevel, number>> = { low: 1, medium: 2, high: 3 };
/** The index needs at least this many pillars with data. */
export const MIN_PILLARS_FOR_INDEX = 3;

/**
 * Trust below this counts as "low" in the diagnosis. Higher uncertainty raises the bar, so low
 * trust becomes the headline sooner when the alliance does not know where it will end up.
 */
export const TRUST_LOW_BELOW: Readonly<Record<UncertaintyLevel, number>> = { low: 50, medium: 60, high: 70 };
/**
 * With trust clearly high, a record clearly below this is fragile trust. It rises with the
 * uncertainty of the content: trust above its record is a warning that grows with uncertainty.
 */
export const FRAGILE_RECORD_BELOW: Readonly<Record<UncertaintyLevel, number>> = { low: 50, medium: 60, high: 70 };
/**
 * In the index, trust counts only as far as the foundations back it, and the distance between
 * trust and its foundations (either way) is subtracted with this weight per uncertainty level.
 */
export const TRUST_GAP_PENALTY: Readonly<Record<UncertaintyLevel, number>> = { low: 0.1, medium: 0.2, high: 0.3 };
/** Give and take in a pair is lopsided when the smaller flow is below this share of the larger. */
export const LOPSIDED_BALANCE_BELOW = 0.5;

/** Say vs do needs at least this many (group, period) data points per pillar. */
export const MIN_POINTS_FOR_CORRELATION = 6;
/** A correlation at or above this means the pillar "moves with trust". */
export const MOVES_WITH_TRUST_R = 0.5;

/** A participation drop of at least this many percentage points is a notable event. */
export const PARTICIPATION_DROP_POINTS = 15;
/** Earlier periods (with a pulse) whose pooled response rate is the yardstick for a participation drop. */
export const PARTICIPATION_BASELINE_PERIODS = 4;
/** A gap of at least this many points between observed and perceived reliability, clear of noise at FLAG_LEVEL, is marked. */
export const PERCEPTION_GAP_POINTS = 20;

/** All constants by name, for the doc-matches-code test and for display. */
export const TRUST_HEALTH_CONSTANTS = {
  GREEN_THRESHOLD,
  AMBER_THRESHOLD,
  OBSERVED_WEIGHT_MAX,
  OBSERVED_FULL_WEIGHT_COUNT,
  MIN_OBSERVED_ALONE,
  KEPT_RATE_PRIOR_MEAN,
  KEPT_RATE_PRIOR_STRENGTH,
  CREDIBLE_LEVEL,
  FLAG_LEVEL,
  LIKERT_ANSWER_SD,
  RECORD_WINDOW_PERIODS,
  RECENCY_DECAY,
  STEADY_BAND,
  SERIES_LENGTH,
  FOUNDATION_WEIGHT,
  TRUST_WEIGHT_LOW: TRUST_WEIGHT.low,
  TRUST_WEIGHT_MEDIUM: TRUST_WEIGHT.medium,
  TRUST_WEIGHT_HIGH: TRUST_WEIGHT.high,
  MIN_PILLARS_FOR_INDEX,
  TRUST_LOW_BELOW_LOW: TRUST_LOW_BELOW.low,
  TRUST_LOW_BELOW_MEDIUM: TRUST_LOW_BELOW.medium,
  TRUST_LOW_BELOW_HIGH: TRUST_LOW_BELOW.high,
  FRAGILE_RECORD_BELOW_LOW: FRAGILE_RECORD_BELOW.low,
  FRAGILE_RECORD_BELOW_MEDIUM: FRAGILE_RECORD_BELOW.medium,
  FRAGILE_RECORD_BELOW_HIGH: FRAGILE_RECORD_BELOW.high,
  TRUST_GAP_PENALTY_LOW: TRUST_GAP_PENALTY.low,
  TRUST_GAP_PENALTY_MEDIUM: TRUST_GAP_PENALTY.medium,
  TRUST_GAP_PENALTY_HIGH: TRUST_GAP_PENALTY.high,
  LOPSIDED_BALANCE_BELOW,
  MIN_POINTS_FOR_CORRELATION,
  MOVES_WITH_TRUST_R,
  PARTICIPATION_DROP_POINTS,
  PARTICIPATION_BASELINE_PERIODS,
  PERCEPTION_GAP_POINTS,
} as const;
