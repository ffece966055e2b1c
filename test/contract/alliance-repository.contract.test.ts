// The alliance module's repositories (alliances, organisations, members, workspaces,
// conversations, processed events) against memory and Prisma on every storage target.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultAllianceSettings } from "#core/alliance/alliance-defaults.js";
import type { Database } from "#storage/database.js";
import { memoryStores, prismaStores, type AllianceStores } from "../support/alliance-stores.js";
import { storageTargets } from "../support/databases.js";

const T0 = new Date("2026-11-30T09:00:00.000Z");

function contract(name: string, get: () => AllianceStores): void {
  describe(`alliance repositories: ${name}`, () => {
    async function freshAlliance() {
      const s = get();
      const workspace = await s.workspaces.ensure("slack", `T${randomUUID()}`, "Acme HQ");
      const alliance = await s.alliances.create(defaultAllianceSettings("Delta"));
      await s.workspaces.bindAllianceIfUnbound(workspace.id, alliance.id);
      return { s, workspace, alliance };
    }
    const newMember = (allianceId: string, workspaceId: string, externalId = `U${randomUUID()}`) => ({
      allianceId, workspaceId, externalId, displayName: "Ann", email: "ann@acme.com", organizationId: null, locale: "nl" as const, timezone: "Europe/Amsterdam",
    });

    it("ensures one workspace per (platform, external id) even concurrently, and binds its alliance once", async () => {
      const s = get();
      const ext = `T${randomUUID()}`;
      const all = await Promise.all(Array.from({ length: 10 }, () => s.workspaces.ensure("slack", ext, null)));
      expect(new Set(all.map((w) => w.id)).size).toBe(1);
      expect(await s.workspaces.find("teams", ext)).toBeNull();
      expect((await s.workspaces.ensure("slack", ext, "Renamed")).name).toBe("Renamed");
      const [a, b] = [await s.alliances.create(defaultAllianceSettings("A")), await s.alliances.create(defaultAllianceSettings("B"))];
      const bound = await Promise.all([s.workspaces.bindAllianceIfUnbound(all[0]!.id, a.id), s.workspaces.bindAllianceIfUnbound(all[0]!.id, b.id)]);
      expect(bound.filter(Boolean)).toHaveLength(1);
      const winner = bound[0] ? a : b;
      expect((await s.workspaces.get(all[0]!.id))?.allianceId).toBe(winner.id);
      expect((await s.workspaces.listForAlliance(winner.id)).map((w) => w.id)).toEqual([all[0]!.id]);
      expect(await s.workspaces.bindAllianceIfUnbound(all[0]!.id, winner.id)).toBe(false);
    });

    it("stores every alliance setting and saves a setup with created, renamed, swapped and removed organisations", async () => {
      const { s, alliance, workspace } = await freshAlliance();
      expect(await s.alliances.get(alliance.id)).toEqual(alliance);
      const first = await s.alliances.saveSetup(alliance, [
        { name: "Acme", emailDomains: ["acme.com"], slackTeamIds: ["TACME"] },
        { name: "Globex", emailDomains: [], slackTeamIds: [] },
        { name: "Initech", emailDomains: [], slackTeamIds: [] },
      ]);
      const [acme, globex, initech] = first.organizations;
      expect(first.organizations.map((o) => o.name)).toEqual(["Acme", "Globex", "Initech"]);
      const changed = { ...alliance, name: "Delta 2", steering: { workspaceId: workspace.id, conversationId: "C1" }, pulse: { cadence: "monthly" as const, weekday: 5, hour: 14, itemsPerRound: 5 } };
      const second = await s.alliances.saveSetup(changed, [
        { id: acme!.id, name: "Globex", emailDomains: ["globex.io"], slackTeamIds: [] },
        { id: globex!.id, name: "Acme", emailDomains: [], slackTeamIds: [] },
        { name: "Umbrella", emailDomains: [], slackTeamIds: [] },
      ]);
      expect(second.alliance).toEqual(changed);
      expect(await s.alliances.get(alliance.id)).toEqual(changed);
      expect(second.organizations.map((o) => [o.id, o.name])).toEqual([[acme!.id, "Globex"], [globex!.id, "Acme"], [expect.any(String), "Umbrella"]]);
      expect(await s.alliances.getOrganization(initech!.id)).toBeNull();
      expect((await s.alliances.getOrganization(acme!.id))?.emailDomains).toEqual(["globex.io"]);
    });

    it("adds an organisation by name once, whatever the case", async () => {
      const { s, alliance } = await freshAlliance();
      const a = await s.alliances.addOrganization(alliance.id, { name: "Acme", emailDomains: [], slackTeamIds: [] });
      const b = await s.alliances.addOrganization(alliance.id, { name: "ACME", emailDomains: [], slackTeamIds: [] });
      expect(b.id).toBe(a.id);
      expect(await s.alliances.listOrganizations(alliance.id)).toHaveLength(1);
    });

    it("creates a member once under 10 concurrent first requests", async () => {
      const { s, alliance, workspace } = await freshAlliance();
      const input = newMember(alliance.id, workspace.id);
      const results = await Promise.all(Array.from({ length: 10 }, () => s.members.createIfAbsent(input)));
      expect(new Set(results.map((r) => r.member.id)).size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(results[0]!.member).toMatchObject({ ...input, role: "member", erasedAt: null });
      expect(await s.members.findByExternalId(workspace.id, input.externalId)).toEqual(results[0]!.member);
    });

    it("lets exactly one of several racing first members become admin", async () => {
      const { s, alliance, workspace } = await freshAlliance();
      const members = await Promise.all(Array.from({ length: 5 }, () => s.members.createIfAbsent(newMember(alliance.id, workspace.id))));
      const claims = await Promise.all(members.map((m) => s.members.claimAdminIfNone(alliance.id, m.member.id)));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await s.members.countAdmins(alliance.id)).toBe(1);
    });

    it("creates the first member of an alliance as admin, once, even when several arrive together", async () => {
      const { s, alliance, workspace } = await freshAlliance();
      const results = await Promise.all(Array.from({ length: 6 }, () => s.members.createIfAbsent(newMember(alliance.id, workspace.id), { adminIfFirst: true })));
      expect(results.filter((r) => r.member.role === "admin")).toHaveLength(1);
      const same = newMember(alliance.id, workspace.id);
      const twice = await Promise.all([1, 2].map(() => s.members.createIfAbsent(same, { adminIfFirst: true })));
      expect(twice.map((r) => r.member.role)).toEqual(["member", "member"]);
      expect(twice.filter((r) => r.created)).toHaveLength(1);
    });

    it("yields exactly one admin when 50 first members of a fresh alliance arrive at once", async () => {
      const { s, alliance, workspace } = await freshAlliance();
      const results = await Promise.all(Array.from({ length: 50 }, () => s.members.createIfAbsent(newMember(alliance.id, workspace.id), { adminIfFirst: true })));
      expect(results.filter((r) => r.created)).toHaveLength(50);
      expect(results.filter((r) => r.member.role === "admin")).toHaveLength(1);
      expect(await s.members.countAdmins(alliance.id)).toBe(1);
      expect(await s.members.list(alliance.id)).toHaveLength(50);
    });

    it("makes a newcomer admin only while the alliance has no current members", async () => {
      const { s, alliance, workspace } = await freshAlliance();
      const { member: first } = await s.members.createIfAbsent(newMember(alliance.id, workspace.id), { adminIfFirst: true });
      expect(first.role).toBe("admin");
      await s.members.erase(first.id, T0);
      const { member: next } = await s.members.createIfAbsent(newMember(alliance.id, workspace.id), { adminIfFirst: true });
      expect(next.role).toBe("admin");
      const { member: third } = await s.members.createIfAbsent(newMember(alliance.id, workspace.id), { adminIfFirst: true });
      expect(third.role).toBe("member");
    });

    it("updates profile, organisation and role, and lists by filter", async () => {
      const { s, alliance, workspace } = await freshAlliance();
      const [org] = (await s.alliances.saveSetup(alliance, [{ name: "Acme", emailDomains: [], slackTeamIds: [] }])).organizations;
      const { member } = await s.members.createIfAbsent(newMember(alliance.id, workspace.id));
      expect(await s.members.updateProfile(member.id, { displayName: "Ann B.", locale: "en" })).toMatchObject({ displayName: "Ann B.", locale: "en" });
      await s.members.setOrganization(member.id, org!.id);
      await s.members.setRole(member.id, "steering");
      expect(await s.members.countInOrganization(org!.id)).toBe(1);
      expect((await s.members.list(alliance.id, { organizationId: org!.id, role: "steering" })).map((m) => m.id)).toEqual([member.id]);
      expect(await s.members.list(alliance.id, { organizationId: null })).toEqual([]);
    });

    it("changes only the profile fields a patch names, an empty name and a cleared e-mail included", async () => {
      const { s, alliance, workspace } = await freshAlliance();
      const { member } = await s.members.createIfAbsent({ ...newMember(alliance.id, workspace.id), email: "ann@acme.test", timezone: "Europe/Amsterdam" });
      const renamed = await s.members.updateProfile(member.id, { displayName: "Ann" });
      expect(renamed).toMatchObject({ displayName: "Ann", email: "ann@acme.test", timezone: "Europe/Amsterdam", locale: member.locale });
      const cleared = await s.members.updateProfile(member.id, { displayName: "", email: null, locale: "nl" });
      expect(cleared).toMatchObject({ displayName: "", email: null, locale: "nl", timezone: "Europe/Amsterdam" });
      expect(await s.members.get(member.id)).toEqual(cleared);
    });

    it("finds the members of one person by verified e-mail (any case), oldest first, never by an unverified one", async () => {
      const { s, alliance, workspace } = await freshAlliance();
      const teams = await s.workspaces.ensure("teams", `tenant-${randomUUID()}`, "City");
      await s.workspaces.bindAllianceIfUnbound(teams.id, alliance.id);
      const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
      const { member: onSlack } = await s.members.createIfAbsent({ ...newMember(alliance.id, workspace.id), email: "Ann@Acme.com", emailVerified: true });
      expect(onSlack.emailVerified).toBe(true);
      await pause();
      const { member: onTeams } = await s.members.createIfAbsent({ ...newMember(alliance.id, teams.id), email: "ann@acme.com" });
      expect(onTeams.emailVerified).toBe(false);
      // Unverified: not the same person (yet).
      expect((await s.members.listByVerifiedEmail(alliance.id, "ann@acme.com")).map((m) => m.id)).toEqual([onSlack.id]);
      // The platform vouches for it now: both, oldest first, whatever case is asked.
      expect(await s.members.updateProfile(onTeams.id, { emailVerified: true })).toMatchObject({ emailVerified: true });
      expect((await s.members.listByVerifiedEmail(alliance.id, "ANN@acme.COM ")).map((m) => m.id)).toEqual([onSlack.id, onTeams.id]);
      // Another alliance's member with the address is someone else's business; a forgotten one is gone.
      const other = await s.alliances.create(defaultAllianceSettings("Other"));
      const elsewhere = await s.workspaces.ensure("slack", `T${randomUUID()}`, null);
      await s.workspaces.bindAllianceIfUnbound(elsewhere.id, other.id);
      await s.members.createIfAbsent({ ...newMember(other.id, elsewhere.id), emailVerified: true });
      await s.members.erase(onSlack.id, T0);
      expect((await s.members.listByVerifiedEmail(alliance.id, "ann@acme.com")).map((m) => m.id)).toEqual([onTeams.id]);
      expect((await s.members.get(onSlack.id))?.emailVerified).toBe(false);
    });

    it("erases a member: personal data blanked, identity unlinked, row kept; twice is harmless", async () => {
      const { s, alliance, workspace } = await freshAlliance();
      const { member } = await s.members.createIfAbsent(newMember(alliance.id, workspace.id));
      await s.members.setRole(member.id, "admin");
      const erased = await s.members.erase(member.id, T0);
      expect(erased).toMatchObject({ displayName: "former member", email: null, locale: null, timezone: null, role: "member", erasedAt: T0 });
      expect(erased.externalId).toBe(`erased:${member.id}`);
      expect(await s.members.findByExternalId(workspace.id, member.externalId)).toBeNull();
      expect(await s.members.list(alliance.id)).toEqual([]);
      expect(await s.members.erase(member.id, new Date(T0.getTime() + 1000))).toEqual(erased);
    });

    it("saves, refreshes and finds conversations, and forgets a member's DMs", async () => {
      const { s, alliance, workspace } = await freshAlliance();
      const { member } = await s.members.createIfAbsent(newMember(alliance.id, workspace.id));
      const base = { workspaceId: workspace.id, conversationId: "a:1", kind: "personal" as const, serviceUrl: "https://smba.example/emea/", tenantId: "tenant", memberId: member.id };
      const saved = await s.conversations.saveConversation(base);
      const again = await s.conversations.saveConversation({ ...base, serviceUrl: "https://smba.example/amer/" });
      expect(again.id).toBe(saved.id);
      expect(await s.conversations.findConversation(workspace.id, "a:1")).toMatchObject({ serviceUrl: "https://smba.example/amer/", kind: "personal" });
      await s.conversations.saveConversation({ ...base, conversationId: "C-steer", kind: "channel", memberId: null, serviceUrl: null, tenantId: null });
      expect((await s.conversations.findPersonalConversation(member.id))?.conversationId).toBe("a:1");
      await Promise.all(Array.from({ length: 5 }, () => s.conversations.saveConversation({ ...base, conversationId: "a:2" })));
      expect(await s.conversations.deletePersonalConversations(member.id)).toBe(2);
      expect(await s.conversations.findPersonalConversation(member.id)).toBeNull();
      expect(await s.conversations.findConversation(workspace.id, "C-steer")).not.toBeNull();
    });

    it("remembers the serviceUrl a workspace's conversations were last saved with, per workspace", async () => {
      const { s, alliance, workspace } = await freshAlliance();
      const other = await freshAlliance();
      const { member } = await s.members.createIfAbsent(newMember(alliance.id, workspace.id));
      const tick = () => new Promise((resolve) => setTimeout(resolve, 5)); // distinct updatedAt
      expect(await s.conversations.lastServiceUrl(workspace.id)).toBeNull();
      const dm = { workspaceId: workspace.id, conversationId: "a:1", kind: "personal" as const, serviceUrl: "https://smba.example/emea/", tenantId: "tenant", memberId: member.id };
      await s.conversations.saveConversation(dm);
      await tick();
      await s.conversations.saveConversation({ ...dm, conversationId: "19:team", kind: "channel", memberId: null, serviceUrl: "https://smba.example/amer/" });
      await tick();
      await s.conversations.saveConversation({ ...dm, conversationId: "C-slack", kind: "channel", memberId: null, serviceUrl: null, tenantId: null });
      expect(await s.conversations.lastServiceUrl(workspace.id)).toBe("https://smba.example/amer/");
      await tick();
      await s.conversations.saveConversation(dm); // the older conversation is seen again
      expect(await s.conversations.lastServiceUrl(workspace.id)).toBe("https://smba.example/emea/");
      expect(await s.conversations.lastServiceUrl(other.workspace.id)).toBeNull();
    });

    it("marks an inbound event processed once, also under 20 concurrent retries, and prunes old keys", async () => {
      const s = get();
      const key = `slack:Ev${randomUUID()}`;
      expect(await s.processedEvents.markProcessed(key, T0)).toBe(true);
      expect(await s.processedEvents.markProcessed(key, T0)).toBe(false);
      const burst = `teams:${randomUUID()}`;
      const results = await Promise.all(Array.from({ length: 20 }, () => s.processedEvents.markProcessed(burst, T0)));
      expect(results.filter(Boolean)).toHaveLength(1);
      const old = `slack:old-${randomUUID()}`;
      await s.processedEvents.markProcessed(old, new Date("2000-01-01T00:00:00Z"));
      expect(await s.processedEvents.prune(new Date("2000-01-02T00:00:00Z"))).toBeGreaterThanOrEqual(1);
      expect(await s.processedEvents.markProcessed(old, T0)).toBe(true);
      expect(await s.processedEvents.markProcessed(key, T0)).toBe(false);
    });

    it("claims each of many different events arriving at once, mixed with repeats of known ones", async () => {
      const s = get();
      const known = `slack:Ev${randomUUID()}`;
      await s.processedEvents.markProcessed(known, T0);
      const fresh = Array.from({ length: 40 }, () => `slack:trigger:${randomUUID()}`);
      const results = await Promise.all([known, ...fresh, known, fresh[0]!].map((key) => s.processedEvents.markProcessed(key, T0)));
      expect(results.slice(1, 41)).toEqual(fresh.map(() => true));
      expect([results[0], results[41], results[42]]).toEqual([false, false, false]);
    });
  });
}

