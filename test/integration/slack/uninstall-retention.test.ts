// Retention after uninstall, end to end on a real database: Slack's app_uninstalled (a signed
// event to the running bot) starts the retention period; nothing is erased before the deadline;
// after it the retention job forgets every member of the workspace, deletes its conversations and
// queued messages, and deletes the alliance with everything in it when no other workspace is left.
// Time is a FixedClock handed to the services, moved by the test.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FixedClock } from "#core/shared/clock.js";
import type { Database } from "#storage/database.js";
import { PrismaOutboxStore } from "#storage/prisma/prisma-outbox-store.js";
import { eventEnvelope, sendEvent } from "../../fakes/slack-requests.js";
import { storageTargets } from "../../support/databases.js";
import { startSlackBot, type SlackBot } from "./support/slack-bot.js";

const DAY = 86_400_000;
const clock = new FixedClock(new Date("2026-03-02T09:00:00Z"));
let database: Database;
let bot: SlackBot;

beforeAll(async () => {
  database = await storageTargets[0]!.open();
  bot = await startSlackBot(database, { clock });
});
afterAll(async () => {
  await bot?.close();
  await database?.close();
});

/** A workspace with an admin and a member, an alliance with two organisations, a commitment, a DM and a queued message. */
async function newWorkspace() {
  const team = `T${randomUUID().slice(0, 8).toUpperCase()}`;
  const resolve = (n: number, domain: string) =>
    bot.services.members.resolveMember({ platform: "slack", workspaceExternalId: team, workspaceName: "Acme & Bolt", userExternalId: `U${n}`, displayName: `Member ${n}`, email: `m${n}@${domain}` });
  const admin = await resolve(1, "acme.example");
  const setup = await bot.services.alliances.applySetup(
    admin,
    { name: "Pilot alliance", organizations: [{ name: "Acme", emailDomains: ["acme.example"] }, { name: "Bolt", emailDomains: ["bolt.example"] }] },
    { workspaceId: admin.workspaceId },
  );
  if (!setup.ok) throw new Error(JSON.stringify(setup.errors));
  const member = await resolve(2, "bolt.example");
  const [acme, bolt] = await Promise.all([admin, member].map((m) => bot.services.members.getActor(m.memberId)));
  const { commitment } = await bot.services.commitments.create(acme!, { text: "Share the pilot results", beneficiary: { kind: "organization", organizationId: bolt!.organizationId! }, dueAt: new Date(clock.now().getTime() + 7 * DAY), definitionOfDone: "Report sent" });
  await bot.services.stores.conversations.saveConversation({ workspaceId: admin.workspaceId, conversationId: `D-${team}`, kind: "personal", serviceUrl: null, tenantId: null, memberId: member.memberId });
  await new PrismaOutboxStore(database.prisma).enqueue(
    { dedupeKey: `test:${team}`, platform: "slack", workspaceId: admin.workspaceId, conversationId: "C1", operation: "post", payload: { text: "For Member 2" } },
    clock.now(),
  );
  return { team, workspaceId: admin.workspaceId, allianceId: setup.alliance.id, memberIds: [admin.memberId, member.memberId], commitmentId: commitment.id };
}

const uninstall = (team: string) => sendEvent(bot.eventsUrl, eventEnvelope(`EvUninstall-${team}`, { type: "app_uninstalled" }, team));
const workspaceRow = (id: string) => database.prisma.workspace.findUniqueOrThrow({ where: { id } });

describe("personal data after app_uninstalled", () => {
  it("is kept for 30 days, then erased by the retention job: members, conversations, queued messages, and the alliance with its content", async () => {
    const w = await newWorkspace();
    const uninstalledAt = clock.now();
    expect((await uninstall(w.team)).status).toBe(200);
    expect((await workspaceRow(w.workspaceId)).uninstalledAt).toEqual(uninstalledAt);

    clock.advance(30 * DAY - 60_000);
    expect(await bot.services.retention.eraseDue(clock.now())).toEqual([]);
    expect((await bot.services.stores.members.get(w.memberIds[1]!))?.displayName).toBe("Member 2");

    clock.advance(60_000);
    expect(await bot.services.retention.eraseDue(clock.now())).toEqual([{ workspaceId: w.workspaceId, membersForgotten: 2, allianceDeleted: true }]);
    const ws = await workspaceRow(w.workspaceId);
    expect(ws).toMatchObject({ name: null, personalDataErasedAt: clock.now() });
    expect(await database.prisma.member.count({ where: { workspaceId: w.workspaceId } })).toBe(0);
    expect(await database.prisma.conversationRef.count({ where: { workspaceId: w.workspaceId } })).toBe(0);
    expect(await database.prisma.outboxMessage.count({ where: { workspaceId: w.workspaceId } })).toBe(0);
    expect(await database.prisma.alliance.findUnique({ where: { id: w.allianceId } })).toBeNull();
    expect(await database.prisma.commitment.findUnique({ where: { id: w.commitmentId } })).toBeNull();

    // The next run finds nothing left to do.
    expect(await bot.services.retention.eraseDue(clock.now())).toEqual([]);
  });

  it("a redelivered app_uninstalled does not push the deadline back", async () => {
    const w = await newWorkspace();
    const first = clock.now();
    await uninstall(w.team);
    clock.advance(10 * DAY);
    await sendEvent(bot.eventsUrl, eventEnvelope(`EvUninstall-again-${w.team}`, { type: "app_uninstalled" }, w.team));
    expect((await workspaceRow(w.workspaceId)).uninstalledAt).toEqual(first);
  });

  it("forgets only the uninstalled workspace's members when another workspace keeps the alliance going", async () => {
    const w = await newWorkspace();
    // A second workspace (e.g. the partner's own Slack) joined the same alliance.
    const otherTeam = `T${randomUUID().slice(0, 8).toUpperCase()}`;
    const other = await bot.services.stores.workspaces.ensure("slack", otherTeam, "Bolt Inc");
    expect(await bot.services.stores.workspaces.bindAllianceIfUnbound(other.id, w.allianceId)).toBe(true);
    const partner = await bot.services.members.resolveMember({ platform: "slack", workspaceExternalId: otherTeam, userExternalId: "U9", displayName: "Partner 9", email: "p9@bolt.example" });

    await uninstall(w.team);
    clock.advance(31 * DAY);
    const erased = await bot.services.retention.eraseDue(clock.now());
    expect(erased).toContainEqual({ workspaceId: w.workspaceId, membersForgotten: 2, allianceDeleted: false });
    for (const id of w.memberIds) {
      const member = await bot.services.stores.members.get(id);
      expect(member?.erasedAt).not.toBeNull();
      expect(member?.email).toBeNull();
      expect(member?.displayName).not.toMatch(/Member/);
    }
    expect((await bot.services.stores.members.get(partner.memberId))?.displayName).toBe("Partner 9");
    const commitment = await database.prisma.commitment.findUniqueOrThrow({ where: { id: w.commitmentId } });
    expect(commitment.ownerMemberId).toBeNull(); // kept for the alliance, attributed to "former member"
  });

  it("is not erased when the app is installed again before the deadline", async () => {
    const w = await newWorkspace();
    await uninstall(w.team);
    clock.advance(5 * DAY);
    await bot.services.retention.recordReinstall("slack", w.team);
    clock.advance(60 * DAY);
    const erased = await bot.services.retention.eraseDue(clock.now());
    expect(erased.map((e) => e.workspaceId)).not.toContain(w.workspaceId);
    expect((await bot.services.stores.members.get(w.memberIds[0]!))?.displayName).toBe("Member 1");
  });
});
