// The owner of an agreement in another space hears of the answer there: once per answered
// version, with the card as it now stands; an owner in the same space sees it where they are.
import { describe, expect, it } from "vitest";
import { defaultAllianceSettings } from "#core/alliance/alliance-defaults.js";
import { answerNoticeKey, tellOwnerElsewhere, type NotifyMember } from "#core/commitments/answer-notice.js";
import type { Commitment } from "#core/commitments/commitment.js";
import { FixedClock } from "#core/shared/clock.js";
import type { View } from "#core/views.js";
import { InMemoryMemberRepository } from "#storage/memory/in-memory-member-repository.js";

const T0 = new Date("2026-12-03T10:00:00Z");

async function world() {
  const members = new InMemoryMemberRepository(() => T0);
  const base = { allianceId: "a1", organizationId: "org-eng", locale: "nl" as const, timezone: null, email: null };
  const sam = (await members.createIfAbsent({ ...base, workspaceId: "w-slack", externalId: "U0SAM", displayName: "Sam" })).member;
  const alliances = {
    getAlliance: async () => ({ ...defaultAllianceSettings("Rivers"), id: "a1" }) as never,
    listOrganizations: async () => [{ id: "org-eng", name: "Engineering Co" }, { id: "org-city", name: "Municipality" }] as never,
  };
  const sent: Array<{ memberId: string; view: View; locale: string; key: string }> = [];
  const notifyMember: NotifyMember = async (memberId, view, locale, key) => (sent.push({ memberId, view, locale, key }), true);
  const commitment: Commitment = {
    id: "c1", allianceId: "a1", number: 3, text: "deliver the flood model", ownerMemberId: sam.id, ownerOrganizationId: "org-eng",
    beneficiary: { kind: "organization", organizationId: "org-city" }, dueAt: null, definitionOfDone: null,
    status: "kept", confirmation: "confirmed", createdById: sam.id, createdAt: T0, resolvedAt: T0, renegotiations: 0, version: 2,
  };
  return { deps: { members, alliances, clock: new FixedClock(T0), notifyMember }, sent, sam, commitment };
}

describe("telling the owner in another space", () => {
  it("sends the card as it now stands, in the owner's language, under a key per answered version", async () => {
    const { deps, sent, sam, commitment } = await world();
    expect(await tellOwnerElsewhere(deps, commitment, [], "w-teams")).toBe(true);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ memberId: sam.id, locale: "nl", key: answerNoticeKey(commitment, sam.id) });
    expect(sent[0]!.view).toMatchObject({ kind: "commitment_card", title: "#3 deliver the flood model", confirmationText: "Bevestigd" });
    expect(answerNoticeKey(commitment, sam.id)).toBe(`commitment-answered:c1:2:${sam.id}`);
  });

  it("leaves an owner in the answering space, an agreement without owner, and a bot without other spaces alone", async () => {
    const { deps, sent, commitment } = await world();
    expect(await tellOwnerElsewhere(deps, commitment, [], "w-slack")).toBe(false);
    expect(await tellOwnerElsewhere(deps, { ...commitment, ownerMemberId: null }, [], "w-teams")).toBe(false);
    expect(await tellOwnerElsewhere({ ...deps, notifyMember: undefined }, commitment, [], "w-teams")).toBe(false);
    expect(sent).toEqual([]);
  });
});
