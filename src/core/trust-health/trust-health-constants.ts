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
/** The kept-rate counts as "the reliability record" in the diagnosis from this many resolved. */
export const MIN_RESOLVED_FOR_RECORD = 5;

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
/** The diagnosis needs at least this many foundation pillars with data (reliability among them). */
export const MIN_FOUNDATIONS_FOR_DIAGNOSIS = 2;

/** Say vs do needs at least this many (group, period) data points per pillar. */
export const MIN_POINTS_FOR_CORRELATION = 6;
/** A correlation at or above this means the pillar "moves with trust". */
export const MOVES_WITH_TRUST_R = 0.5;

/** A participation drop of at least this many percentage points is a notable event. */
export const PARTICIPATION_DROP_POINTS = 15;
/** A gap of at least this many points between observed and perceived reliability is shown as a gap. */
export const PERCEPTION_GAP_POINTS = 20;

/** All constants by name, for the doc-matches-code test and for display. */
export const TRUST_HEALTH_CONSTANTS = {
  GREEN_THRESHOLD,
  AMBER_THRESHOLD,
  OBSERVED_WEIGHT_MAX,
  OBSERVED_FULL_WEIGHT_COUNT,
  MIN_OBSERVED_ALONE,
  MIN_RESOLVED_FOR_RECORD,
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
  MIN_FOUNDATIONS_FOR_DIAGNOSIS,
  MIN_POINTS_FOR_CORRELATION,
  MOVES_WITH_TRUST_R,
  PARTICIPATION_DROP_POINTS,
  PERCEPTION_GAP_POINTS,
} as const;
