// Pulse answers given before the bot knew two memberships were one person (issue 10, "People"):
// Ann is invited on her Slack membership and, before her Teams membership's e-mail is verified, on
// Teams too, and answers from both. When the Teams membership becomes verified, each open round
// counts her once — one invite, one respondent, one answer per question; closed rounds stay.
import { beforeEach, describe, expect, it } from "vitest";
import type { Alliance } from "#core/alliance/alliance.js";
import { defaultAllianceSettings } from "#core/alliance/alliance-defaults.js";
import { createPersonDirectory } from "#core/alliance/person.js";
import { createPersonPulseMerger, type PersonPulseMerger } from "#core/pulse/person-pulse-answers.js";
import { findPulseItem } from "#core/pulse/pulse-item-bank.js";
import { createPulseService, type PulseService } from "#core/pulse/pulse-service.js";
import type { PulseRound } from "#core/pulse/pulse-types.js";
import { FixedClock } from "#core/shared/clock.js";
import type { Actor } from "#core/shared/refs.js";
import { seedAnnInTwoSpaces } from "../../../support/person-in-two-spaces.js";
import { InMemoryMemberRepository } from "#storage/memory/in-memory-member-repository.js";
import { InMemoryPulseRepository } from "#storage/memory/in-memory-pulse-repository.js";

const WED = new Date("2026-11-25T09:00:00Z"); // week 48, closes 2026-11-29T23:00Z
const alliance: Alliance = { id: "a1", ...defaultAllianceSettings("Dyke alliance"), anonymityThreshold: 3 };
const organizations = [
  { id: "org-eng", name: "Engineering" },
  { id: "org-city", name: "City" },
];
const respondentKey = (roundId: string, memberId: string) => `h(${roundId},${memberId})`;

let members: InMemoryMemberRepository;
let repository: InMemoryPulseRepository;
let clock: FixedClock;
let service: PulseService;
let merge: PersonPulseMerger;
let annSlack: Actor;
let annTeams: Actor;
let bob: Actor;

const actorOf = (memberId: string, organizationId: string): Actor => ({ memberId, allianceId: "a1", organizationId, role: "member" });

beforeEach(async () => {
  let tick = WED.getTime();
  members = new InMemoryMemberRepository(() => new Date((tick += 1000)));
  repository = new InMemoryPulseRepository();
  clock = new FixedClock(WED);
  // Ann's Teams membership is not verified yet: until it is, she counts as two people.
  ({ annSlack, annTeams, bob } = await seedAnnInTwoSpaces(members));
  service = createPulseService({
    repository,
    respondentKey,
    persons: createPersonDirectory(members),
    directory: {
      organizations: async () => organizations,
      members: async () => (await members.list("a1")).map((m) => ({ memberId: m.id, organizationId: m.organizationId })),
    },
  });
  merge = createPersonPulseMerger({ repository, members, organizations: async () => organizations, respondentKey, clock });
});

const verifyAnnOnTeams = () => members.updateProfile(annTeams.memberId, { emailVerified: true });

function itemsOf(round: PulseRound): { plain: string; directional: string } {
  return {
    plain: round.itemKeys.find((k) => !findPulseItem(k)!.directional)!,
    directional: round.itemKeys.find((k) => findPulseItem(k)!.directional)!,
  };
}

