import { describe, expect, it } from "vitest";
import {
  commitmentsPersonalData,
  pulsePersonalData,
  type PulseInviteRecord,
  type PulseInviteStore,
} from "#core/alliance/personal-data-sources.js";
import { createPollPersonalDataSource } from "#core/polls/poll-personal-data.js";
import { isDomainError } from "#core/shared/errors.js";
import { InMemoryCommitmentRepository } from "#storage/memory/in-memory-commitment-repository.js";
import { InMemoryPollRepository } from "#storage/memory/in-memory-poll-repository.js";
import { allianceServices, memoryStores } from "../../../support/alliance-stores.js";

/** Pulse invitations per member. */
class InviteBook implements PulseInviteStore {
  readonly byMember = new Map<string, PulseInviteRecord[]>();
  async invitesOfMember(_allianceId: string, memberId: string) {
    return this.byMember.get(memberId) ?? [];
  }
  async deleteInvitesOfMember(_allianceId: string, memberId: string) {
    const n = this.byMember.get(memberId)?.length ?? 0;
    this.byMember.delete(memberId);
    return n;
  }
}

async function world() {
  const commitments = new InMemoryCommitmentRepository();
  const polls = new InMemoryPollRepository();
  const invites = new InviteBook();
  const sources = [commitmentsPersonalData(commitments), createPollPersonalDataSource(polls), pulsePersonalData(invites)];
  const services = allianceServices(memoryStores(), sources);
  const admin = await services.memberService.resolveMember({ platform: "slack", workspaceExternalId: "T1", userExternalId: "U1", displayName: "Ann", email: "ann@acme.com" });
  const setup = await services.allianceService.applySetup(admin, { name: "Delta", organizations: [{ name: "Acme", emailDomains: ["acme.com"] }, { name: "Globex" }] }, { workspaceId: admin.workspaceId });
  const acme = setup.ok ? setup.organizations[0]! : null;
  const ann = await services.memberService.getActor(admin.memberId);
  const bob = await services.memberService.resolveMember({ platform: "slack", workspaceExternalId: "T1", userExternalId: "U2", displayName: "Bob" });
  const event = { type: "created" as const, actorMemberId: ann.memberId, at: new Date("2026-11-01T10:00:00Z"), fromStatus: null, toStatus: "open" as const, reason: null, dueAtBefore: null, dueAtAfter: null, idempotencyKey: null };
  await commitments.create(
    { allianceId: ann.allianceId, text: "Send the draft", ownerMemberId: ann.memberId, ownerOrganizationId: acme!.id, beneficiary: { kind: "member", memberId: bob.memberId, organizationId: null }, dueAt: null, definitionOfDone: null, createdById: bob.memberId, createdAt: new Date("2026-11-01T10:00:00Z") },
    event,
  );
  const poll = await polls.create({ allianceId: ann.allianceId, question: "What matters most?", mode: "single", maxChoices: 1, anonymous: false, visibility: "live", closesAt: null, recurrence: null, templateKey: null, createdById: ann.memberId, forAlliance: false, createdAt: new Date("2026-11-02T09:00:00Z"), options: ["Trust", "Reliability"] });
  await polls.recordBallot({ pollId: poll.id, voterKey: `named:${ann.memberId}`, memberId: ann.memberId, organizationId: acme!.id, optionIds: [poll.options[0]!.id], castOn: new Date("2026-11-02T00:00:00Z") }, new Date("2026-11-02T10:00:00Z"));
  invites.byMember.set(ann.memberId, [{ roundId: "r1", periodKey: "2026-W45", sentAt: "2026-11-04T09:00:00.000Z", completedAt: null, remindedAt: null }]);
  await services.stores.conversations.saveConversation({ workspaceId: admin.workspaceId, conversationId: "D-ann", kind: "personal", serviceUrl: null, tenantId: null, memberId: ann.memberId });
  return { ...services, commitments, polls, invites, ann, bob, acme: acme! };
}

