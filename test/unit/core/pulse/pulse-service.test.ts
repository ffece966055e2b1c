import { describe, expect, it } from "vitest";
import type { Alliance } from "#core/alliance/alliance.js";
import { defaultAllianceSettings } from "#core/alliance/alliance-defaults.js";
import type { PulseInviteStore } from "#core/alliance/personal-data-sources.js";
import { findPulseItem } from "#core/pulse/pulse-item-bank.js";
import { createPulseService, type PulseDirectory } from "#core/pulse/pulse-service.js";
import type { Actor } from "#core/shared/refs.js";
import { InMemoryPulseRepository } from "#storage/memory/in-memory-pulse-repository.js";

const alliance: Alliance = { id: "al1", ...defaultAllianceSettings("Test alliance"), anonymityThreshold: 3 };
const organizations = [
  { id: "A", name: "Alpha" },
  { id: "B", name: "Beta" },
];
const members = [
  { memberId: "a1", organizationId: "A" },
  { memberId: "a2", organizationId: "A" },
  { memberId: "a3", organizationId: "A" },
  { memberId: "b1", organizationId: "B" },
  { memberId: "x1", organizationId: null },
];
const actor = (memberId: string): Actor => ({
  memberId,
  allianceId: alliance.id,
  organizationId: members.find((m) => m.memberId === memberId)!.organizationId,
  role: "member",
});
const WED = new Date("2026-11-25T09:00:00Z"); // week 48

function setup() {
  const repository = new InMemoryPulseRepository();
  const directory: PulseDirectory = {
    organizations: async () => organizations,
    members: async () => members,
  };
  const service = createPulseService({ repository, directory, respondentKey: (round, member) => `h(${round},${member})` });
  return { repository, service };
}

async function openAndAnswerable() {
  const ctx = setup();
  const { round } = await ctx.service.openRound(alliance, WED);
  const nonDirectional = round.itemKeys.find((k) => !findPulseItem(k)!.directional);
  const directional = round.itemKeys.find((k) => findPulseItem(k)!.directional);
  return { ...ctx, round, nonDirectional: nonDirectional!, directional: directional! };
}