describe("merging one person's pulse answers after a membership becomes verified", () => {
  it("counts Ann once in an open round: one invite, one respondent, her first membership's answer per question", async () => {
    const { round } = await service.openRound(alliance, WED);
    const { plain, directional } = itemsOf(round);
    expect((await repository.invitesOfRound(round.id)).map((i) => i.memberId).sort()).toEqual(
      [annSlack.memberId, annTeams.memberId, bob.memberId].sort(),
    );
    await service.recordAnswer(annSlack, { roundId: round.id, itemKey: plain, score: 2 }, WED);
    await service.recordAnswer(annTeams, { roundId: round.id, itemKey: plain, score: 5 }, WED);
    await service.recordAnswer(annTeams, { roundId: round.id, itemKey: directional, targetOrganizationId: "org-eng", score: 4 }, WED);
    await service.recordAnswer(bob, { roundId: round.id, itemKey: plain, score: 3 }, WED);
    expect(new Set((await repository.answersOfRounds([round.id])).map((a) => a.respondentKey)).size).toBe(3); // the gap

    await verifyAnnOnTeams();
    expect(await merge(annTeams.memberId)).toEqual([round.id]);

    expect((await repository.invitesOfRound(round.id)).map((i) => i.memberId).sort()).toEqual([annSlack.memberId, bob.memberId].sort());
    const answers = await repository.answersOfRounds([round.id]);
    expect(new Set(answers.map((a) => a.respondentKey))).toEqual(new Set([respondentKey(round.id, annSlack.memberId), respondentKey(round.id, bob.memberId)]));
    const ann = await repository.answersOf(round.id, respondentKey(round.id, annSlack.memberId));
    expect(ann.map((a) => [a.itemKey, a.targetOrganizationId, a.score, a.respondentOrganizationId])).toEqual(
      [
        [plain, "", 2, "org-eng"],
        [directional, "org-eng", 4, "org-eng"],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const [aggregate] = await repository.roundAggregates("a1", [round.periodKey]);
    expect(aggregate!.invites.reduce((n, i) => n + i.invited, 0)).toBe(2);
    expect(await merge(annTeams.memberId)).toEqual([]); // nothing left to merge
  });

  it("takes later answers from the newer membership as the person's, and shows it the person's questions", async () => {
    const { round } = await service.openRound(alliance, WED);
    const { plain } = itemsOf(round);
    await service.recordAnswer(annSlack, { roundId: round.id, itemKey: plain, score: 2 }, WED);
    await verifyAnnOnTeams();
    await merge(annTeams.memberId);

    const recorded = await service.recordAnswer(annTeams, { roundId: round.id, itemKey: plain, score: 5 }, WED);
    expect(recorded.answer.respondentKey).toBe(respondentKey(round.id, annSlack.memberId));
    expect(recorded.answer.respondentOrganizationId).toBe("org-eng");
    expect((await repository.answersOfRounds([round.id])).map((a) => a.score)).toEqual([5]);
    const [pending] = await service.pendingFor(annTeams, WED);
    expect(pending!.invite.memberId).toBe(annSlack.memberId);
    expect(pending!.questions.find((q) => q.itemKey === plain)!.answer).toEqual({ score: 5, comment: null });
  });

  it("answers on the oldest invited membership once verified, even before the merge ran", async () => {
    const { round } = await service.openRound(alliance, WED);
    const { plain } = itemsOf(round);
    await verifyAnnOnTeams();
    const recorded = await service.recordAnswer(annTeams, { roundId: round.id, itemKey: plain, score: 1 }, WED);
    expect(recorded.answer.respondentKey).toBe(respondentKey(round.id, annSlack.memberId));
  });

  it("carries a completion from the merged invite", async () => {
    const { round } = await service.openRound(alliance, WED);
    await service.completeInvite(round.id, annTeams.memberId, WED);
    await verifyAnnOnTeams();
    await merge(annTeams.memberId);
    const kept = await repository.findInvite(round.id, annSlack.memberId);
    expect(kept!.completedAt).toEqual(WED);
  });

  it("leaves a closed round as it was reported", async () => {
    const { round } = await service.openRound(alliance, WED);
    const { plain } = itemsOf(round);
    await service.recordAnswer(annSlack, { roundId: round.id, itemKey: plain, score: 2 }, WED);
    await service.recordAnswer(annTeams, { roundId: round.id, itemKey: plain, score: 5 }, WED);
    clock.set(round.closesAt);
    await verifyAnnOnTeams();
    expect(await merge(annTeams.memberId)).toEqual([]);
    expect(await repository.invitesOfRound(round.id)).toHaveLength(3);
    expect(await repository.answersOfRounds([round.id])).toHaveLength(2);
  });

  it("changes nothing for a membership that is a person of its own", async () => {
    const { round } = await service.openRound(alliance, WED);
    expect(await merge(annTeams.memberId)).toEqual([]); // not verified
    expect(await merge(bob.memberId)).toEqual([]); // verified, but alone with that e-mail
    expect(await repository.invitesOfRound(round.id)).toHaveLength(3);
  });
});
