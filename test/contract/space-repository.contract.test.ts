// The SpaceRepository (link codes, the link audit trail, moving a space with its members, each
// space's own channels) against memory and Prisma on every storage target.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultAllianceSettings } from "#core/alliance/alliance-defaults.js";
import type { SpaceRepository } from "#core/alliance/space-repository.js";
import type { Database } from "#storage/database.js";
import { InMemoryAllianceRepository } from "#storage/memory/in-memory-alliance-repository.js";
import { InMemoryMemberRepository } from "#storage/memory/in-memory-member-repository.js";
import { InMemorySpaceRepository } from "#storage/memory/in-memory-space-repository.js";
import { InMemoryWorkspaceRepository } from "#storage/memory/in-memory-workspace-repository.js";
import { PrismaSpaceRepository } from "#storage/prisma/prisma-space-repository.js";
import { prismaStores, type AllianceStores } from "../support/alliance-stores.js";
import { storageTargets } from "../support/databases.js";

const T0 = new Date("2026-12-03T09:00:00.000Z");
const HOUR = 3_600_000;

interface SpaceStores {
  stores: Pick<AllianceStores, "alliances" | "members" | "workspaces">;
  spaces: SpaceRepository;
  /** Gives the alliance something a join would have to merge (a pulse answer). */
  markActive(allianceId: string): Promise<void>;
  /** Gives the alliance what the scheduler makes on its own: an empty week's summary, an unanswered round. */
  markScheduled(allianceId: string): Promise<void>;
  /**
   * The history a merge must carry (Prisma only: in memory, polls, agreements and pulses live in
   * stores the space repository does not hold). `seed` writes a poll with a ballot, agreements
   * numbered `numbers` between the two organisations, a pulse round of `period` with one answer,
   * a culture assessment and a summary of `period`; `read` returns it back for an alliance.
   */
  history?: {
    seed(allianceId: string, orgs: [string, string], numbers: number[], period: string): Promise<void>;
    read(allianceId: string): Promise<HistoryView>;
  };
}

interface HistoryView {
  ballotOrgs: (string | null)[];
  commitments: { number: number; text: string; owner: string | null; beneficiary: string | null }[];
  rounds: { periodKey: string; itemKeys: string[]; answers: { respondent: string | null; target: string }[] }[];
  assessmentOrgs: string[];
  summaries: string[];
}

