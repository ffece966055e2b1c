import { describe, expect, it } from "vitest";
import type { CultureFitFigures, CultureProfileFigures } from "#core/culture-fit/culture-fit-figures.js";
import { cultureHighlightsFromFigures } from "#core/summary/culture-highlights-from-figures.js";

// Issue 3's hand-computed team: now 22.5/20.833/25.833/30.833, preferred 32.5/27.5/20/20.
const acme: CultureProfileFigures = {
  kind: "profile",
  respondents: 5,
  now: { clan: 22.5, adhocracy: 20.833, market: 25.833, hierarchy: 30.833 },
  preferred: { clan: 32.5, adhocracy: 27.5, market: 20, hierarchy: 20 },
  shift: { clan: 10, adhocracy: 6.667, market: -5.833, hierarchy: -10.833 },
  shiftDistance: 16.667,
  shiftFlags: ["clan", "hierarchy"],
  dominantNow: ["hierarchy"],
  dominantPreferred: ["clan"],
  congruenceNow: 0.5,
  congruencePreferred: 1,
};

const figures: CultureFitFigures = {
  allianceId: "all-1",
  periodKey: "2026-Q1",
  k: 5,
  threshold: 10,
  respondents: 14,
  alliance: null,
  organizations: [
    { organizationId: "org-a", name: "Acme", respondents: 5, profile: acme },
    { organizationId: "org-b", name: "Bolt", respondents: 2, profile: { kind: "hidden", reason: "below_threshold" } },
    { organizationId: "org-c", name: "Cato", respondents: 7, profile: { ...acme, dominantNow: ["market", "hierarchy"] } },
    { organizationId: "org-d", name: "Dyne", respondents: 0, profile: null },
  ],
  differences: [
    { a: "org-a", b: "org-c", view: "now", delta: { clan: 12, adhocracy: -2, market: -4, hierarchy: -6 }, distance: 12, flags: ["clan"] },
    { a: "org-a", b: "org-c", view: "preferred", delta: { clan: 0, adhocracy: 0, market: 0, hierarchy: 0 }, distance: 0, flags: [] },
  ],
  maturity: { overall: null, byOrganization: {} },
  radar: { axes: ["clan", "adhocracy", "market", "hierarchy"], series: [] },
};

describe("cultureHighlightsFromFigures", () => {
  const highlights = cultureHighlightsFromFigures(figures);

  it("keeps published profiles with their dominant types, marks hidden ones and skips organisations without answers", () => {
    expect(highlights?.organizations.map((o) => [o.name, o.hidden, o.dominantNow, o.dominantPreferred])).toEqual([
      ["Acme", false, ["hierarchy"], ["clan"]],
      ["Bolt", true, [], []],
      ["Cato", false, ["market", "hierarchy"], ["clan"]],
    ]);
    expect(highlights?.organizations[0]?.now).toEqual(acme.now);
  });

  it("shows today's differences between partners with the flagged quadrants", () => {
    expect(highlights?.flagThreshold).toBe(10);
    expect(highlights?.pairs).toEqual([{ organizationIds: ["org-a", "org-c"], distance: 12, flagged: [{ quadrant: "clan", difference: 12 }] }]);
  });

  it("is null before any assessment", () => {
    expect(cultureHighlightsFromFigures({ ...figures, periodKey: null })).toBeNull();
    expect(cultureHighlightsFromFigures({ ...figures, organizations: [] })).toBeNull();
  });
});
