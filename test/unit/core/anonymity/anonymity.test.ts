import { describe, expect, it } from "vitest";
import {
  applySuppression,
  decideSuppression,
  effectiveAnonymityThreshold,
  publishedGroupIds,
  suppressAggregates,
} from "#core/anonymity/anonymity.js";

const reasonsOf = (decision: ReturnType<typeof decideSuppression>) =>
  Object.fromEntries(decision.groups.map((group) => [group.id, group.hiddenReason]));

describe("effectiveAnonymityThreshold", () => {
  it("never goes below 3", () => {
    expect(effectiveAnonymityThreshold(1)).toBe(3);
    expect(effectiveAnonymityThreshold(-4)).toBe(3);
    expect(effectiveAnonymityThreshold(3)).toBe(3);
  });
  it("keeps a configured value above the minimum, rounded down", () => {
    expect(effectiveAnonymityThreshold(5)).toBe(5);
    expect(effectiveAnonymityThreshold(7.9)).toBe(7);
  });
  it("uses the default 5 when nothing sensible is configured", () => {
    expect(effectiveAnonymityThreshold(undefined)).toBe(5);
    expect(effectiveAnonymityThreshold(null)).toBe(5);
    expect(effectiveAnonymityThreshold(Number.NaN)).toBe(5);
  });
});

describe("decideSuppression", () => {
  it("hides a group below k and, with two groups and a total, the other group too", () => {
    const decision = decideSuppression({
      groups: [{ id: "a", contributors: 3 }, { id: "b", contributors: 10 }],
      k: 5,
      publishTotal: true,
    });
    expect(reasonsOf(decision)).toEqual({ a: "below_threshold", b: "complementary" });
    expect(decision.totalPublished).toBe(true);
    expect(decision.totalContributors).toBe(13);
  });

  it("needs no complementary suppression when the hidden groups together reach k", () => {
    const decision = decideSuppression({
      groups: [{ id: "a", contributors: 3 }, { id: "b", contributors: 4 }, { id: "c", contributors: 10 }],
      k: 5,
      publishTotal: true,
    });
    expect(reasonsOf(decision)).toEqual({ a: "below_threshold", b: "below_threshold", c: null });
  });

  it("hides the smallest published group first", () => {
    const decision = decideSuppression({
      groups: [{ id: "big", contributors: 20 }, { id: "tiny", contributors: 1 }, { id: "mid", contributors: 6 }],
      k: 5,
      publishTotal: true,
    });
    expect(reasonsOf(decision)).toEqual({ big: null, tiny: "below_threshold", mid: "complementary" });
  });

  it("applies only primary suppression when no total is published", () => {
    const decision = decideSuppression({
      groups: [{ id: "a", contributors: 2 }, { id: "b", contributors: 9 }],
      k: 5,
      publishTotal: false,
    });
    expect(reasonsOf(decision)).toEqual({ a: "below_threshold", b: null });
    expect(decision.totalPublished).toBe(false);
    expect(decision.totalHiddenReason).toBeNull();
  });

  it("hides the total when fewer than k people contributed overall", () => {
    const decision = decideSuppression({
      groups: [{ id: "a", contributors: 2 }, { id: "b", contributors: 2 }],
      k: 5,
      publishTotal: true,
    });
    expect(decision.totalPublished).toBe(false);
    expect(decision.totalHiddenReason).toBe("below_threshold");
    expect(publishedGroupIds(decision).size).toBe(0);
  });

  it("never shows a non-reportable group but protects it like a hidden one", () => {
    const decision = decideSuppression({
      groups: [{ id: "unknown", contributors: 6, reportable: false }, { id: "a", contributors: 8 }],
      k: 5,
      publishTotal: true,
    });
    expect(reasonsOf(decision)).toEqual({ unknown: "not_reportable", a: null });
    const small = decideSuppression({
      groups: [{ id: "unknown", contributors: 1, reportable: false }, { id: "a", contributors: 8 }],
      k: 5,
      publishTotal: true,
    });
    expect(reasonsOf(small)).toEqual({ unknown: "not_reportable", a: "complementary" });
  });

  it("does not hide more because of a group nobody contributed to", () => {
    const decision = decideSuppression({
      groups: [{ id: "empty", contributors: 0 }, { id: "a", contributors: 8 }],
      k: 5,
      publishTotal: true,
    });
    expect(reasonsOf(decision)).toEqual({ empty: "below_threshold", a: null });
  });

  it("clamps k to the minimum of 3", () => {
    const decision = decideSuppression({ groups: [{ id: "a", contributors: 2 }], k: 1, publishTotal: false });
    expect(decision.k).toBe(3);
    expect(decision.groups[0]?.published).toBe(false);
  });

  it("refuses negative or fractional counts and duplicate groups", () => {
    expect(() => decideSuppression({ groups: [{ id: "a", contributors: -1 }], k: 5, publishTotal: true })).toThrow(RangeError);
    expect(() => decideSuppression({ groups: [{ id: "a", contributors: 1.5 }], k: 5, publishTotal: true })).toThrow(RangeError);
    expect(() =>
      decideSuppression({ groups: [{ id: "a", contributors: 5 }, { id: "a", contributors: 6 }], k: 5, publishTotal: true }),
    ).toThrow(RangeError);
  });
});

describe("applySuppression / suppressAggregates", () => {
  it("keeps only the published groups' aggregates and lists the hidden ones with reasons", () => {
    const decision = decideSuppression({
      groups: [{ id: "a", contributors: 3 }, { id: "b", contributors: 6 }, { id: "c", contributors: 7 }],
      k: 5,
      publishTotal: true,
    });
    const result = applySuppression({ a: { mean: 4.2 }, b: { mean: 3.1 }, c: { mean: 2.5 } }, decision);
    expect(result.published).toEqual({ c: { mean: 2.5 } });
    expect(result.hidden).toEqual([
      { id: "a", reason: "below_threshold" },
      { id: "b", reason: "complementary" },
    ]);
    expect(result.totalPublished).toBe(true);
  });

  it("treats an aggregate for a group the decision never saw as hidden", () => {
    const decision = decideSuppression({ groups: [{ id: "a", contributors: 9 }], k: 5, publishTotal: false });
    const result = applySuppression({ a: 1, stranger: 2 }, decision);
    expect(result.published).toEqual({ a: 1 });
    expect(result.hidden).toEqual([{ id: "stranger", reason: "not_reportable" }]);
  });

  it("decides and applies in one call", () => {
    const result = suppressAggregates(
      [
        { id: "a", contributors: 5, value: "A" },
        { id: "b", contributors: 1, value: "B" },
      ],
      { k: 5, publishTotal: false },
    );
    expect(result.published).toEqual({ a: "A" });
    expect(result.decision.groups.map((group) => group.published)).toEqual([true, false]);
  });
});
