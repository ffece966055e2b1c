import { describe, expect, it } from "vitest";
import { aggregateCultureFit } from "#core/culture-fit/culture-fit-aggregation.js";
import { buildCultureFormView, buildCultureResultView } from "#core/culture-fit/culture-fit-views.js";
import { checkCulturePoints, pointsToInput } from "#core/culture-fit/culture-validation.js";
import { R1_NOW, R1_PREF, R2_NOW, R2_PREF, assessment } from "./culture-fit-fixtures.js";

describe("culture-fit views", () => {
  it("shows six aspects with four own statements each, and the problems in place", () => {
    const values = { now: pointsToInput(R1_NOW), preferred: pointsToInput(R1_PREF) };
    values.preferred.leadership = { clan: 40, adhocracy: 30, market: 15, hierarchy: 10 };
    const view = buildCultureFormView({
      locale: "en",
      k: 5,
      organizationName: "Alpha",
      periodKey: "2026-Q4",
      values,
      issues: checkCulturePoints(values),
    });
    expect(view.title).toBe("Culture of Alpha");
    expect(view.aspects).toHaveLength(6);
    expect(view.aspects.every((a) => a.statements.length === 4)).toBe(true);
    const leadership = view.aspects.find((a) => a.aspect === "leadership")!;
    expect(leadership.values.preferred).toEqual({ clan: 40, adhocracy: 30, market: 15, hierarchy: 10 });
    expect(leadership.remaining).toEqual({ now: null, preferred: "5 points left" });
    expect(leadership.errors).toEqual({
      now: null,
      preferred: "How leaders behave (Preferred): the points add up to 95; they must add up to exactly 100.",
    });
    expect(view.aspects.filter((a) => a.errors.now || a.errors.preferred)).toHaveLength(1);
    expect(view.differences.items).toHaveLength(4);
  });

  it("writes the form in Dutch", () => {
    const view = buildCultureFormView({ locale: "nl", k: 5, organizationName: "Alpha", periodKey: "2026-Q4" });
    expect(view.views.map((v) => v.label)).toEqual(["Nu", "Gewenst"]);
    expect(view.aspects[0]!.title).toBe("Hoe de organisatie is");
    expect(view.aspects[0]!.remaining.now).toBe("nog 100 punten te verdelen");
  });

  it("summarises profiles, wished-for change, partner differences and hidden organisations", () => {
    const assessments = [
      ...[0, 1, 2].flatMap(() => [assessment("A", R1_NOW, R1_PREF), assessment("A", R2_NOW, R2_PREF)]),
      ...[0, 1, 2].map(() => assessment("B", R2_NOW, R2_PREF)),
    ];
    const figures = aggregateCultureFit({
      allianceId: "al",
      periodKey: "2026-Q4",
      anonymityThreshold: 3,
      flagThreshold: 10,
      organizations: [
        { id: "A", name: "Alpha" },
        { id: "B", name: "Beta" },
      ],
      assessments,
    });
    const view = buildCultureResultView(figures, "en");
    const alpha = view.organizations.find((o) => o.name === "Alpha")!;
    expect(alpha.lines).toEqual([
      "Dominant type: Hierarchy (control)",
      "Desired change: Clan (collaborate) +10, Hierarchy (control) -10.8",
      "Congruence across the six aspects: 100%",
    ]);
    expect(view.organizations[0]!.name).toBe("The whole alliance");
    expect(view.differenceLines).toEqual([
      "Distance between Alpha and Beta: 13.3 out of 100",
      "Clan (collaborate): Alpha differs from Beta by +12.5 points",
    ]);
    expect(view.radar.axes.map((a) => a.quadrant)).toEqual(["clan", "adhocracy", "market", "hierarchy"]);
    expect(view.radar.series).toHaveLength(6);
    const empty = buildCultureResultView({ ...figures, respondents: 0, organizations: [], alliance: null, differences: [] }, "nl");
    expect(empty.emptyText).toBe("Nog geen cultuurmetingen.");
  });
});
