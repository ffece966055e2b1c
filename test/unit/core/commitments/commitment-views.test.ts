import { describe, expect, it } from "vitest";
import type { Commitment } from "#core/commitments/commitment.js";
import {
  buildCheckIn,
  buildCommitmentCard,
  buildCommitmentList,
  buildConfirmRequest,
  COMMITMENT_ACTION_IDS,
  formatDue,
  type CommitmentViewContext,
} from "#core/commitments/commitment-views.js";
import { hasMessage, translate } from "#core/i18n/catalogue.js";
import type { DomainErrorCode } from "#core/shared/errors.js";
import type { Actor } from "#core/shared/refs.js";

const NOW = new Date("2026-03-25T10:00:00Z");
const base: Commitment = {
  id: "c1", allianceId: "al", number: 12, text: "Send the draft contract", ownerMemberId: "ann", ownerOrganizationId: "org-a",
  beneficiary: { kind: "organization", organizationId: "org-b" }, dueAt: new Date("2026-03-27T22:59:59.999Z"),
  definitionOfDone: "Signed PDF in the shared folder", status: "open", confirmation: "none", createdById: "ann",
  createdAt: NOW, resolvedAt: null, renegotiations: 0, version: 0,
};
const names: Record<string, string> = { ann: "Ann", bob: "Bob", "org-a": "Acme", "org-b": "Gemeente Utrecht" };
const ctx = (locale: "en" | "nl" = "en"): CommitmentViewContext => ({
  locale, timeZone: "Europe/Amsterdam", now: NOW, memberName: (id) => names[id], organizationName: (id) => names[id],
});
const ann: Actor = { memberId: "ann", allianceId: "al", organizationId: "org-a", role: "member" };
const bob: Actor = { memberId: "bob", allianceId: "al", organizationId: "org-b", role: "member" };
const actionIds = (c: Commitment, viewer: Actor) => buildCommitmentCard(c, ctx(), viewer).actions.map((a) => a.actionId);

