// The PulseRepository contract against memory and Prisma on every storage target (PGlite always,
// PostgreSQL when TEST_DATABASE_URL is set): idempotent rounds, invites and answers, and answers
// that hold no member id.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PulseRepository } from "#core/pulse/pulse-repository.js";
import type { PulseAnswer } from "#core/pulse/pulse-types.js";
import type { Database } from "#storage/database.js";
import { InMemoryPulseRepository } from "#storage/memory/in-memory-pulse-repository.js";
import { PrismaPulseRepository } from "#storage/prisma/prisma-pulse-repository.js";
import { storageTargets } from "../support/databases.js";

const OPENED = new Date("2026-11-25T09:00:00.000Z");
const CLOSES = new Date("2026-11-29T23:00:00.000Z");
const DAY = new Date("2026-11-25T00:00:00.000Z");

interface Harness {
  repo: () => PulseRepository;
  /** A fresh alliance id (a row where the storage needs one). */
  newAlliance: () => Promise<string>;
}

function answer(roundId: string, overrides: Partial<PulseAnswer> = {}): PulseAnswer {
  return {
    roundId,
    itemKey: "rel.kept_agreements",
    respondentKey: "hash-1",
    respondentOrganizationId: "org-a",
    targetOrganizationId: "org-b",
    score: 4,
    comment: null,
    answeredOn: DAY,
    ...overrides,
  };
}

