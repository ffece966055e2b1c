import { describe, expect, it } from "vitest";
import type { AspectPoints } from "#core/culture-fit/cvf-instrument.js";
import {
  combineProfiles,
  compareProfiles,
  congruenceOf,
  dominantOf,
  profileOf,
  profileScores,
} from "#core/culture-fit/culture-scoring.js";

const six = (split: number[]): AspectPoints => Array.from({ length: 6 }, () => [...split]);

// research-anchors.md §4.6: the hand-computed fixture.
const R1_NOW: AspectPoints = [
  [40, 20, 20, 20],
  [30, 30, 20, 20],
  [50, 10, 20, 20],
  [40, 20, 10, 30],
  [20, 30, 30, 20],
  [30, 20, 30, 20],
];
const R2_NOW = six([10, 20, 30, 40]);
const R1_PREF = six([40, 30, 15, 15]);
const R2_PREF = six([25, 25, 25, 25]);

describe("culture scoring (hand-computed fixture)", () => {
  it("gives R1's individual now profile 35.0 / 21.667 / 21.667 / 21.667", () => {
    expect(profileScores(profileOf(R1_NOW))).toEqual({ clan: 35, adhocracy: 21.667, market: 21.667, hierarchy: 21.667 });
    expect(profileScores(profileOf(R2_NOW))).toEqual({ clan: 10, adhocracy: 20, market: 30, hierarchy: 40 });
  });

  it("gives the team now and preferred profiles as the mean of the members' profiles", () => {
    const now = combineProfiles([profileOf(R1_NOW), profileOf(R2_NOW)]);
    const preferred = combineProfiles([profileOf(R1_PREF), profileOf(R2_PREF)]);
    expect(profileScores(now)).toEqual({ clan: 22.5, adhocracy: 20.833, market: 25.833, hierarchy: 30.833 });
    expect(profileScores(preferred)).toEqual({ clan: 32.5, adhocracy: 27.5, market: 20, hierarchy: 20 });
  });

  it("gives the shift +10.0 / +6.667 / −5.833 / −10.833 and flags clan at exactly the inclusive threshold 10", () => {
    const now = combineProfiles([profileOf(R1_NOW), profileOf(R2_NOW)]);
    const preferred = combineProfiles([profileOf(R1_PREF), profileOf(R2_PREF)]);
    const shift = compareProfiles(preferred, now, 10);
    expect(shift.delta).toEqual({ clan: 10, adhocracy: 6.667, market: -5.833, hierarchy: -10.833 });
    expect(shift.flags).toEqual(["clan", "hierarchy"]);
    expect(shift.distance).toBe(16.667); // ½ · (10 + 6.667 + 5.833 + 10.833)
    // exclusive would drop clan: a threshold just above 10 keeps only hierarchy
    expect(compareProfiles(preferred, now, 10.0001).flags).toEqual(["hierarchy"]);
    expect(compareProfiles(preferred, now, 10.834).flags).toEqual([]);
  });

  it("computes distance 0 for identical and 100 for fully different profiles", () => {
    const a = profileOf(six([100, 0, 0, 0]));
    const b = profileOf(six([0, 0, 0, 100]));
    expect(compareProfiles(a, a, 10).distance).toBe(0);
    expect(compareProfiles(a, b, 10)).toEqual({
      delta: { clan: 100, adhocracy: 0, market: 0, hierarchy: -100 },
      distance: 100,
      flags: ["clan", "hierarchy"],
    });
  });

  it("compares organisations of different sizes exactly", () => {
    const small = combineProfiles([profileOf(R1_NOW)]);
    const large = combineProfiles([profileOf(R2_NOW), profileOf(R2_NOW), profileOf(R1_NOW)]);
    // large clan = (10 + 10 + 35) / 3 = 18.333…; Δ = 35 − 18.333… = 16.667
    expect(compareProfiles(small, large, 10).delta.clan).toBe(16.667);
  });

  it("names the dominant type and measures congruence across the six aspects", () => {
    const r1 = profileOf(R1_NOW);
    expect(dominantOf(r1)).toEqual(["clan"]);
    // aspect 5 (20,30,30,20) is led by adhocracy/market, the other five include clan → 5/6
    expect(congruenceOf(r1)).toBe(0.833);
    expect(congruenceOf(profileOf(R2_NOW))).toBe(1);
    expect(dominantOf(profileOf(R2_PREF))).toEqual(["clan", "adhocracy", "market", "hierarchy"]);
  });

  it("reproduces the published Goula et al. 2014 direction of change with threshold 10", () => {
    // Individual answers are not published; one respondent with the rounded group means stands in.
    const now = profileOf(six([24, 12, 17, 47]));
    const preferred = profileOf(six([31, 25, 24, 20]));
    expect(dominantOf(now)).toEqual(["hierarchy"]);
    expect(dominantOf(preferred)).toEqual(["clan"]);
    expect(compareProfiles(preferred, now, 10).flags).toEqual(["adhocracy", "hierarchy"]);
  });
});