describe("PrivacyService", () => {
  it("exports profile, organisation, role and every feature's records, and says what is not included", async () => {
    const { privacyService, ann } = await world();
    const data = await privacyService.exportMyData(ann.memberId);
    expect(data.profile).toMatchObject({ displayName: "Ann", email: "ann@acme.com", platform: "slack", platformUserId: "U1" });
    expect(data).toMatchObject({ role: "admin", organization: { name: "Acme" }, alliance: { name: "Delta" } });
    expect(data.sections["commitments.owned"]).toHaveLength(1);
    expect(data.sections["commitments.created"]).toHaveLength(0);
    expect(data.sections["polls.namedBallots"]).toEqual([expect.objectContaining({ question: "What matters most?", choices: ["Trust"] })]);
    expect(data.sections["pulse.invites"]).toEqual([expect.objectContaining({ periodKey: "2026-W45" })]);
    expect(data.notIncluded.kinds).toEqual(["anonymous poll ballots", "pulse answers", "culture assessments"]);
    expect(data.notIncluded.anonymousAnswers).toMatch(/anonymous/i);
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it("shows the other side of a commitment: what was logged by and promised to a member", async () => {
    const { privacyService, bob } = await world();
    const data = await privacyService.exportMyData(bob.memberId);
    expect(data.sections["commitments.created"]).toHaveLength(1);
    expect(data.sections["commitments.benefiting"]).toEqual([expect.objectContaining({ text: "Send the draft" })]);
  });

  it("forgets a member: profile blanked, named ballots unlinked, invites and DMs gone, commitments kept without them", async () => {
    const { privacyService, ann, polls, invites, commitments, stores } = await world();
    expect(await privacyService.forgetMe(ann.memberId)).toEqual({ memberId: ann.memberId, alreadyErased: false });
    const member = await stores.members.get(ann.memberId);
    expect(member).toMatchObject({ displayName: "former member", email: null, locale: null, role: "member" });
    expect(member?.erasedAt).toBeInstanceOf(Date);
    expect(member?.externalId).not.toBe("U1");
    expect(await polls.listNamedBallotsOf(ann.memberId, ann.allianceId)).toEqual([]);
    expect(invites.byMember.has(ann.memberId)).toBe(false);
    expect(await stores.conversations.findPersonalConversation(ann.memberId)).toBeNull();
    const [kept] = await commitments.list({ allianceId: ann.allianceId });
    expect(kept).toMatchObject({ text: "Send the draft", ownerMemberId: null });
  });

  it("lets only the member the forget button was shown to confirm it, by member or by platform identity", async () => {
    const { privacyService, ann, bob, stores } = await world();
    const slack = (userExternalId: string, workspaceExternalId = "T1") => ({ platform: "slack" as const, workspaceExternalId, userExternalId });
    for (const requester of [{ memberId: bob.memberId }, slack("U2"), slack("U1", "T-other")]) {
      await expect(privacyService.confirmForgetMe(requester, ann.memberId)).rejects.toSatisfy((e) => isDomainError(e, "FORBIDDEN"));
    }
    expect((await stores.members.get(ann.memberId))?.erasedAt).toBeNull();
    expect(await privacyService.confirmForgetMe(slack("U1"), ann.memberId)).toEqual({ memberId: ann.memberId, alreadyErased: false });
    expect(await privacyService.confirmForgetMe({ memberId: bob.memberId }, bob.memberId)).toEqual({ memberId: bob.memberId, alreadyErased: false });
  });

  it("is idempotent and refuses to export a forgotten member", async () => {
    const { privacyService, ann } = await world();
    await privacyService.forgetMe(ann.memberId);
    expect(await privacyService.forgetMe(ann.memberId)).toEqual({ memberId: ann.memberId, alreadyErased: true });
    await expect(privacyService.exportMyData(ann.memberId)).rejects.toSatisfy((e) => isDomainError(e, "MEMBER_ERASED"));
  });

  it("starts a forgotten person afresh when they come back", async () => {
    const { privacyService, memberService, ann } = await world();
    await privacyService.forgetMe(ann.memberId);
    const again = await memberService.resolveMember({ platform: "slack", workspaceExternalId: "T1", userExternalId: "U1", displayName: "Ann" });
    expect(again.memberId).not.toBe(ann.memberId);
    expect(again).toMatchObject({ isNew: true, role: "member" });
  });

  it("lets an admin forget another member of their alliance, nobody else", async () => {
    const { privacyService, ann, bob } = await world();
    await expect(privacyService.forgetMember(bob, ann.memberId)).rejects.toSatisfy((e) => isDomainError(e, "FORBIDDEN"));
    expect((await privacyService.forgetMember(ann, bob.memberId)).alreadyErased).toBe(false);
  });

  it("accepts a feature registered later and refuses a second source for the same feature", async () => {
    const { privacyService, ann } = await world();
    privacyService.register({ feature: "culture", exportFor: async () => [{ key: "culture.requests", records: [{ at: "x" }] }], eraseFor: async () => {} });
    expect(privacyService.features).toEqual(["commitments", "polls", "pulse", "culture"]);
    expect((await privacyService.exportMyData(ann.memberId)).sections["culture.requests"]).toHaveLength(1);
    expect(() => privacyService.register({ feature: "polls", exportFor: async () => [], eraseFor: async () => {} })).toThrow();
  });
});