contract("in-memory", () => memory);
const memory = memoryStores();

for (const target of storageTargets) {
  let db: Database;
  let stores: AllianceStores;
  beforeAll(async () => {
    db = await target.open();
    stores = prismaStores(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
  });
  contract(`prisma on ${target.name}`, () => stores);

  // PGlite has one connection, so a transaction held open there blocks every other query anyway;
  // the point is several connections (PostgreSQL), where a newcomer must not queue behind it.
  it.runIf(target.name === "postgresql")(`prisma on ${target.name}: a newcomer to an alliance with members never waits for a lock on the alliance row`, async () => {
    const workspace = await stores.workspaces.ensure("slack", `T${randomUUID()}`, "Acme HQ");
    const alliance = await stores.alliances.create(defaultAllianceSettings("Locked"));
    await stores.workspaces.bindAllianceIfUnbound(workspace.id, alliance.id);
    const member = (externalId: string) => ({
      allianceId: alliance.id, workspaceId: workspace.id, externalId, displayName: "Ann", email: null, organizationId: null, locale: null, timezone: null,
    });
    expect((await stores.members.createIfAbsent(member("UFOUNDER"), { adminIfFirst: true })).member.role).toBe("admin");
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked = () => {};
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // Someone else is changing the alliance row (an admin saving settings) and has not committed.
    // That takes FOR NO KEY UPDATE; the newcomer's foreign-key check only needs FOR KEY SHARE.
    const holder = db.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`UPDATE "Alliance" SET "name" = "name" WHERE id = ${alliance.id}`;
      locked();
      await held;
    }, { timeout: 20_000 });
    await isLocked;
    try {
      const outcome = await Promise.race([
        stores.members.createIfAbsent(member("UNEWCOMER"), { adminIfFirst: true }).then((r) => r.member.role),
        new Promise<string>((resolve) => setTimeout(() => resolve("blocked"), 3_000)),
      ]);
      expect(outcome).toBe("member");
    } finally {
      release();
      await holder;
    }
  });
}
