// The maths behind the intervals (docs/trust-health.md §1.1, §5.1), against values one can look up.
import { describe, expect, it } from "vitest";
import { calibrateLikert, uncalibrateLikert } from "#core/trust-health/calibration.js";
import { betaCdf, betaQuantile, keptRateEstimate, likertEstimate, zFor } from "#core/trust-health/estimates.js";

describe("Beta distribution", () => {
  it("matches tabulated values of the regularised incomplete beta function", () => {
    expect(betaCdf(0.2, 2, 5)).toBeCloseTo(0.34464, 5);
    expect(betaCdf(0.5, 2, 2)).toBeCloseTo(0.5, 10);
    expect(betaCdf(0.3, 1, 1)).toBeCloseTo(0.3, 10);
  });

  it("inverts the CDF", () => {
    for (const [a, b, p] of [[2, 5, 0.1], [8.9, 22.2, 0.9], [1.6, 0.4, 0.5]] as const) {
      expect(betaCdf(betaQuantile(p, a, b), a, b)).toBeCloseTo(p, 8);
    }
  });

  it("gives the normal quantiles of the two levels", () => {
    expect(zFor(0.8)).toBeCloseTo(1.28155, 4);
    expect(zFor(0.95)).toBeCloseTo(1.95996, 4);
  });
});

describe("calibration", () => {
  it("maps a mean answer onto the kept-rate a typical rater means, and back", () => {
    expect(calibrateLikert(3.5)).toBe(75);
    expect(calibrateLikert(4.2)).toBeCloseTo(88, 10);
    expect(uncalibrateLikert(75)).toBeCloseTo(3.5, 10);
    // An alliance that keeps 80% and answers 3–4 shows a gap of 5, not the linear map's 17.5.
    expect(80 - calibrateLikert(3.5)).toBe(5);
  });
});

describe("estimates", () => {
  it("takes the kept-rate's bounds as if one more outcome had gone the other way", () => {
    const e = keptRateEstimate(0, 3, 3);
    // Posterior Beta(1.6, 3.4): mean 32; the high bound is that of Beta(2.6, 3.4), so 0 of 3 kept is not yet "weak".
    expect(e.value).toBe(32);
    expect(e.high).toBeCloseTo(betaQuantile(0.9, 2.6, 3.4) * 100, 1);
    expect(e.high).toBeGreaterThan(50);
    expect(e.basis).toBe(3);
  });

  it("widens a mean of few answers to hold one more extreme answer", () => {
    // Two people answering 5: ± 1.28 / √2 = 0.91, but one more answer of 1 would give 3.67.
    const e = likertEstimate(5, 2);
    expect(e.high).toBe(100);
    expect(e.low).toBeCloseTo(calibrateLikert(Math.min(5 - zFor(0.8) / Math.sqrt(2), 11 / 3)), 1);
  });
});
