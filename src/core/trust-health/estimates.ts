/**
 * Honest small numbers (docs/trust-health.md §2): every kept-rate and every perceived score the
 * diagnosis reads is an estimate with an interval, so a verdict is only given when the interval
 * clears the threshold. Pure maths, no dependencies:
 * - kept-rates: a Beta prior centred on an alliance-typical rate, updated with the (recency
 *   weighted) kept and broken outcomes; the interval is the central credible interval;
 * - perceived scores: the mean of 1–5 answers ± z · σ / √n (σ an assumed answer spread), widened
 *   so that one extra extreme answer stays inside, then put through the calibration.
 */
import { calibrateLikert } from "./calibration.js";
import {
  CREDIBLE_LEVEL,
  KEPT_RATE_PRIOR_MEAN,
  KEPT_RATE_PRIOR_STRENGTH,
  LIKERT_ANSWER_SD,
} from "./trust-health-constants.js";

/** A figure on 0–100 with its interval and what it rests on. */
export interface Estimate {
  /** Point estimate (posterior mean, or the calibrated mean of the answers), 0–100, one decimal. */
  value: number;
  low: number;
  high: number;
  /** Outcomes (kept-rates) or people (perceived scores) it rests on, as counted. */
  basis: number;
}

// ---- Beta distribution -------------------------------------------------------------------

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9): ample precision for interval bounds.
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta function (Numerical Recipes' betacf). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-12) break;
  }
  return h;
}

/** The regularised incomplete beta function I_x(a, b): P(X ≤ x) for X ~ Beta(a, b). */
export function betaCdf(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(a, b, x)) / a
    : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** The p-quantile of Beta(a, b), by bisection (the CDF is monotone; 60 halvings ≈ 1e-18). */
export function betaQuantile(p: number, a: number, b: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (betaCdf(mid, a, b) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The standard normal quantile for a two-sided central interval of `level` (0.8 → 1.2816). */
export function zFor(level: number): number {
  // Acklam's rational approximation of the normal quantile, relative error < 1.2e-9.
  const p = 1 - (1 - level) / 2;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const q = Math.sqrt(-2 * Math.log(1 - p));
  if (p > 0.97575) {
    return -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  const r = p - 0.5;
  const s = r * r;
  return ((((((a[0]! * s + a[1]!) * s + a[2]!) * s + a[3]!) * s + a[4]!) * s + a[5]!) * r) /
    (((((b[0]! * s + b[1]!) * s + b[2]!) * s + b[3]!) * s + b[4]!) * s + 1);
}

const round1 = (v: number) => Math.round(v * 10 + 1e-9) / 10;

/**
 * A kept-rate estimate on 0–100 from (recency-weighted) kept and resolved counts.
 * Prior Beta(m·s, (1 − m)·s) with m = KEPT_RATE_PRIOR_MEAN and s = KEPT_RATE_PRIOR_STRENGTH.
 * The low bound is taken as if one more outcome had been broken and the high bound as if one more
 * had been kept, so no verdict rests on a bound that a single extra outcome would cross.
 */
export function keptRateEstimate(kept: number, resolved: number, outcomes: number, level = CREDIBLE_LEVEL): Estimate {
  const a = KEPT_RATE_PRIOR_MEAN * KEPT_RATE_PRIOR_STRENGTH + kept;
  const b = (1 - KEPT_RATE_PRIOR_MEAN) * KEPT_RATE_PRIOR_STRENGTH + (resolved - kept);
  const tail = (1 - level) / 2;
  return {
    value: round1((a / (a + b)) * 100),
    low: round1(betaQuantile(tail, a, b + 1) * 100),
    high: round1(betaQuantile(1 - tail, a + 1, b) * 100),
    basis: outcomes,
  };
}

/**
 * A perceived score on the calibrated 0–100 scale from the mean of 1–5 answers and the number of
 * people: mean ± z·σ/√n, widened to hold the mean after one more answer of 1 or 5, clipped to 1–5.
 */
export function likertEstimate(mean: number, respondents: number, level = CREDIBLE_LEVEL): Estimate {
  const n = Math.max(1, respondents);
  const half = (zFor(level) * LIKERT_ANSWER_SD) / Math.sqrt(n);
  const low = Math.max(1, Math.min(mean - half, (mean * n + 1) / (n + 1)));
  const high = Math.min(5, Math.max(mean + half, (mean * n + 5) / (n + 1)));
  return {
    value: round1(calibrateLikert(mean)),
    low: round1(calibrateLikert(low)),
    high: round1(calibrateLikert(high)),
    basis: respondents,
  };
}

/** A share's estimate with its unrounded posterior mean and variance (0–1). */
export interface ShareEstimate extends Estimate {
  share: number;
  variance: number;
}

/**
 * A share (successes out of trials) on 0–100 with a flat Beta(1 + s, 1 + f) posterior's central
 * interval: for figures with no alliance-typical rate to centre a prior on (participation, the
 * clarity share, the balance of give and take). `variance` (of the 0–1 share) lets two shares be
 * compared, see clearDrop.
 */
export function shareEstimate(successes: number, trials: number, level = CREDIBLE_LEVEL): ShareEstimate {
  const a = 1 + successes;
  const b = 1 + Math.max(0, trials - successes);
  const tail = (1 - level) / 2;
  return {
    value: round1((a / (a + b)) * 100),
    low: round1(betaQuantile(tail, a, b) * 100),
    high: round1(betaQuantile(1 - tail, a, b) * 100),
    basis: trials,
    share: a / (a + b),
    variance: (a * b) / ((a + b) ** 2 * (a + b + 1)),
  };
}

/**
 * True when `after` is below `before` beyond noise: the central `level` interval of the difference
 * of the two posteriors (means ± z · √(v₁ + v₂)) lies wholly above zero. Used for the
 * "falling participation" flag: a drop of a few people in a small organisation is not a drop.
 */
export function clearDrop(before: ShareEstimate, after: ShareEstimate, level: number): boolean {
  return before.share - after.share - zFor(level) * Math.sqrt(before.variance + after.variance) > 0;
}
