// The alliance services end to end on memory and on Prisma (every storage target), wired with the
// personal-data sources src/compose-services.ts uses: member resolution under concurrency,
// organisation mapping, and "forget me" down to the rows.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitmentsPersonalData, pulsePersonalData } from "#core/alliance/personal-data-sources.js";
import type { PersonalDataSource } from "#core/alliance/personal-data.js";
import type { CommitmentRepository } from "#core/commitments/commitment-repository.js";
import { createPollPersonalDataSource } from "#core/polls/poll-personal-data.js";
import type { Database } from "#storage/database.js";
import { InMemoryCommitmentRepository } from "#storage/memory/in-memory-commitment-repository.js";
import { PrismaCommitmentRepository } from "#storage/prisma/prisma-commitment-repository.js";
import { createPulseService } from "#core/pulse/pulse-service.js";
import { PrismaPollRepository } from "#storage/prisma/prisma-poll-repository.js";
import { createBallotSealer } from "#storage/ballot-seal.js";
import { PrismaPulseRepository } from "#storage/prisma/prisma-pulse-repository.js";
import { allianceServices, memoryStores, prismaStores, type AllianceStores } from "../support/alliance-stores.js";
import { storageTargets } from "../support/databases.js";

interface World {
  stores: AllianceStores;
  commitments: CommitmentRepository;
  sources: PersonalDataSource[];
}

const at = new Date("2026-11-01T10:00:00Z");

function contract(name: string, get: () => World): void {
  describe(`alliance services: ${name}`, () => {
    async function alliance() {
      const { stores, sources, commitments } = get();
      const services = allianceServices(stores, sources);
      const team = `T${randomUUID().slice(0, 8).toUpperCase()}`;
      const input = (userExternalId: string, extra: object = {}) => ({ platform: "slack" as const, workspaceExternalId: team, userExternalId, displayName: userExternalId, ...extra });
      const admin = await services.memberService.resolveMember(input("U-admin"));
      const setup = await services.allianceService.applySetup(
        admin,
        { name: "Delta", organizations: [{ name: "Acme", emailDomains: ["acme.com"] }, { name: "Globex", slackTeamIds: ["TGLOBEX"] }] },
        { workspaceId: admin.workspaceId },
      );
      if (!setup.ok) throw new Error(JSON.stringify(setup.errors));
      return { ...services, commitments, admin, input, orgs: setup.organizations };
    }

    it("resolves one member (and one admin) from 10 concurrent first requests", async () => {
      const { memberService } = allianceServices(get().stores);
      const input = { platform: "teams" as const, workspaceExternalId: randomUUID(), userExternalId: randomUUID(), displayName: "Ann", locale: "nl-NL" };
      const results = await Promise.all(Array.from({ length: 10 }, () => memberService.resolveMember(input)));
      expect(new Set(results.map((r) => r.memberId)).size).toBe(1);
      expect(new Set(results.map((r) => r.allianceId)).size).toBe(1);
      expect(results.filter((r) => r.isNew)).toHaveLength(1);
      expect(results.every((r) => r.role === "admin")).toBe(true);
      expect(await get().stores.members.countAdmins(results[0]!.allianceId)).toBe(1);
    });

    it("maps members by e-mail domain and by Slack Connect team, and asks the rest", async () => {
      const { memberService, input, orgs } = await alliance();
      expect((await memberService.resolveMember(input("U1", { email: "a@acme.com" }))).organizationId).toBe(orgs[0]!.id);
      expect((await memberService.resolveMember(input("U2", { slackTeamId: "TGLOBEX" }))).organizationId).toBe(orgs[1]!.id);
      expect((await memberService.resolveMember(input("U3", { email: "c@example.org" }))).needsOrganization).toBe(true);
    });

    it("forgets a member: profile blanked, commitments kept without them, exports refused afterwards", async () => {
      const { memberService, privacyService, commitments, input, orgs, stores } = { ...(await alliance()), stores: get().stores };
      const ann = await memberService.resolveMember(input("U-ann", { email: "ann@acme.com" }));
      const event = { type: "created" as const, actorMemberId: ann.memberId, at, fromStatus: null, toStatus: "open" as const, reason: null, dueAtBefore: null, dueAtAfter: null, idempotencyKey: null };
      await commitments.create(
        { allianceId: ann.allianceId, text: "Share the roadmap", ownerMemberId: ann.memberId, ownerOrganizationId: orgs[0]!.id, beneficiary: { kind: "organization", organizationId: orgs[1]!.id }, dueAt: null, definitionOfDone: null, createdById: ann.memberId, createdAt: at },
        event,
      );
      const before = await privacyService.exportMyData(ann.memberId);
      expect(before.sections["commitments.owned"]).toEqual([expect.objectContaining({ text: "Share the roadmap" })]);
      expect(await privacyService.forgetMe(ann.memberId)).toMatchObject({ alreadyErased: false });
      expect(await privacyService.forgetMe(ann.memberId)).toMatchObject({ alreadyErased: true });
      expect(await stores.members.get(ann.memberId)).toMatchObject({ displayName: "former member", email: null, erasedAt: expect.any(Date) });
      const [kept] = await commitments.list({ allianceId: ann.allianceId });
      expect(kept).toMatchObject({ text: "Share the roadmap", ownerMemberId: null, createdById: null });
      await expect(privacyService.exportMyData(ann.memberId)).rejects.toMatchObject({ code: "MEMBER_ERASED" });
    });
  });
}

