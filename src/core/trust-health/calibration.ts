/**
 * The calibration that puts perceived (1–5) answers and observed kept-rates on one scale
 * (docs/trust-health.md §1.1). A rater who answers "4, agree" to "<Partner> keeps its agreements"
 * does not mean that 75% of them are kept, which a linear (mean − 1) / 4 map would say; the
 * anchors say which kept-rate a typical rater means by each answer, and everything in between is
 * linear. So an alliance where everyone keeps about 80% and answers 3–4 shows no gap.
 */
import { LIKERT_CALIBRATION } from "./trust-health-constants.js";

/** A mean of 1–5 answers on the calibrated 0–100 scale (monotone, piecewise linear). */
export function calibrateLikert(mean: number): number {
  const m = Math.min(5, Math.max(1, mean));
  const anchors = LIKERT_CALIBRATION;
  for (let i = 1; i < anchors.length; i++) {
    const [x1, y1] = anchors[i]!;
    const [x0, y0] = anchors[i - 1]!;
    if (m <= x1) return y0 + ((m - x0) / (x1 - x0)) * (y1 - y0);
  }
  return anchors.at(-1)![1];
}

/** The mean answer (1–5) that calibrates to `score`: the inverse, for inputs that carry only a score. */
export function uncalibrateLikert(score: number): number {
  const anchors = LIKERT_CALIBRATION;
  const s = Math.min(anchors.at(-1)![1], Math.max(anchors[0]![1], score));
  for (let i = 1; i < anchors.length; i++) {
    const [x1, y1] = anchors[i]!;
    const [x0, y0] = anchors[i - 1]!;
    if (s <= y1) return x0 + ((s - y0) / (y1 - y0)) * (x1 - x0);
  }
  return anchors.at(-1)![0];
}