function contract(name: string, get: () => SpaceStores) {
  describe(`space repository: ${name}`, () => {
    async function alliance(platform: "slack" | "teams" = "slack") {
      const { stores } = get();
      const workspace = await stores.workspaces.ensure(platform, `X${randomUUID()}`, "Space");
      const created = await stores.alliances.create(defaultAllianceSettings("Delta"));
      await stores.workspaces.bindAllianceIfUnbound(workspace.id, created.id);
      return { workspace, alliance: created };
    }
    const member = (allianceId: string, workspaceId: string, organizationId: string | null) => ({
      allianceId, workspaceId, externalId: `U${randomUUID()}`, displayName: "Ann", email: null, organizationId, locale: null, timezone: null,
    });

    it("finds a code by its hash and lets exactly one of 10 concurrent uses consume it, only before it expires", async () => {
      const { spaces, stores } = get();
      const { workspace, alliance: a } = await alliance();
      const { member: admin } = await stores.members.createIfAbsent(member(a.id, workspace.id, null));
      const hash = `h${randomUUID()}`;
      const saved = await spaces.saveCode({ allianceId: a.id, workspaceId: workspace.id, createdByMemberId: admin.id, codeHash: hash, createdAt: T0, expiresAt: new Date(T0.getTime() + 24 * HOUR) });
      expect(await spaces.findCodeByHash(hash)).toEqual({ ...saved, usedAt: null, usedByWorkspaceId: null });
      expect(await spaces.findCodeByHash(`h${randomUUID()}`)).toBeNull();
      const other = await alliance("teams");
      const at = new Date(T0.getTime() + HOUR);
      const results = await Promise.all(Array.from({ length: 10 }, () => spaces.consumeCode(saved.id, other.workspace.id, at)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await spaces.findCodeByHash(hash)).toMatchObject({ usedAt: at, usedByWorkspaceId: other.workspace.id });

      const late = await spaces.saveCode({ allianceId: a.id, workspaceId: workspace.id, createdByMemberId: admin.id, codeHash: `h${randomUUID()}`, createdAt: T0, expiresAt: new Date(T0.getTime() + 24 * HOUR) });
      expect(await spaces.consumeCode(late.id, other.workspace.id, new Date(T0.getTime() + 24 * HOUR))).toBe(false);
      expect(await spaces.consumeCode(late.id, other.workspace.id, new Date(T0.getTime() + 24 * HOUR - 1))).toBe(true);
    });

    it("keeps the audit trail per alliance, oldest first", async () => {
      const { spaces } = get();
      const { workspace, alliance: a } = await alliance();
      const b = await alliance();
      await spaces.appendEvent({ allianceId: a.id, workspaceId: workspace.id, actorMemberId: "m1", type: "code_issued", reason: null, codeId: "c1", at: T0 });
      await spaces.appendEvent({ allianceId: a.id, workspaceId: null, actorMemberId: "m2", type: "code_refused", reason: "LINK_CODE_EXPIRED", codeId: "c1", at: new Date(T0.getTime() + HOUR) });
      await spaces.appendEvent({ allianceId: b.alliance.id, workspaceId: null, actorMemberId: null, type: "unlinked", reason: null, codeId: null, at: T0 });
      const events = await spaces.listEvents(a.id);
      expect(events.map((e) => [e.type, e.reason, e.actorMemberId])).toEqual([["code_issued", null, "m1"], ["code_refused", "LINK_CODE_EXPIRED", "m2"]]);
      expect(events[0]).toEqual({ id: expect.any(String), allianceId: a.id, workspaceId: workspace.id, actorMemberId: "m1", type: "code_issued", reason: null, codeId: "c1", at: T0 });
    });

    it("prunes audit rows older than the cutoff, of every alliance, and keeps the younger ones", async () => {
      const { spaces } = get();
      const a = await alliance();
      const b = await alliance("teams");
      const yearsAgo = (days: number) => new Date(T0.getTime() - days * 24 * HOUR);
      const event = (allianceId: string, at: Date) => ({ allianceId, workspaceId: null, actorMemberId: "m1", type: "code_issued" as const, reason: null, codeId: null, at });
      await spaces.appendEvent(event(a.alliance.id, yearsAgo(800)));
      await spaces.appendEvent(event(a.alliance.id, yearsAgo(700)));
      await spaces.appendEvent(event(b.alliance.id, yearsAgo(750)));
      await spaces.appendEvent(event(a.alliance.id, yearsAgo(600)));
      expect(await spaces.pruneEvents(yearsAgo(650))).toBeGreaterThanOrEqual(3);
      expect((await spaces.listEvents(a.alliance.id)).map((e) => e.at)).toEqual([yearsAgo(600)]);
      expect(await spaces.listEvents(b.alliance.id)).toEqual([]);
    });

    it("moves a space with its members, mapping their organisations, and leaves other spaces alone", async () => {
      const { spaces, stores } = get();
      const from = await alliance("teams");
      const to = await alliance("slack");
      const [acme, city] = [await stores.alliances.addOrganization(from.alliance.id, { name: "Acme", emailDomains: [], slackTeamIds: [] }), await stores.alliances.addOrganization(from.alliance.id, { name: "City", emailDomains: [], slackTeamIds: [] })];
      const target = await stores.alliances.addOrganization(to.alliance.id, { name: "Acme", emailDomains: [], slackTeamIds: [] });
      const inAcme = (await stores.members.createIfAbsent(member(from.alliance.id, from.workspace.id, acme.id))).member;
      const inCity = (await stores.members.createIfAbsent(member(from.alliance.id, from.workspace.id, city.id))).member;
      const none = (await stores.members.createIfAbsent(member(from.alliance.id, from.workspace.id, null))).member;
      const stays = (await stores.members.createIfAbsent(member(to.alliance.id, to.workspace.id, target.id))).member;

      expect(await spaces.moveSpace(from.workspace.id, to.alliance.id, { [acme.id]: target.id })).toBe(3);
      expect((await stores.workspaces.get(from.workspace.id))?.allianceId).toBe(to.alliance.id);
      expect(await stores.members.get(inAcme.id)).toMatchObject({ allianceId: to.alliance.id, organizationId: target.id });
      expect(await stores.members.get(inCity.id)).toMatchObject({ allianceId: to.alliance.id, organizationId: null });
      expect(await stores.members.get(none.id)).toMatchObject({ allianceId: to.alliance.id, organizationId: null });
      expect(await stores.members.get(stays.id)).toMatchObject({ allianceId: to.alliance.id, organizationId: target.id });
      expect((await spaces.listSpaces(to.alliance.id)).map((s) => s.workspaceId).sort()).toEqual([from.workspace.id, to.workspace.id].sort());
      expect(await spaces.listSpaces(from.alliance.id)).toEqual([]);
    });

    it("keeps each space's steering and alliance channel", async () => {
      const { spaces } = get();
      const { workspace, alliance: a } = await alliance("teams");
      expect(await spaces.listSpaces(a.id)).toEqual([{ workspaceId: workspace.id, platform: "teams", name: "Space", steeringConversationId: null, allianceConversationId: null }]);
      await spaces.setChannel(workspace.id, "steering", "19:steer");
      await spaces.setChannel(workspace.id, "alliance", "19:all");
      expect(await spaces.listSpaces(a.id)).toMatchObject([{ steeringConversationId: "19:steer", allianceConversationId: "19:all" }]);
      await spaces.setChannel(workspace.id, "steering", null);
      expect(await spaces.listSpaces(a.id)).toMatchObject([{ steeringConversationId: null, allianceConversationId: "19:all" }]);
    });

    it("merges an alliance with history into another in one step, as the mapping says, losing nothing", async () => {
      const s = get();
      const { stores, spaces } = s;
      const from = await alliance("teams");
      const to = await alliance("slack");
      const org = (allianceId: string, name: string) => stores.alliances.addOrganization(allianceId, { name, emailDomains: [`${name.toLowerCase()}.example`], slackTeamIds: [] });
      const [fAcme, fCity] = [await org(from.alliance.id, "ACME"), await org(from.alliance.id, "City")];
      const [tAcme, tGlobex] = [await org(to.alliance.id, "Acme"), await org(to.alliance.id, "Globex")];
      await stores.alliances.saveSetup({ ...from.alliance, steering: { workspaceId: from.workspace.id, conversationId: "19:own-steering" } }, [fAcme, fCity]);
      const inCity = (await stores.members.createIfAbsent(member(from.alliance.id, from.workspace.id, fCity.id))).member;
      const inAcme = (await stores.members.createIfAbsent(member(from.alliance.id, from.workspace.id, fAcme.id))).member;
      await spaces.appendEvent({ allianceId: from.alliance.id, workspaceId: from.workspace.id, actorMemberId: null, type: "code_issued", reason: null, codeId: null, at: T0 });
      await s.history?.seed(to.alliance.id, [tAcme.id, tGlobex.id], [1, 2], "2026-W48");
      await s.history?.seed(from.alliance.id, [fAcme.id, fCity.id], [1, 2, 5], "2026-W48");
      await s.history?.seed(from.alliance.id, [fCity.id, fAcme.id], [], "2026-W47");

      const outcome = await spaces.mergeAlliance(from.alliance.id, to.alliance.id, { [fAcme.id]: tAcme.id, [fCity.id]: "new" });
      const organizations = await stores.alliances.listOrganizations(to.alliance.id);
      const tCity = organizations.find((o) => o.name === "City")!;
      expect(organizations.map((o) => o.name).sort()).toEqual(["Acme", "City", "Globex"]);
      expect(outcome.organizationMap).toEqual({ [fAcme.id]: tAcme.id, [fCity.id]: tCity.id });
      expect(outcome.membersMoved).toBe(2);
      expect(await stores.members.get(inCity.id)).toMatchObject({ allianceId: to.alliance.id, organizationId: tCity.id });
      expect(await stores.members.get(inAcme.id)).toMatchObject({ allianceId: to.alliance.id, organizationId: tAcme.id });
      expect((await spaces.listSpaces(to.alliance.id)).map((x) => x.workspaceId).sort()).toEqual([from.workspace.id, to.workspace.id].sort());
      expect(await stores.alliances.get(from.alliance.id)).toBeNull();
      expect((await spaces.listEvents(to.alliance.id)).map((e) => e.type)).toContain("code_issued");
      expect((await spaces.listSpaces(to.alliance.id)).find((x) => x.workspaceId === from.workspace.id)?.steeringConversationId).toBe("19:own-steering");
      if (!s.history) return;

      // Agreements #1 and #2 were taken; #5 was free and keeps its number.
      expect(outcome.renumbered).toEqual([{ before: 1, after: 6 }, { before: 2, after: 7 }]);
      const merged = await s.history.read(to.alliance.id);
      expect(merged.commitments).toEqual([
        { number: 1, text: `c1 ${to.alliance.id}`, owner: tAcme.id, beneficiary: tGlobex.id },
        { number: 2, text: `c2 ${to.alliance.id}`, owner: tAcme.id, beneficiary: tGlobex.id },
        { number: 5, text: `c5 ${from.alliance.id}`, owner: tAcme.id, beneficiary: tCity.id },
        { number: 6, text: `c1 ${from.alliance.id}`, owner: tAcme.id, beneficiary: tCity.id },
        { number: 7, text: `c2 ${from.alliance.id}`, owner: tAcme.id, beneficiary: tCity.id },
      ]);
      expect(merged.ballotOrgs.sort()).toEqual([tAcme.id, tAcme.id, tCity.id].sort());
      // W48 existed on both sides: one round with both answers and both item sets; W47 moved as it was.
      expect(merged.rounds).toEqual([
        { periodKey: "2026-W47", itemKeys: [`i-${from.alliance.id}`], answers: [{ respondent: tCity.id, target: tAcme.id }] },
        {
          periodKey: "2026-W48",
          itemKeys: [`i-${to.alliance.id}`, `i-${from.alliance.id}`],
          answers: expect.arrayContaining([{ respondent: tAcme.id, target: tGlobex.id }, { respondent: tAcme.id, target: tCity.id }]) as unknown as HistoryView["rounds"][0]["answers"],
        },
      ]);
      expect(merged.rounds[1]!.answers).toHaveLength(2);
      expect(merged.assessmentOrgs.sort()).toEqual([tAcme.id, tAcme.id, tCity.id].sort());
      expect(merged.summaries).toEqual(["2026-W47", "2026-W48", `2026-W48~merged-${from.alliance.id}`]);
    });

    it("says whether an alliance holds anything a join would have to merge", async () => {
      const s = get();
      const { alliance: a } = await alliance();
      const b = await alliance();
      expect(await s.spaces.hasActivity(a.id)).toBe(false);
      // What the scheduler makes for an empty alliance on its own is not activity.
      await s.markScheduled(a.id);
      expect(await s.spaces.hasActivity(a.id)).toBe(false);
      await s.markActive(a.id);
      expect(await s.spaces.hasActivity(a.id)).toBe(true);
      expect(await s.spaces.hasActivity(b.alliance.id)).toBe(false);
    });
  });
}

const memory = (() => {
  const workspaces = new InMemoryWorkspaceRepository();
  const members = new InMemoryMemberRepository();
  const active = new Set<string>();
  const stores = { alliances: new InMemoryAllianceRepository(), members, workspaces };
  return {
    stores,
    spaces: new InMemorySpaceRepository(workspaces, members, async (id) => active.has(id), stores.alliances),
    markActive: async (id: string) => void active.add(id),
    markScheduled: async () => {},
  };
})();
contract("in-memory", () => memory);

for (const target of storageTargets) {
  let db: Database;
  let stores: SpaceStores;
  beforeAll(async () => {
    db = await target.open();
    stores = {
      stores: prismaStores(db.prisma),
      spaces: new PrismaSpaceRepository(db.prisma),
      markActive: async (allianceId) => {
        const round = await db.prisma.pulseRound.create({ data: { allianceId, periodKey: "2026-W40", itemKeys: ["i1"], openedAt: T0, closesAt: T0 } });
        await db.prisma.pulseAnswer.create({ data: { roundId: round.id, itemKey: "i1", respondentKey: "k", score: 4, answeredOn: T0 } });
      },
      markScheduled: async (allianceId) => {
        await db.prisma.summary.create({ data: { allianceId, periodKey: "2026-W48", content: {} } });
        await db.prisma.pulseRound.create({ data: { allianceId, periodKey: "2026-W49", itemKeys: ["i1"], openedAt: T0, closesAt: T0 } });
      },
      history: {
        seed: async (allianceId, [owner, beneficiary], numbers, period) => {
          const p = db.prisma;
          const poll = await p.poll.create({ data: { allianceId, question: `q ${period}`, options: { create: [{ position: 0, label: "yes" }] } } });
          await p.pollBallot.create({ data: { pollId: poll.id, voterKey: `v${randomUUID()}`, organizationId: owner, optionIds: [], castOn: T0 } });
          for (const number of numbers) {
            await p.commitment.create({ data: { allianceId, number, text: `c${number} ${allianceId}`, ownerOrganizationId: owner, beneficiaryOrganizationId: beneficiary } });
          }
          const round = await p.pulseRound.create({ data: { allianceId, periodKey: period, itemKeys: [`i-${allianceId}`], openedAt: T0, closesAt: T0 } });
          await p.pulseAnswer.create({ data: { roundId: round.id, itemKey: `i-${allianceId}`, respondentKey: `k${randomUUID()}`, respondentOrganizationId: owner, targetOrganizationId: beneficiary, score: 4, answeredOn: T0 } });
          await p.cultureAssessment.create({ data: { allianceId, organizationId: owner, respondentKey: `k${randomUUID()}`, periodKey: period, now: [], preferred: [], submittedOn: T0 } });
          await p.summary.create({ data: { allianceId, periodKey: period, content: {} } });
        },
        read: async (allianceId) => {
          const p = db.prisma;
          const ballots = await p.pollBallot.findMany({ where: { poll: { allianceId } } });
          const commitments = await p.commitment.findMany({ where: { allianceId }, orderBy: { number: "asc" } });
          const rounds = await p.pulseRound.findMany({ where: { allianceId }, orderBy: { periodKey: "asc" }, include: { answers: true } });
          const assessments = await p.cultureAssessment.findMany({ where: { allianceId } });
          const summaries = await p.summary.findMany({ where: { allianceId }, orderBy: { periodKey: "asc" } });
          return {
            ballotOrgs: ballots.map((b) => b.organizationId),
            commitments: commitments.map((c) => ({ number: c.number, text: c.text, owner: c.ownerOrganizationId, beneficiary: c.beneficiaryOrganizationId })),
            rounds: rounds.map((r) => ({ periodKey: r.periodKey, itemKeys: r.itemKeys, answers: r.answers.map((a) => ({ respondent: a.respondentOrganizationId, target: a.targetOrganizationId })) })),
            assessmentOrgs: assessments.map((a) => a.organizationId),
            summaries: summaries.map((x) => x.periodKey),
          };
        },
      },
    };
  });
  afterAll(async () => {
    await db?.close();
  });
  contract(`prisma on ${target.name}`, () => stores);
}
