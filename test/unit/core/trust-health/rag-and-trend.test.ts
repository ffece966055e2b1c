import { describe, expect, it } from "vitest";
import { lastSeries, ragOf, trendOf } from "#core/trust-health/rag-and-trend.js";

describe("ragOf", () => {
  it.each([
    [100, "green"],
    [70, "green"],
    [69.9, "amber"],
    [50, "amber"],
    [49.9, "red"],
    [0, "red"],
  ] as const)("gives %s → %s", (score, rag) => {
    expect(ragOf(score)).toBe(rag);
  });

  it("gives no_data for a pillar without data", () => {
    expect(ragOf(null)).toBe("no_data");
  });
});

describe("trendOf", () => {
  it("is new when there is no previous score", () => {
    expect(trendOf(60, null)).toEqual({ direction: "new", delta: null });
  });

  it("is no_data when the current score is missing", () => {
    expect(trendOf(null, 60)).toEqual({ direction: "no_data", delta: null });
  });

  it("is steady inside ±3 and moves from exactly 3", () => {
    expect(trendOf(62.9, 60)).toEqual({ direction: "steady", delta: 2.9 });
    expect(trendOf(57.1, 60)).toEqual({ direction: "steady", delta: -2.9 });
    expect(trendOf(63, 60)).toEqual({ direction: "up", delta: 3 });
    expect(trendOf(57, 60)).toEqual({ direction: "down", delta: -3 });
  });
});

describe("lastSeries", () => {
  it("keeps the last 8 points, oldest first", () => {
    const points = Array.from({ length: 11 }, (_, i) => ({ periodKey: `p${i}`, label: `p${i}`, score: i }));
    expect(lastSeries(points).map((p) => p.score)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