function contract(name: string, h: Harness): void {
  describe(`PulseRepository contract: ${name}`, () => {
    async function round(periodKey = "2026-W48") {
      const allianceId = await h.newAlliance();
      const r = await h
        .repo()
        .openRound({ allianceId, periodKey, itemKeys: ["rel.kept_agreements", "tru.take_risks"], openedAt: OPENED, closesAt: CLOSES });
      return { allianceId, round: r };
    }

    it("opens one round per (alliance, period), also under concurrent opens", async () => {
      const allianceId = await h.newAlliance();
      const values = { allianceId, periodKey: "2026-W48", itemKeys: ["a", "b"], openedAt: OPENED, closesAt: CLOSES };
      const rounds = await Promise.all(Array.from({ length: 8 }, () => h.repo().openRound(values)));
      expect(new Set(rounds.map((r) => r.id)).size).toBe(1);
      const again = await h.repo().openRound({ ...values, itemKeys: ["other"], openedAt: CLOSES });
      expect(again).toEqual({ ...values, id: rounds[0]!.id });
      expect(await h.repo().findRound(again.id)).toEqual(again);
      expect(await h.repo().findRoundByPeriod(allianceId, "2026-W48")).toEqual(again);
      expect(await h.repo().findRoundByPeriod(allianceId, "2026-W49")).toBeNull();
    });

    it("finds rounds by period keys and the rounds open at an instant", async () => {
      const { allianceId, round: r48 } = await round("2026-W48");
      const r49 = await h.repo().openRound({
        allianceId,
        periodKey: "2026-W49",
        itemKeys: ["x"],
        openedAt: CLOSES,
        closesAt: new Date(CLOSES.getTime() + 7 * 86_400_000),
      });
      expect((await h.repo().roundsByPeriods(allianceId, ["2026-W49", "2026-W48", "2026-W50"])).map((r) => r.id)).toEqual([
        r48.id,
        r49.id,
      ]);
      const openIds = async (at: Date) => (await h.repo().openRoundsAt(at)).map((r) => r.id);
      expect(await openIds(OPENED)).toContain(r48.id);
      expect(await openIds(new Date(OPENED.getTime() - 1))).not.toContain(r48.id);
      expect(await openIds(CLOSES)).not.toContain(r48.id);
      expect(await openIds(CLOSES)).toContain(r49.id);
    });

    it("adds each (round, member) invite once and keeps the first", async () => {
      const { round: r } = await round();
      await h.repo().addInvites([
        { roundId: r.id, memberId: "m1", organizationId: "org-a", sentAt: null },
        { roundId: r.id, memberId: "m2", organizationId: "org-b", sentAt: null },
      ]);
      await h.repo().addInvites([
        { roundId: r.id, memberId: "m1", organizationId: "org-z", sentAt: OPENED },
        { roundId: r.id, memberId: "m3", organizationId: "org-a", sentAt: null },
      ]);
      await h.repo().addInvites([]);
      const invites = await h.repo().invitesOfRound(r.id);
      expect(invites.map((i) => [i.memberId, i.organizationId, i.sentAt])).toEqual([
        ["m1", "org-a", null],
        ["m2", "org-b", null],
        ["m3", "org-a", null],
      ]);
      expect(await h.repo().findInvite(r.id, "m2")).toMatchObject({ memberId: "m2", completedAt: null, remindedAt: null });
      expect(await h.repo().findInvite(r.id, "nobody")).toBeNull();
    });

    it("marks sent, completed and reminded once: the first write wins", async () => {
      const { round: r } = await round();
      await h.repo().addInvites([{ roundId: r.id, memberId: "m1", organizationId: "org-a", sentAt: null }]);
      const invite = (await h.repo().findInvite(r.id, "m1"))!;
      await h.repo().markInvite(invite.id, "completedAt", OPENED);
      await h.repo().markInvite(invite.id, "completedAt", CLOSES);
      await h.repo().markInvite(invite.id, "remindedAt", CLOSES);
      expect(await h.repo().findInvite(r.id, "m1")).toMatchObject({ sentAt: null, completedAt: OPENED, remindedAt: CLOSES });
    });

    it("lists a member's invites in open rounds and deletes all their invites on forget-me", async () => {
      const { round: r } = await round();
      const member = `m-${randomUUID()}`;
      await h.repo().addInvites([
        { roundId: r.id, memberId: member, organizationId: "org-a", sentAt: null },
        { roundId: r.id, memberId: "other", organizationId: "org-a", sentAt: null },
      ]);
      expect((await h.repo().openInvitesOf(member, OPENED)).map((i) => i.roundId)).toEqual([r.id]);
      expect(await h.repo().openInvitesOf(member, CLOSES)).toEqual([]);
      expect((await h.repo().invitesOfMember(r.allianceId, member)).map((i) => [i.roundId, i.periodKey])).toEqual([
        [r.id, "2026-W48"],
      ]);
      expect(await h.repo().invitesOfMember(`al-${randomUUID()}`, member)).toEqual([]);
      expect(await h.repo().deleteInvitesOf(`al-${randomUUID()}`, member)).toBe(0);
      expect(await h.repo().deleteInvitesOf(r.allianceId, member)).toBe(1);
      expect(await h.repo().deleteInvitesOf(r.allianceId, member)).toBe(0);
      expect((await h.repo().invitesOfRound(r.id)).map((i) => i.memberId)).toEqual(["other"]);
    });

    it("replaces a changed answer and makes a repeated one a no-op, also under concurrent retries", async () => {
      const { round: r } = await round();
      await h.repo().saveAnswer(answer(r.id, { score: 2 }));
      await Promise.all(Array.from({ length: 6 }, () => h.repo().saveAnswer(answer(r.id, { score: 5, comment: "ok" }))));
      await h.repo().saveAnswer(answer(r.id, { targetOrganizationId: "org-a", score: null }));
      await h.repo().saveAnswer(answer(r.id, { respondentKey: "hash-2", score: 1 }));
      const mine = await h.repo().answersOf(r.id, "hash-1");
      expect(mine.map((a) => [a.targetOrganizationId, a.score, a.comment])).toEqual([
        ["org-a", null, null],
        ["org-b", 5, "ok"],
      ]);
      const all = await h.repo().answersOfRounds([r.id]);
      expect(all).toHaveLength(3);
      expect(all.find((a) => a.respondentKey === "hash-2")).toEqual(answer(r.id, { respondentKey: "hash-2", score: 1 }));
      expect(await h.repo().answersOfRounds([])).toEqual([]);
    });

    it("merges one person's second respondent into the first: their answers, invite dates and count", async () => {
      const { allianceId, round: r } = await round();
      await h.repo().addInvites([
        { roundId: r.id, memberId: "ann-slack", organizationId: "org-a", sentAt: null },
        { roundId: r.id, memberId: "ann-teams", organizationId: "org-b", sentAt: OPENED },
        { roundId: r.id, memberId: "bob", organizationId: "org-b", sentAt: OPENED },
      ]);
      const teamsInvite = (await h.repo().findInvite(r.id, "ann-teams"))!;
      await h.repo().markInvite(teamsInvite.id, "completedAt", CLOSES);
      await h.repo().markInvite(teamsInvite.id, "remindedAt", OPENED);
      const slackInvite = (await h.repo().findInvite(r.id, "ann-slack"))!;
      await h.repo().markInvite(slackInvite.id, "remindedAt", CLOSES);
      // Both answered the same question; only Teams answered the other two.
      await h.repo().saveAnswer(answer(r.id, { respondentKey: "k-slack", score: 2 }));
      await h.repo().saveAnswer(answer(r.id, { respondentKey: "k-teams", respondentOrganizationId: "org-b", score: 5 }));
      await h.repo().saveAnswer(answer(r.id, { respondentKey: "k-teams", respondentOrganizationId: "org-b", targetOrganizationId: "org-a", score: 3 }));
      await h.repo().saveAnswer(answer(r.id, { respondentKey: "k-teams", respondentOrganizationId: "org-b", itemKey: "tru.take_risks", targetOrganizationId: "", score: null, comment: "hm" }));
      await h.repo().saveAnswer(answer(r.id, { respondentKey: "k-bob", respondentOrganizationId: "org-b", score: 4 }));

      const into = { memberId: "ann-slack", respondentKey: "k-slack" };
      const from = { memberId: "ann-teams", respondentKey: "k-teams" };
      expect(await h.repo().mergeRespondent(r.id, into, from)).toEqual({ merged: true, movedAnswers: 2 });

      expect((await h.repo().answersOf(r.id, "k-slack")).map((a) => [a.itemKey, a.targetOrganizationId, a.respondentOrganizationId, a.score, a.comment])).toEqual([
        ["rel.kept_agreements", "org-a", "org-a", 3, null],
        ["rel.kept_agreements", "org-b", "org-a", 2, null],
        ["tru.take_risks", "", "org-a", null, "hm"],
      ]);
      expect(await h.repo().answersOf(r.id, "k-teams")).toEqual([]);
      expect(await h.repo().answersOfRounds([r.id])).toHaveLength(4);
      expect(await h.repo().findInvite(r.id, "ann-teams")).toBeNull();
      // Empty dates are filled from the merged invite; set ones stay.
      expect(await h.repo().findInvite(r.id, "ann-slack")).toMatchObject({ organizationId: "org-a", sentAt: OPENED, completedAt: CLOSES, remindedAt: CLOSES });
      const [aggregate] = await h.repo().roundAggregates(allianceId, ["2026-W48"]);
      expect(aggregate!.invites.reduce((n, i) => n + i.invited, 0)).toBe(2);
      expect(aggregate!.respondents.reduce((n, g) => n + g.count, 0)).toBe(2);

      // Again (a retry), or into a member without an invite: nothing changes.
      expect(await h.repo().mergeRespondent(r.id, into, from)).toEqual({ merged: false, movedAnswers: 0 });
      expect(await h.repo().mergeRespondent(r.id, { memberId: "nobody", respondentKey: "k-x" }, { memberId: "bob", respondentKey: "k-bob" })).toEqual({
        merged: false,
        movedAnswers: 0,
      });
      expect(await h.repo().answersOf(r.id, "k-bob")).toHaveLength(1);
      expect(await h.repo().findInvite(r.id, "bob")).not.toBeNull();
    });

    it("merges a pair once when two merges of it run at the same time", async () => {
      const { round: r } = await round();
      await h.repo().addInvites([
        { roundId: r.id, memberId: "ann-slack", organizationId: "org-a", sentAt: null },
        { roundId: r.id, memberId: "ann-teams", organizationId: "org-b", sentAt: null },
      ]);
      await h.repo().saveAnswer(answer(r.id, { respondentKey: "k-teams", respondentOrganizationId: "org-b", score: 5 }));
      const into = { memberId: "ann-slack", respondentKey: "k-slack" };
      const from = { memberId: "ann-teams", respondentKey: "k-teams" };
      const results = await Promise.all([h.repo().mergeRespondent(r.id, into, from), h.repo().mergeRespondent(r.id, into, from)]);
      expect(results.filter((x) => x.merged)).toEqual([{ merged: true, movedAnswers: 1 }]);
      expect((await h.repo().answersOfRounds([r.id])).map((a) => [a.respondentKey, a.respondentOrganizationId, a.score])).toEqual([["k-slack", "org-a", 5]]);
      expect((await h.repo().invitesOfRound(r.id)).map((i) => i.memberId)).toEqual(["ann-slack"]);
    });

    it("stores answers with a date only and without any member id", async () => {
      const { round: r } = await round();
      await h.repo().saveAnswer(answer(r.id, { targetOrganizationId: "", itemKey: "tru.take_risks" }));
      const [stored] = await h.repo().answersOf(r.id, "hash-1");
      expect(Object.keys(stored!).sort()).toEqual(
        ["answeredOn", "comment", "itemKey", "respondentKey", "respondentOrganizationId", "roundId", "score", "targetOrganizationId"].sort(),
      );
      expect(stored!.answeredOn.toISOString()).toBe("2026-11-25T00:00:00.000Z");
    });
  });
}

