// The SpaceRepository (link codes, the link audit trail, moving a space with its members, each
// space's own channels) against memory and Prisma on every storage target.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultAllianceSettings } from "../../src/core/alliance/alliance-defaults.js";
import type { SpaceRepository } from "../../src/core/alliance/space-repository.js";
import type { Database } from "../../src/storage/database.js";
import { InMemoryAllianceRepository } from "../../src/storage/memory/in-memory-alliance-repository.js";
import { InMemoryMemberRepository } from "../../src/storage/memory/in-memory-member-repository.js";
import { InMemorySpaceRepository } from "../../src/storage/memory/in-memory-space-repository.js";
import { InMemoryWorkspaceRepository } from "../../src/storage/memory/in-memory-workspace-repository.js";
import { PrismaSpaceRepository } from "../../src/storage/prisma/prisma-space-repository.js";
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
    spaces: new InMemorySpaceRepository(workspaces, members, async (id) => active.has(id)),
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
    };
  });
  afterAll(async () => {
    await db?.close();
  });
  contract(`prisma on ${target.name}`, () => stores);
}