describe("pulse service", () => {
  it("opens one round per period, closing at the end of the local week, and invites members with an organisation", async () => {
    const { service } = setup();
    const first = await service.openRound(alliance, WED);
    const again = await service.openRound(alliance, new Date("2026-11-26T09:00:00Z"));
    expect(again.round.id).toBe(first.round.id);
    expect(first.round.periodKey).toBe("2026-W48");
    expect(first.round.itemKeys).toHaveLength(4);
    expect(first.round.closesAt.toISOString()).toBe("2026-11-29T23:00:00.000Z");
    expect(first.invites.map((i) => i.memberId)).toEqual(["a1", "a2", "a3", "b1"]);
    expect(again.invites).toHaveLength(4);
  });

  it("stores answers with a keyed respondent hash and the round's date, never a member id", async () => {
    const { service, repository, round, nonDirectional } = await openAndAnswerable();
    const { answer } = await service.recordAnswer(actor("a1"), { roundId: round.id, itemKey: nonDirectional, score: 4 }, WED);
    expect(answer.respondentKey).toBe(`h(${round.id},a1)`);
    expect(answer.respondentOrganizationId).toBe("A");
    expect(answer.answeredOn.toISOString()).toBe("2026-11-25T00:00:00.000Z");
    const stored = await repository.answersOfRounds([round.id]);
    expect(JSON.stringify(stored)).not.toContain('"a1"');
  });

  it("replaces an answer changed before the round closes: one answer per respondent, item and target", async () => {
    const { service, repository, round, directional } = await openAndAnswerable();
    await service.recordAnswer(actor("a1"), { roundId: round.id, itemKey: directional, targetOrganizationId: "B", score: 2 }, WED);
    await service.recordAnswer(
      actor("a1"),
      { roundId: round.id, itemKey: directional, targetOrganizationId: "B", score: 5, comment: "  better now " },
      WED,
    );
    await service.recordAnswer(actor("a1"), { roundId: round.id, itemKey: directional, targetOrganizationId: "A", score: null }, WED);
    const stored = await repository.answersOfRounds([round.id]);
    expect(stored.map((a) => [a.targetOrganizationId, a.score, a.comment])).toEqual([
      ["A", null, null],
      ["B", 5, "better now"],
    ]);
  });

  it("refuses answers after the round closed with PULSE_ROUND_CLOSED", async () => {
    const { service, round, nonDirectional } = await openAndAnswerable();
    const input = { roundId: round.id, itemKey: nonDirectional, score: 3 };
    await expect(service.recordAnswer(actor("a1"), input, round.closesAt)).rejects.toMatchObject({ code: "PULSE_ROUND_CLOSED" });
  });

  it("refuses bad input with a reason code", async () => {
    const { service, round, nonDirectional, directional } = await openAndAnswerable();
    const base = { roundId: round.id, itemKey: nonDirectional };
    const cases: Array<[object, string, string]> = [
      [{ ...base, score: 0 }, "a1", "PULSE_INVALID_SCORE"],
      [{ ...base, score: 6 }, "a1", "PULSE_INVALID_SCORE"],
      [{ ...base, score: 2.5 }, "a1", "PULSE_INVALID_SCORE"],
      [{ ...base, score: 3, comment: "x".repeat(501) }, "a1", "PULSE_COMMENT_TOO_LONG"],
      [{ ...base, itemKey: "rel.not_an_item", score: 3 }, "a1", "PULSE_UNKNOWN_ITEM"],
      [{ ...base, score: 3, targetOrganizationId: "B" }, "a1", "PULSE_UNKNOWN_TARGET"],
      [{ ...base, itemKey: directional, score: 3 }, "a1", "PULSE_UNKNOWN_TARGET"],
      [{ ...base, itemKey: directional, score: 3, targetOrganizationId: "Z" }, "a1", "PULSE_UNKNOWN_TARGET"],
      [{ ...base, score: 3 }, "x1", "PULSE_NOT_INVITED"],
    ];
    for (const [input, member, code] of cases) {
      await expect(service.recordAnswer(actor(member), input as never, WED), code).rejects.toMatchObject({ code });
    }
    const notInRound = ["rel.follow_through", "tru.take_risks", "clr.measurable"].find((k) => !round.itemKeys.includes(k))!;
    await expect(service.recordAnswer(actor("a1"), { ...base, itemKey: notInRound, score: 3 }, WED)).rejects.toMatchObject({
      code: "PULSE_UNKNOWN_ITEM",
    });
  });

  it("lists pending questions (each partner, then one's own organisation) and completes the invite when all are answered", async () => {
    const { service, round } = await openAndAnswerable();
    const [pending] = await service.pendingFor(actor("a1"), WED);
    expect(pending!.round.id).toBe(round.id);
    const directionalItems = round.itemKeys.filter((k) => findPulseItem(k)!.directional).length;
    expect(pending!.questions).toHaveLength(round.itemKeys.length + directionalItems);
    const firstDirectional = pending!.questions.filter((q) => q.targetOrganizationId !== "").slice(0, 2);
    if (firstDirectional.length) expect(firstDirectional.map((q) => [q.targetName, q.self])).toEqual([["Beta", false], ["Alpha", true]]);

    let last;
    for (const q of pending!.questions) {
      last = await service.recordAnswer(
        actor("a1"),
        { roundId: round.id, itemKey: q.itemKey, targetOrganizationId: q.targetOrganizationId, score: 4 },
        WED,
      );
    }
    expect(last).toMatchObject({ remaining: 0, completed: true });
    const invite = (await service.invitees(round.id)).find((i) => i.memberId === "a1")!;
    expect(invite.completedAt).toEqual(WED);
    const after = await service.pendingFor(actor("a1"), WED);
    expect(after[0]!.remaining).toBe(0);
    expect(await service.pendingFor(actor("a1"), round.closesAt)).toEqual([]);
  });

  it("reminds each unfinished invite once, 48 hours after it was sent, while the round is open", async () => {
    const { service, round } = await openAndAnswerable();
    const invites = await service.invitees(round.id);
    for (const invite of invites) await service.markSent(invite.id, WED);
    await service.completeInvite(round.id, "b1", WED);
    expect(await service.reminders(alliance.id, new Date(WED.getTime() + 47 * 3600_000))).toEqual([]);
    const due = await service.reminders(alliance.id, new Date(WED.getTime() + 48 * 3600_000));
    expect(due.map((d) => d.invite.memberId)).toEqual(["a1", "a2", "a3"]);
    expect(await service.reminders(alliance.id, new Date(WED.getTime() + 50 * 3600_000))).toEqual([]);
  });

  it("claims only the given alliance's reminders, leaving another alliance's for its own job", async () => {
    const { service } = setup();
    const other: Alliance = { ...alliance, id: "al2", name: "Other alliance" };
    const rounds = [(await service.openRound(alliance, WED)).round, (await service.openRound(other, WED)).round];
    for (const round of rounds) for (const invite of await service.invitees(round.id)) await service.markSent(invite.id, WED);
    const later = new Date(WED.getTime() + 48 * 3600_000);

    const first = await service.reminders(alliance.id, later);
    expect(first.map((d) => d.round.allianceId)).toEqual(["al1", "al1", "al1", "al1"]);
    const second = await service.reminders(other.id, later);
    expect(second.map((d) => [d.round.id, d.invite.memberId])).toEqual(["a1", "a2", "a3", "b1"].map((m) => [rounds[1]!.id, m]));
    expect(await service.reminders(other.id, later)).toEqual([]);
  });

  it("publishes aggregates with k from the alliance and participation per organisation", async () => {
    const { service, round, nonDirectional } = await openAndAnswerable();
    for (const [m, s] of [["a1", 5], ["a2", 4], ["a3", 3], ["b1", 1]] as const) {
      await service.recordAnswer(actor(m), { roundId: round.id, itemKey: nonDirectional, score: s }, WED);
    }
    await service.completeInvite(round.id, "a1", WED);
    const figures = await service.aggregates(alliance, "2026-W48");
    const category = findPulseItem(nonDirectional)!.category;
    expect(figures.k).toBe(3);
    expect(figures.overall[category]).toMatchObject({ kind: "score", mean: 13 / 4, respondents: 4 });
    const alpha = figures.organizations.find((o) => o.organizationId === "A")!;
    const beta = figures.organizations.find((o) => o.organizationId === "B")!;
    // Beta (1 person) is hidden, and so is Alpha: the total minus Alpha would reveal Beta.
    expect(beta.answeredBy[category]).toEqual({ kind: "hidden", reason: "below_threshold" });
    expect(alpha.answeredBy[category]).toEqual({ kind: "hidden", reason: "complementary" });
    expect(alpha.participation).toEqual({ invited: 3, completed: 1, rate: 1 / 3 });
    expect((await service.aggregates(alliance, ["2026-W47"])).overall).toEqual({});
  });

  it("exports a member's invites and deletes them on forget-me", async () => {
    const { service, round } = await openAndAnswerable();
    const invite = (await service.invitees(round.id)).find((i) => i.memberId === "a2")!;
    await service.markSent(invite.id, WED);
    expect(await service.invitesOfMember(alliance.id, "a2")).toEqual([
      { roundId: round.id, periodKey: "2026-W48", sentAt: WED.toISOString(), completedAt: null, remindedAt: null },
    ]);
    const store: PulseInviteStore = service; // the privacy service takes the pulse service as is
    expect(await store.deleteInvitesOfMember("other-alliance", "a2")).toBe(0);
    expect(await service.deleteInvitesOfMember(alliance.id, "a2")).toBe(1);
    expect(await service.invitesOfMember(alliance.id, "a2")).toEqual([]);
    expect((await service.invitees(round.id)).map((i) => i.memberId)).toEqual(["a1", "a3", "b1"]);
  });
});
