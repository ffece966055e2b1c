import { describe, expect, it } from "vitest";
import { aggregateCultureFit } from "#core/culture-fit/culture-fit-aggregation.js";
import type { CultureAssessment } from "#core/culture-fit/culture-fit-types.js";
import { R1_NOW, R1_PREF, R2_NOW, R2_PREF, assessment, six } from "./culture-fit-fixtures.js";

const orgs = [
  { id: "A", name: "Alpha" },
  { id: "B", name: "Beta" },
  { id: "C", name: "Gamma" },
];
const run = (assessments: CultureAssessment[], k = 3) =>
  aggregateCultureFit({ allianceId: "al", periodKey: "2026-Q4", anonymityThreshold: k, flagThreshold: 10, organizations: orgs, assessments });

// Alpha: three copies each of R1 and R2, so its profile is the fixture's team profile.
const alpha = () => [0, 1, 2].flatMap(() => [assessment("A", R1_NOW, R1_PREF), assessment("A", R2_NOW, R2_PREF)]);
const beta = () => [0, 1, 2].map(() => assessment("B", R2_NOW, R2_PREF));
const profileOf = (figures: ReturnType<typeof run>, id: string) => figures.organizations.find((o) => o.organizationId === id)!.profile;

describe("culture-fit aggregation", () => {
  it("gives an organisation the mean of its members' profiles, with shift, flags, dominant type and congruence", () => {
    const profile = profileOf(run([...alpha(), ...beta()]), "A");
    expect(profile).toEqual({
      kind: "profile",
      respondents: 6,
      now: { clan: 22.5, adhocracy: 20.833, market: 25.833, hierarchy: 30.833 },
      preferred: { clan: 32.5, adhocracy: 27.5, market: 20, hierarchy: 20 },
      shift: { clan: 10, adhocracy: 6.667, market: -5.833, hierarchy: -10.833 },
      shiftDistance: 16.667,
      shiftFlags: ["clan", "hierarchy"],
      dominantNow: ["hierarchy"],
      dominantPreferred: ["clan"],
      congruenceNow: 1, // every aspect of the team profile has hierarchy among its leaders
      congruencePreferred: 1,
    });
  });

  it("compares partner organisations per quadrant with a distance and flags at the threshold", () => {
    const figures = run([...alpha(), ...beta()]);
    const now = figures.differences.find((d) => d.view === "now")!;
    // Alpha now − Beta now = (22.5−10, 20.833−20, 25.833−30, 30.833−40)
    expect(now).toEqual({
      a: "A",
      b: "B",
      view: "now",
      delta: { clan: 12.5, adhocracy: 0.833, market: -4.167, hierarchy: -9.167 },
      distance: 13.333,
      flags: ["clan"],
    });
    const preferred = figures.differences.find((d) => d.view === "preferred")!;
    expect(preferred.delta).toEqual({ clan: 7.5, adhocracy: 2.5, market: -5, hierarchy: -5 });
    expect(preferred.flags).toEqual([]);
  });

  it("hides an organisation with fewer than k respondents and, complementarily, the smallest other", () => {
    const figures = run([...alpha(), ...beta(), assessment("C", R1_NOW, R1_PREF), assessment("C", R2_NOW, R2_PREF)]);
    expect(profileOf(figures, "C")).toEqual({ kind: "hidden", reason: "below_threshold" });
    expect(profileOf(figures, "B")).toEqual({ kind: "hidden", reason: "complementary" });
    expect(profileOf(figures, "A")?.kind).toBe("profile");
    expect(figures.alliance?.kind).toBe("profile");
    expect(figures.differences).toEqual([]);
    expect(figures.radar.series.map((s) => [s.organizationId, s.view])).toEqual([
      [null, "now"],
      ["A", "now"],
      [null, "preferred"],
      ["A", "preferred"],
    ]);
  });

  it("hides the alliance profile below k, and gives null for organisations that took no part", () => {
    const figures = run([assessment("A", R1_NOW, R1_PREF), assessment("A", R2_NOW, R2_PREF)]);
    expect(figures.alliance).toEqual({ kind: "hidden", reason: "below_threshold" });
    expect(profileOf(figures, "B")).toBeNull();
    expect(figures.respondents).toBe(2);
    expect(run([]).alliance).toBeNull();
  });

  it("reports how the alliance deals with cultural differences, overall and per organisation", () => {
    const withDiff = [
      assessment("A", six([25, 25, 25, 25]), six([25, 25, 25, 25]), { aware: 5, discussed: 3 }),
      assessment("A", six([25, 25, 25, 25]), six([25, 25, 25, 25]), { aware: 4, learn: null }),
      assessment("A", six([25, 25, 25, 25]), six([25, 25, 25, 25]), { adapt: 2 }),
      assessment("B", six([25, 25, 25, 25]), six([25, 25, 25, 25]), { aware: 1 }),
    ];
    const figures = run(withDiff);
    // all answers: 5, 3, 4, 2, 1 → mean 3 → 50 / 100
    expect(figures.maturity.overall).toEqual({ kind: "score", mean: 3, score: 50, respondents: 4 });
    expect(figures.maturity.byOrganization.B).toEqual({ kind: "hidden", reason: "below_threshold" });
    expect(figures.maturity.byOrganization.A).toEqual({ kind: "hidden", reason: "complementary" });
  });
});