contract("in-memory", (() => {
  let repo = new InMemoryPulseRepository();
  beforeAll(() => {
    repo = new InMemoryPulseRepository();
  });
  return { repo: () => repo, newAlliance: async () => `al-${randomUUID()}` };
})());

for (const target of storageTargets) {
  let db: Database;
  let repo: PrismaPulseRepository;
  beforeAll(async () => {
    db = await target.open();
    repo = new PrismaPulseRepository(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
  });
  contract(`prisma on ${target.name}`, {
    repo: () => repo,
    newAlliance: async () => (await db.prisma.alliance.create({ data: { name: `pulse ${randomUUID()}` } })).id,
  });

  describe(`PulseAnswer rows on ${target.name}`, () => {
    it("have no member column, a random (not time-based) id and a date column", async () => {
      const alliance = await db.prisma.alliance.create({ data: { name: `pulse ${randomUUID()}` } });
      const r = await repo.openRound({ allianceId: alliance.id, periodKey: "2026-W48", itemKeys: [], openedAt: OPENED, closesAt: CLOSES });
      await repo.saveAnswer(answer(r.id, { answeredOn: DAY }));
      const rows = await db.prisma.$queryRawUnsafe<Array<Record<string, unknown>>>(
        `SELECT * FROM "PulseAnswer" WHERE "roundId" = $1`,
        r.id,
      );
      expect(rows).toHaveLength(1);
      expect(Object.keys(rows[0]!).some((column) => /member/i.test(column))).toBe(false);
      expect(String(rows[0]!.id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const [type] = await db.prisma.$queryRawUnsafe<Array<{ data_type: string }>>(
        `SELECT data_type FROM information_schema.columns WHERE table_name = 'PulseAnswer' AND column_name = 'answeredOn'`,
      );
      expect(type?.data_type).toBe("date");
    });
  });
}
