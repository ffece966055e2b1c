/**
 * RAG status, trend against the previous period and the short series the chart shows.
 * Thresholds are in trust-health-constants.ts and docs/trust-health.md §3.
 */
import { AMBER_THRESHOLD, GREEN_THRESHOLD, SERIES_LENGTH, STEADY_BAND } from "./trust-health-constants.js";
import { round1 } from "./pillar-scores.js";

/** Red / amber / green, or no data. */
export type Rag = "green" | "amber" | "red" | "no_data";

/** Which way a score moved; "new" when there is no previous score to compare with. */
export type TrendDirection = "up" | "down" | "steady" | "new" | "no_data";

/** A score's trend: direction and the delta in points (null when either side has no data). */
export interface Trend {
  direction: TrendDirection;
  delta: number | null;
}

/** RAG of a score: green ≥ GREEN_THRESHOLD, amber ≥ AMBER_THRESHOLD, red below. */
export function ragOf(score: number | null): Rag {
  if (score === null) return "no_data";
  if (score >= GREEN_THRESHOLD) return "green";
  if (score >= AMBER_THRESHOLD) return "amber";
  return "red";
}

/** Trend of `current` against `previous`; |Δ| < STEADY_BAND is steady. */
export function trendOf(current: number | null, previous: number | null): Trend {
  if (current === null) return { direction: "no_data", delta: null };
  if (previous === null) return { direction: "new", delta: null };
  const delta = round1(current - previous);
  if (Math.abs(delta) < STEADY_BAND) return { direction: "steady", delta };
  return { direction: delta > 0 ? "up" : "down", delta };
}

/** A point of a series: the period and its score (null = no data that period). */
export interface SeriesPoint {
  periodKey: string;
  label: string;
  score: number | null;
}

/** The last SERIES_LENGTH points, oldest first. */
export function lastSeries(points: readonly SeriesPoint[]): SeriesPoint[] {
  return points.slice(-SERIES_LENGTH);
}