const memoryCommitments = new InMemoryCommitmentRepository();
const memoryWorld: World = { stores: memoryStores(), commitments: memoryCommitments, sources: [commitmentsPersonalData(memoryCommitments)] };
contract("in-memory", () => memoryWorld);

for (const target of storageTargets) {
  let db: Database;
  let world: World;
  beforeAll(async () => {
    db = await target.open();
    const commitments = new PrismaCommitmentRepository(db.prisma);
    // The pulse service is the pulse source, as in compose-services; "my data" and "forget me" use
    // only its repository, so the directory and hasher are never called here.
    const pulse = createPulseService({
      repository: new PrismaPulseRepository(db.prisma),
      directory: { organizations: async () => [], members: async () => [] },
      respondentKey: (roundId, memberId) => `${roundId}:${memberId}`,
    });
    world = {
      stores: prismaStores(db.prisma),
      commitments,
      sources: [commitmentsPersonalData(commitments), createPollPersonalDataSource(new PrismaPollRepository(db.prisma, createBallotSealer("test-secret-0123456789abcdef"))), pulsePersonalData(pulse)],
    };
  });
  afterAll(async () => {
    await db?.close();
  });
  contract(`prisma on ${target.name}`, () => world);

  describe(`forget me, down to the rows: prisma on ${target.name}`, () => {
    it("unlinks named ballots, deletes pulse invites and DMs, leaves anonymous answers alone", async () => {
      const { memberService, privacyService } = allianceServices(world.stores, world.sources);
      const ann = await memberService.resolveMember({ platform: "slack", workspaceExternalId: `T${randomUUID()}`, userExternalId: "U-ann", displayName: "Ann", email: "ann@acme.com" });
      const prisma = db.prisma;
      const named = await prisma.poll.create({ data: { allianceId: ann.allianceId, question: "What matters most?", status: "closed", options: { create: [{ position: 0, label: "Trust" }, { position: 1, label: "Reliability" }] } }, include: { options: true } });
      const anonymous = await prisma.poll.create({ data: { allianceId: ann.allianceId, question: "Secret?", anonymous: true } });
      await prisma.pollBallot.create({ data: { pollId: named.id, voterKey: `member:${ann.memberId}`, memberId: ann.memberId, optionIds: [named.options[0]!.id], castOn: new Date("2026-11-02") } });
      await prisma.pollBallot.create({ data: { pollId: anonymous.id, voterKey: "hmac-of-someone", optionIds: [], castOn: new Date("2026-11-02") } });
      const round = await prisma.pulseRound.create({ data: { allianceId: ann.allianceId, periodKey: "2026-W45", itemKeys: ["trust.1"], openedAt: at, closesAt: new Date("2026-11-08T10:00:00Z") } });
      await prisma.pulseInvite.create({ data: { roundId: round.id, memberId: ann.memberId, sentAt: at } });
      await prisma.pulseAnswer.create({ data: { roundId: round.id, itemKey: "trust.1", respondentKey: "hmac-of-someone", score: 4, answeredOn: new Date("2026-11-02") } });
      await world.stores.conversations.saveConversation({ workspaceId: ann.workspaceId, conversationId: "D-ann", kind: "personal", serviceUrl: null, tenantId: null, memberId: ann.memberId });

      const data = await privacyService.exportMyData(ann.memberId);
      expect(data.sections["polls.namedBallots"]).toEqual([expect.objectContaining({ pollId: named.id, question: "What matters most?", choices: ["Trust"] })]);
      expect(data.sections["pulse.invites"]).toEqual([expect.objectContaining({ periodKey: "2026-W45", sentAt: at.toISOString() })]);

      await privacyService.forgetMe(ann.memberId);
      const ballots = await prisma.pollBallot.findMany({ where: { pollId: { in: [named.id, anonymous.id] } }, orderBy: { pollId: "asc" } });
      const namedBallot = ballots.find((b) => b.pollId === named.id);
      expect(namedBallot).toMatchObject({ memberId: null, optionIds: [named.options[0]!.id] });
      expect(namedBallot?.voterKey).not.toContain(ann.memberId);
      expect(ballots.find((b) => b.pollId === anonymous.id)?.voterKey).toBe("hmac-of-someone");
      expect(await prisma.pulseInvite.count({ where: { memberId: ann.memberId } })).toBe(0);
      expect(await prisma.pulseAnswer.count({ where: { roundId: round.id } })).toBe(1);
      expect(await prisma.conversationRef.count({ where: { memberId: ann.memberId } })).toBe(0);
      const row = await prisma.member.findUniqueOrThrow({ where: { id: ann.memberId } });
      expect(row).toMatchObject({ displayName: "former member", email: null, locale: null, externalId: `erased:${ann.memberId}` });
      expect(JSON.stringify(row)).not.toContain("ann@acme.com");
    });
  });
}
