import { describe, expect, it } from "vitest";
import type { Alliance } from "#core/alliance/alliance.js";
import { createCultureFitService, culturePeriodKey } from "#core/culture-fit/culture-fit-service.js";
import { pointsToInput } from "#core/culture-fit/culture-validation.js";
import type { Actor } from "#core/shared/refs.js";
import { InMemoryCultureFitRepository } from "#storage/memory/in-memory-culture-fit-repository.js";
import { R1_NOW, R1_PREF, R2_NOW, R2_PREF } from "./culture-fit-fixtures.js";

const alliance: Alliance = {
  id: "al1",
  name: "Test",
  locale: "en",
  timezone: "Europe/Amsterdam",
  anonymityThreshold: 3,
  uncertainty: "high",
  cultureFlagThreshold: 10,
  steering: null,
  summary: { cadence: "weekly", weekday: 1, hour: 9 },
  pulse: { cadence: "weekly", weekday: 3, hour: 10, itemsPerRound: 4 },
  commitmentReminderDays: 2,
};
const actor = (memberId: string, organizationId: string | null = "A"): Actor => ({ memberId, allianceId: "al1", organizationId, role: "member" });
const NOW = new Date("2026-11-27T10:00:00Z");
const input = (now = R1_NOW, preferred = R1_PREF) => ({ points: { now: pointsToInput(now), preferred: pointsToInput(preferred) } });

function setup() {
  const repository = new InMemoryCultureFitRepository();
  const service = createCultureFitService({
    repository,
    organizations: async () => [
      { id: "A", name: "Alpha" },
      { id: "B", name: "Beta" },
    ],
    respondentKey: (scope, member) => `hmac(${scope}|${member})`,
  });
  return { repository, service };
}

describe("culture-fit service", () => {
  it("stores an assessment under a hashed respondent key in the current quarter, with a date only", async () => {
    const { service, repository } = setup();
    const { assessment, replaced } = await service.submitAssessment(alliance, actor("m1"), input(), NOW);
    expect(replaced).toBe(false);
    expect(assessment).toMatchObject({
      periodKey: "2026-Q4",
      organizationId: "A",
      respondentKey: "hmac(culture/al1/2026-Q4|m1)",
      submittedOn: new Date("2026-11-27T00:00:00Z"),
    });
    expect(JSON.stringify(await repository.ofPeriod("al1", "2026-Q4"))).not.toContain('"m1"');
    expect(culturePeriodKey(new Date("2026-12-31T23:30:00Z"), "Europe/Amsterdam")).toBe("2027-Q1");
  });

  it("replaces a resubmission in the same period: one assessment per respondent per period", async () => {
    const { service } = setup();
    await service.submitAssessment(alliance, actor("m1"), input(), NOW);
    const second = await service.submitAssessment(alliance, actor("m1"), input(R2_NOW, R2_PREF), NOW);
    expect(second.replaced).toBe(true);
    const mine = await service.myAssessment(alliance, actor("m1"), "2026-Q4");
    expect(mine?.now).toEqual(R2_NOW);
    await service.submitAssessment(alliance, actor("m1"), { ...input(), periodKey: "2027-Q1" }, NOW);
    expect(await service.periods("al1")).toEqual(["2026-Q4", "2027-Q1"]);
  });

  it("refuses points that don't add up, with the view and aspect in the details", async () => {
    const { service } = setup();
    const bad = input();
    bad.points.preferred.leadership = { clan: 50, adhocracy: 50, market: 0, hierarchy: 1 };
    await expect(service.submitAssessment(alliance, actor("m1"), bad, NOW)).rejects.toMatchObject({
      code: "CULTURE_POINTS_NOT_100",
      details: { view: "preferred", aspect: "leadership", sum: 101 },
    });
    await expect(
      service.submitAssessment(alliance, actor("m1"), { points: { now: pointsToInput(R1_NOW) } }, NOW),
    ).rejects.toMatchObject({ code: "CULTURE_MISSING_ASPECT", details: { view: "preferred", aspect: "dominant_characteristics" } });
  });

  it("refuses members without an organisation and difference answers outside 1–5", async () => {
    const { service } = setup();
    await expect(service.submitAssessment(alliance, actor("m1", null), input(), NOW)).rejects.toMatchObject({
      code: "MEMBER_WITHOUT_ORGANIZATION",
    });
    await expect(
      service.submitAssessment(alliance, actor("m1"), { ...input(), differences: { aware: 6 } }, NOW),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(
      service.submitAssessment(alliance, actor("m1"), { ...input(), differences: { vibe: 3 } }, NOW),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("publishes the latest period's profiles with k and the flag threshold from the alliance", async () => {
    const { service } = setup();
    for (const [m, now, pref] of [["m1", R1_NOW, R1_PREF], ["m2", R2_NOW, R2_PREF], ["m3", R1_NOW, R1_PREF], ["m4", R2_NOW, R2_PREF]] as const) {
      await service.submitAssessment(alliance, actor(m), input(now, pref), NOW);
    }
    const figures = await service.profiles({ ...alliance, cultureFlagThreshold: 11 });
    expect(figures.periodKey).toBe("2026-Q4");
    const alpha = figures.organizations.find((o) => o.organizationId === "A")!.profile;
    expect(alpha).toMatchObject({ kind: "profile", respondents: 4, shift: { clan: 10, hierarchy: -10.833 }, shiftFlags: [] });
    expect((await service.profiles(alliance, "2027-Q1")).alliance).toBeNull();
  });
});
