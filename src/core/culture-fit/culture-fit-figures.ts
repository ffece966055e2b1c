/**
 * The published culture-fit figures: what the summary, the result view and the radar chart
 * consume. Everything has passed the anonymity rules (core/anonymity).
 */
import type { HiddenReason } from "../anonymity/anonymity.js";
import type { CultureView, Quadrant, QuadrantScores } from "./cvf-instrument.js";

/** A group's CVF profile. Numbers are points (0–100) rounded to 3 decimals. */
export interface CultureProfileFigures {
  kind: "profile";
  respondents: number;
  now: QuadrantScores;
  preferred: QuadrantScores;
  /** preferred − now per quadrant. */
  shift: QuadrantScores;
  /** ½ · Σ |shift|, 0–100: how much change is wished for overall. */
  shiftDistance: number;
  /** Quadrants whose |shift| ≥ the alliance's cultureFlagThreshold (inclusive, exact). */
  shiftFlags: Quadrant[];
  /** Quadrant(s) with the most points (ties give several). */
  dominantNow: Quadrant[];
  dominantPreferred: Quadrant[];
  /** Share (0–1) of the six aspects whose dominant quadrant(s) include the overall dominant one. */
  congruenceNow: number;
  congruencePreferred: number;
}

/** A figure withheld by the anonymity rules. */
export interface CultureHidden {
  kind: "hidden";
  reason: HiddenReason;
}

/** The 1–5 answers on dealing with cultural differences: mean and 0–100 ((mean − 1) / 4 · 100). */
export interface MaturityScore {
  kind: "score";
  mean: number;
  score: number;
  respondents: number;
}

/** How two partner organisations differ in one view. */
export interface OrganizationDifference {
  a: string;
  b: string;
  view: CultureView;
  /** a − b per quadrant. */
  delta: QuadrantScores;
  /** ½ · Σ |Δ|, 0 (identical) … 100 (no overlap). */
  distance: number;
  /** Quadrants where |Δ| ≥ the threshold. */
  flags: Quadrant[];
}

/** One line of the radar ("kite") chart: four values in `axes` order. */
export interface RadarSeries {
  /** The organisation, or null for the whole alliance. */
  organizationId: string | null;
  /** The organisation's name; null for the alliance (the renderer translates that label). */
  label: string | null;
  view: CultureView;
  values: number[];
}

/**
 * Culture-fit figures of one alliance in one assessment period.
 *
 * Shape:
 * - `alliance`: the profile of everyone who took part (`CultureProfileFigures` | `CultureHidden` | null when nobody did).
 * - `organizations[]`: per partner organisation its respondent count and profile (or hidden, or null).
 * - `differences[]`: for every pair of organisations whose profiles are both published, now and
 *   preferred: a − b per quadrant, the distance ½·Σ|Δ| and the flagged quadrants (|Δ| ≥ threshold).
 * - `maturity`: dealing with cultural differences (all items together), overall and per organisation.
 *   No per-item figures: an item answered by fewer than k could be recovered from the overall one.
 * - `radar`: axes (the four quadrants) and one series per published profile and view.
 *
 * Anonymity: an organisation's profile needs ≥ k respondents, and complementary suppression
 * hides more when the alliance profile minus the shown ones would reveal a hidden one.
 */
export interface CultureFitFigures {
  allianceId: string;
  /** The period shown; null when the alliance has no assessments yet. */
  periodKey: string | null;
  k: number;
  threshold: number;
  respondents: number;
  alliance: CultureProfileFigures | CultureHidden | null;
  organizations: Array<{
    organizationId: string;
    name: string;
    respondents: number;
    profile: CultureProfileFigures | CultureHidden | null;
  }>;
  differences: OrganizationDifference[];
  maturity: {
    overall: MaturityScore | CultureHidden | null;
    byOrganization: Record<string, MaturityScore | CultureHidden>;
  };
  radar: { axes: Quadrant[]; series: RadarSeries[] };
}