describe("commitment views", () => {
  it("shows an open agreement with its fields, due date and remaining days", () => {
    const card = buildCommitmentCard(base, ctx(), ann);
    expect(card).toMatchObject({ kind: "commitment_card", title: "#12 Send the draft contract", statusText: "Open", confirmationText: null, overdue: false });
    expect(card.fields).toEqual([
      { label: "Owner", value: "Ann (Acme)" },
      { label: "For", value: "Gemeente Utrecht" },
      { label: "Due", value: "Fri, 27 Mar 2026 · due in 2 days" },
      { label: "Done when", value: "Signed PDF in the shared folder" },
    ]);
  });

  it("offers each viewer only the buttons they may press now", () => {
    expect(actionIds(base, ann)).toEqual([COMMITMENT_ACTION_IDS.kept, COMMITMENT_ACTION_IDS.broken, COMMITMENT_ACTION_IDS.renegotiate, COMMITMENT_ACTION_IDS.withdraw]);
    // The receiving side may agree a new date or release the owner from the agreement.
    expect(actionIds(base, bob)).toEqual([COMMITMENT_ACTION_IDS.renegotiate, COMMITMENT_ACTION_IDS.withdraw]);
    const reported = { ...base, status: "kept" as const, confirmation: "pending" as const };
    expect(actionIds(reported, ann)).toEqual([]);
    expect(actionIds(reported, bob)).toEqual([COMMITMENT_ACTION_IDS.confirm, COMMITMENT_ACTION_IDS.dispute]);
    expect(buildCommitmentCard(base, ctx(), null).actions).toEqual([]);
  });

  it("shows the open dispute with who raised it and why, and 'former member' for a forgotten owner", () => {
    const disputed = { ...base, status: "kept" as const, confirmation: "disputed" as const, ownerMemberId: null };
    const events = [{ id: "e", commitmentId: "c1", sequence: 2, type: "disputed" as const, actorMemberId: "bob", at: NOW, fromStatus: "kept" as const, toStatus: "kept" as const, reason: "Annex missing", dueAtBefore: null, dueAtAfter: null, idempotencyKey: null }];
    const card = buildCommitmentCard(disputed, ctx(), bob, events);
    expect(card.disputeText).toBe("Disputed by Bob: Annex missing");
    expect(card.confirmationText).toBe("Disputed");
    expect(card.fields[0]?.value).toBe("former member (Acme)");
  });

  // Issue 11: Confirm / Dispute were offered to the person who reported the outcome too.
  it("does not offer Confirm / Dispute to whoever reported the outcome (an admin of the receiving side, say)", () => {
    const reported = { ...base, status: "kept" as const, confirmation: "pending" as const };
    const admin: Actor = { memberId: "cat", allianceId: "al", organizationId: "org-b", role: "admin" };
    const byAdmin = [{ id: "e", commitmentId: "c1", sequence: 1, type: "outcome" as const, actorMemberId: "cat", at: NOW, fromStatus: "open" as const, toStatus: "kept" as const, reason: null, dueAtBefore: null, dueAtAfter: null, idempotencyKey: null }];
    const ids = (viewer: Actor) => buildCommitmentCard(reported, ctx(), viewer, byAdmin).actions.map((a) => a.actionId);
    expect(ids(admin)).not.toContain(COMMITMENT_ACTION_IDS.confirm);
    expect(ids(admin)).not.toContain(COMMITMENT_ACTION_IDS.dispute);
    expect(ids(bob)).toEqual([COMMITMENT_ACTION_IDS.confirm, COMMITMENT_ACTION_IDS.dispute]);
    expect(translate("en", "error.COMMITMENT_OWN_REPORT", { number: 12 })).toBe("You reported the outcome of agreement #12 yourself, so someone else on the receiving side confirms or disputes it. Thanks for reporting!");
  });

  // Issue 11: "former member" showed only on agreements the forgotten person owned.
  it("shows 'former member' on an agreement made to a forgotten person, whose organisation may confirm it", () => {
    const toForgotten = { ...base, beneficiary: { kind: "member" as const, memberId: null, organizationId: "org-b" }, status: "kept" as const, confirmation: "pending" as const };
    expect(buildCommitmentCard(toForgotten, ctx(), bob).fields[1]?.value).toBe("former member (Gemeente Utrecht)");
    expect(buildCommitmentCard(toForgotten, ctx("nl"), bob).fields[1]?.value).toBe("voormalig lid (Gemeente Utrecht)");
    expect(actionIds(toForgotten, bob)).toEqual([COMMITMENT_ACTION_IDS.confirm, COMMITMENT_ACTION_IDS.dispute]);
  });

  it("shows 'unnamed member' for an owner whose platform never sent a name, not an empty name", () => {
    const unnamed = { ...ctx(), memberName: (id: string) => (id === "ann" ? "" : names[id]) };
    expect(buildCommitmentCard(base, unnamed, ann).fields[0]?.value).toBe("unnamed member (Acme)");
  });

  it("marks overdue items in lists and says when nothing is there", () => {
    const overdue = { ...base, dueAt: new Date("2026-03-20T22:59:59.999Z") };
    const list = buildCommitmentList([overdue], "overdue", ctx());
    expect(list.title).toBe("Overdue agreements");
    expect(list.items).toEqual([{ commitmentId: "c1", number: 12, line: "#12 Send the draft contract — Gemeente Utrecht · Fri, 20 Mar 2026 · overdue by 5 days", statusText: "Open", overdue: true }]);
    expect(buildCommitmentList([], "mine", ctx("nl"))).toMatchObject({ title: "Mijn open afspraken", emptyText: "Niets te zien.", items: [] });
  });

  it("writes the check-in and the confirmation request in the member's language", () => {
    const checkIn = buildCheckIn({ kind: "due_today", commitment: base, daysLeft: 0, key: "k" }, ctx("nl"), ann);
    expect(checkIn.text).toBe("#12 “Send the draft contract” voor Gemeente Utrecht moet vandaag af. Nagekomen?");
    expect(checkIn.card.actions.map((a) => a.actionId)).toContain(COMMITMENT_ACTION_IDS.kept);
    const request = buildConfirmRequest({ ...base, status: "kept_late", confirmation: "pending" }, ctx(), bob);
    expect(request.text).toBe("Ann (Acme) reports #12 “Send the draft contract” as kept late. Do you agree?");
  });

  it("shows a time only when one was agreed", () => {
    expect(formatDue(new Date("2026-12-05T16:00:00Z"), "en", "Europe/Amsterdam")).toBe("Sat, 5 Dec 2026, 17:00");
    expect(formatDue(new Date("2026-12-05T22:59:59.999Z"), "nl", "Europe/Amsterdam")).toBe("za 5 dec 2026");
  });

  it("has English and Dutch text for every commitments error code", () => {
    const codes: DomainErrorCode[] = [
      "COMMITMENT_ILLEGAL_TRANSITION", "COMMITMENT_DUE_DATE_UNPARSEABLE", "COMMITMENT_DUE_DATE_IN_PAST", "COMMITMENT_RENEGOTIATE_AFTER_DUE",
      "COMMITMENT_NOT_BENEFICIARY", "COMMITMENT_NOT_OWNER", "COMMITMENT_WITHDRAW_AFTER_DUE", "COMMITMENT_TEXT_LENGTH",
    ];
    for (const code of codes) {
      const key = `error.${code}`;
      expect(hasMessage(key), key).toBe(true);
      if (hasMessage(key)) expect(translate("nl", key)).not.toBe(translate("en", key));
    }
  });
});
