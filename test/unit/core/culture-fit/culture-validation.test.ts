import { describe, expect, it } from "vitest";
import { ASPECTS, QUADRANTS } from "#core/culture-fit/cvf-instrument.js";
import {
  checkCulturePoints,
  pointsToInput,
  validateCulturePoints,
  type CulturePointsInput,
} from "#core/culture-fit/culture-validation.js";

const even = () => Object.fromEntries(ASPECTS.map((a) => [a, { clan: 25, adhocracy: 25, market: 25, hierarchy: 25 }]));
const valid = (): CulturePointsInput => ({ now: even(), preferred: even() });

describe("culture points validation", () => {
  it("accepts 100 points per aspect in both views and returns 6×4 matrices", () => {
    const input = valid();
    input.now!.leadership = { clan: 100, adhocracy: 0, market: 0, hierarchy: 0 };
    const points = validateCulturePoints(input);
    expect(points.now).toHaveLength(6);
    expect(points.now[1]).toEqual([100, 0, 0, 0]);
    expect(pointsToInput(points.now).leadership).toEqual({ clan: 100, adhocracy: 0, market: 0, hierarchy: 0 });
  });

  it.each([
    [99, "CULTURE_POINTS_NOT_100"],
    [101, "CULTURE_POINTS_NOT_100"],
  ])("refuses an aspect summing to %i with %s, naming the view, aspect and sum", (total, code) => {
    const input = valid();
    input.preferred!.strategic_emphasis = { clan: total - 75, adhocracy: 25, market: 25, hierarchy: 25 };
    expect(() => validateCulturePoints(input)).toThrow(
      expect.objectContaining({ code, details: { view: "preferred", aspect: "strategic_emphasis", sum: total } }),
    );
  });

  it("refuses negative points with CULTURE_NEGATIVE_POINTS, naming the quadrant", () => {
    const input = valid();
    input.now!.organisation_glue = { clan: 110, adhocracy: -10, market: 0, hierarchy: 0 };
    expect(() => validateCulturePoints(input)).toThrow(
      expect.objectContaining({
        code: "CULTURE_NEGATIVE_POINTS",
        details: { view: "now", aspect: "organisation_glue", quadrant: "adhocracy" },
      }),
    );
  });

  it("refuses fractions and non-numbers with CULTURE_POINTS_NOT_INTEGER", () => {
    const input = valid();
    input.now!.leadership = { clan: 24.5, adhocracy: 25.5, market: 25, hierarchy: 25 };
    expect(() => validateCulturePoints(input)).toThrow(expect.objectContaining({ code: "CULTURE_POINTS_NOT_INTEGER" }));
    input.now!.leadership = { clan: "25", adhocracy: 25, market: 25, hierarchy: 25 };
    expect(() => validateCulturePoints(input)).toThrow(expect.objectContaining({ code: "CULTURE_POINTS_NOT_INTEGER" }));
  });

  it("refuses a missing aspect, a missing quadrant and a missing view with CULTURE_MISSING_ASPECT", () => {
    const input = valid();
    delete input.now!.criteria_of_success;
    expect(() => validateCulturePoints(input)).toThrow(
      expect.objectContaining({ code: "CULTURE_MISSING_ASPECT", details: { view: "now", aspect: "criteria_of_success" } }),
    );
    const noQuadrant = valid();
    noQuadrant.now!.leadership = { clan: 50, adhocracy: 50, market: 0 };
    expect(checkCulturePoints(noQuadrant)).toEqual([
      { code: "CULTURE_MISSING_ASPECT", view: "now", aspect: "leadership", quadrant: "hierarchy" },
    ]);
    expect(checkCulturePoints({ now: even() })).toHaveLength(6);
  });

  it("lists every problem at once for a form, in view and aspect order, and flags unknown aspects", () => {
    const input = valid();
    input.now!.leadership = { clan: 50, adhocracy: 0, market: 0, hierarchy: 0 };
    input.preferred!.dominant_characteristics = { clan: -1, adhocracy: 1, market: 50, hierarchy: 50 };
    input.preferred!.vibes = { clan: 100 };
    expect(checkCulturePoints(input).map((i) => [i.code, i.view, i.aspect])).toEqual([
      ["CULTURE_POINTS_NOT_100", "now", "leadership"],
      ["CULTURE_UNKNOWN_ASPECT", "preferred", "vibes"],
      ["CULTURE_NEGATIVE_POINTS", "preferred", "dominant_characteristics"],
    ]);
    expect(QUADRANTS).toEqual(["clan", "adhocracy", "market", "hierarchy"]);
  });
});
