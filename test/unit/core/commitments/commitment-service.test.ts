import { beforeEach, describe, expect, it } from "vitest";
import type { Commitment } from "#core/commitments/commitment.js";
import type { CommitmentRepository } from "#core/commitments/commitment-repository.js";
import { createCommitmentService, type CommitmentService } from "#core/commitments/commitment-service.js";
import { FixedClock } from "#core/shared/clock.js";
import { DomainError, isDomainError } from "#core/shared/errors.js";
import type { Actor } from "#core/shared/refs.js";
import { InMemoryCommitmentRepository } from "#storage/memory/in-memory-commitment-repository.js";
import { fixedScope } from "../../../support/alliance-scope.js";

const scope = fixedScope({
  al: { organizations: ["org-a", "org-b", "org-c"], members: { ann: "org-a", amir: "org-a", bob: "org-b", sam: "org-c", ada: "org-c" } },
  "other-alliance": { organizations: ["org-x", "org-y"], members: { olga: "org-x", yuri: "org-y" } },
});

const NOW = new Date("2026-03-25T10:00:00Z");
const DUE = new Date("2026-03-27T22:59:59.999Z");
const HOUR = 3_600_000;
const actor = (memberId: string, organizationId: string | null, role: Actor["role"] = "member", allianceId = "al"): Actor => ({
  memberId, allianceId, organizationId, role,
});
const ann = actor("ann", "org-a"); // owner side
const amir = actor("amir", "org-a"); // ann's colleague
const bob = actor("bob", "org-b"); // beneficiary side
const steward = actor("sam", "org-c", "steering");
const admin = actor("ada", "org-c", "admin");

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return isDomainError(error) ? error.code : `not a DomainError: ${String(error)}`;
  }
  return undefined;
}

let repo: InMemoryCommitmentRepository;
let clock: FixedClock;
let service: CommitmentService;
beforeEach(() => {
  repo = new InMemoryCommitmentRepository();
  clock = new FixedClock(NOW);
  service = createCommitmentService({ commitments: repo, clock, scope });
});

const createForB = (by: Actor = ann, overrides: Partial<Parameters<CommitmentService["create"]>[1]> = {}) =>
  service.create(by, { text: "  Send the   draft contract ", beneficiary: { kind: "organization", organizationId: "org-b" }, dueAt: DUE, ...overrides });

describe("CommitmentService.create", () => {
  it("creates an open commitment owned by its creator, text tidied, with a created event", async () => {
    const { commitment, replayed } = await createForB();
    expect(replayed).toBe(false);
    expect(commitment).toMatchObject({ number: 1, text: "Send the draft contract", ownerMemberId: "ann", ownerOrganizationId: "org-a", createdById: "ann", status: "open", dueAt: DUE, definitionOfDone: null });
    const { events } = await service.get(bob, "#1");
    expect(events.map((e) => [e.type, e.actorMemberId, e.toStatus, e.dueAtAfter])).toEqual([["created", "ann", "open", DUE]]);
  });

  it("lets the creator name another owner", async () => {
    const { commitment } = await createForB(amir, { owner: { memberId: "ann", organizationId: "org-a" } });
    expect(commitment).toMatchObject({ ownerMemberId: "ann", createdById: "amir" });
  });

  it("refuses text outside the length limits with COMMITMENT_TEXT_LENGTH", async () => {
    expect(await codeOf(createForB(ann, { text: "ab" }))).toBe("COMMITMENT_TEXT_LENGTH");
    expect(await codeOf(createForB(ann, { text: "x".repeat(281) }))).toBe("COMMITMENT_TEXT_LENGTH");
    expect(await codeOf(createForB(ann, { text: "x".repeat(280) }))).toBeUndefined();
    expect(await codeOf(createForB(ann, { definitionOfDone: "y".repeat(1001) }))).toBe("COMMITMENT_TEXT_LENGTH");
  });

  it("refuses a due date in the past with COMMITMENT_DUE_DATE_IN_PAST", async () => {
    expect(await codeOf(createForB(ann, { dueAt: new Date(NOW.getTime() - 1) }))).toBe("COMMITMENT_DUE_DATE_IN_PAST");
  });

  it("accepts an agreement without a due date", async () => {
    expect((await createForB(ann, { dueAt: null })).commitment.dueAt).toBeNull();
  });

  it("refuses an owner without organisation and a promise to oneself", async () => {
    expect(await codeOf(createForB(actor("nobody", null)))).toBe("MEMBER_WITHOUT_ORGANIZATION");
    expect(await codeOf(createForB(ann, { beneficiary: { kind: "member", memberId: "ann", organizationId: "org-a" } }))).toBe("INVALID_INPUT");
    expect(await codeOf(service.create(ann, { text: "ok text", beneficiary: { kind: "team" } } as never))).toBe("INVALID_INPUT");
  });

  it("replays a create with the same idempotency key without a second commitment", async () => {
    const first = await createForB();
    const a = await service.create(ann, { text: "Book the venue", beneficiary: { kind: "organization", organizationId: "org-b" } }, { idempotencyKey: "trigger-1" });
    const b = await service.create(ann, { text: "Book the venue", beneficiary: { kind: "organization", organizationId: "org-b" } }, { idempotencyKey: "trigger-1" });
    expect(b).toEqual({ commitment: a.commitment, replayed: true });
    expect((await repo.list({ allianceId: "al" })).map((c) => c.id)).toEqual([first.commitment.id, a.commitment.id]);
  });

  it("refuses another alliance's or an unknown organisation or member, naming the field, and stores nothing", async () => {
    const refused = [
      [{ beneficiary: { kind: "organization" as const, organizationId: "org-y" } }, "UNKNOWN_ORGANIZATION", "beneficiary"],
      [{ beneficiary: { kind: "organization" as const, organizationId: "no-such-org" } }, "UNKNOWN_ORGANIZATION", "beneficiary"],
      [{ beneficiary: { kind: "member" as const, memberId: "yuri", organizationId: "org-y" } }, "UNKNOWN_MEMBER", "beneficiary"],
      [{ beneficiary: { kind: "member" as const, memberId: "bob", organizationId: "org-y" } }, "UNKNOWN_ORGANIZATION", "beneficiary"],
      [{ owner: { memberId: "olga", organizationId: "org-x" } }, "UNKNOWN_MEMBER", "owner"],
      [{ owner: { memberId: "amir", organizationId: "org-x" } }, "UNKNOWN_ORGANIZATION", "owner"],
      [{ owner: { memberId: "ghost", organizationId: "org-a" } }, "UNKNOWN_MEMBER", "owner"],
    ] as const;
    for (const [overrides, code, field] of refused) {
      const error = await createForB(ann, overrides).then(() => null, (e: unknown) => e);
      expect(error, JSON.stringify(overrides)).toMatchObject({ code, details: { field } });
    }
    expect(await repo.list({ allianceId: "al" })).toEqual([]);
  });

  it("scopes idempotency keys to the alliance", async () => {
    const other = actor("olga", "org-x", "member", "other-alliance");
    const mine = await service.create(ann, { text: "Book the venue", beneficiary: { kind: "organization", organizationId: "org-b" } }, { idempotencyKey: "same" });
    const theirs = await service.create(other, { text: "Book the venue", beneficiary: { kind: "organization", organizationId: "org-y" } }, { idempotencyKey: "same" });
    expect(theirs.replayed).toBe(false);
    expect(theirs.commitment.id).not.toBe(mine.commitment.id);
  });
});

describe("CommitmentService outcomes and confirmation", () => {
  it("lets the owner report kept; the beneficiary side confirms", async () => {
    await createForB();
    const kept = await service.reportOutcome(ann, 1, "kept", { reason: "sent by mail" });
    expect(kept.commitment).toMatchObject({ status: "kept", confirmation: "pending", resolvedAt: NOW, version: 1 });
    const confirmed = await service.confirm(bob, "#1");
    expect(confirmed.commitment).toMatchObject({ status: "kept", confirmation: "confirmed" });
    const { events } = await service.get(ann, 1);
    expect(events.map((e) => [e.type, e.actorMemberId, e.fromStatus, e.toStatus, e.reason])).toEqual([
      ["created", "ann", null, "open", null],
      ["outcome", "ann", "open", "kept", "sent by mail"],
      ["confirmed", "bob", "kept", "kept", null],
    ]);
  });

  it("records 'kept' after the due date as kept_late", async () => {
    await createForB();
    clock.set(new Date(DUE.getTime() + HOUR));
    expect((await service.reportOutcome(ann, 1, "kept")).commitment.status).toBe("kept_late");
  });

  it("lets only the owner or an admin report, with COMMITMENT_NOT_OWNER otherwise", async () => {
    await createForB();
    expect(await codeOf(service.reportOutcome(amir, 1, "kept"))).toBe("COMMITMENT_NOT_OWNER");
    expect(await codeOf(service.reportOutcome(bob, 1, "broken"))).toBe("COMMITMENT_NOT_OWNER");
    expect(await codeOf(service.reportOutcome(steward, 1, "kept"))).toBe("COMMITMENT_NOT_OWNER");
    expect((await service.reportOutcome(admin, 1, "broken")).commitment.status).toBe("broken");
  });

  it("refuses a second outcome with COMMITMENT_ILLEGAL_TRANSITION", async () => {
    await createForB();
    await service.reportOutcome(ann, 1, "kept");
    expect(await codeOf(service.reportOutcome(ann, 1, "broken"))).toBe("COMMITMENT_ILLEGAL_TRANSITION");
  });

  it("lets only the beneficiary side confirm or dispute, never the owner", async () => {
    await createForB();
    await service.reportOutcome(ann, 1, "kept");
    expect(await codeOf(service.confirm(ann, 1))).toBe("COMMITMENT_NOT_BENEFICIARY");
    expect(await codeOf(service.confirm(amir, 1))).toBe("COMMITMENT_NOT_BENEFICIARY");
    expect(await codeOf(service.dispute(steward, 1, { reason: "no" }))).toBe("COMMITMENT_NOT_BENEFICIARY");
    expect((await service.confirm(actor("bea", "org-b"), 1)).commitment.confirmation).toBe("confirmed");
  });

  // Issue 11: the person who reported the outcome was offered Confirm / Dispute of their own report.
  it("refuses politely when whoever reported the outcome tries to confirm or dispute it", async () => {
    await createForB();
    const reporter = actor("bram", "org-b", "admin"); // an admin of the receiving side, reporting for the owner
    await service.reportOutcome(reporter, 1, "kept");
    expect(await codeOf(service.confirm(reporter, 1))).toBe("COMMITMENT_OWN_REPORT");
    expect(await codeOf(service.dispute(reporter, 1, { reason: "no" }))).toBe("COMMITMENT_OWN_REPORT");
    expect((await service.confirm(actor("bea", "org-b"), 1)).commitment.confirmation).toBe("confirmed");
  });

  it("lets a member beneficiary confirm, but not their colleagues", async () => {
    await createForB(ann, { beneficiary: { kind: "member", memberId: "bob", organizationId: "org-b" } });
    await service.reportOutcome(ann, 1, "kept");
    expect(await codeOf(service.confirm(actor("bea", "org-b"), 1))).toBe("COMMITMENT_NOT_BENEFICIARY");
    expect((await service.confirm(bob, 1)).commitment.confirmation).toBe("confirmed");
  });

  it("keeps a dispute visible until an admin, steering member or the beneficiary side resolves it", async () => {
    await createForB();
    await service.reportOutcome(ann, 1, "kept");
    expect(await codeOf(service.dispute(bob, 1, { reason: " " }))).toBe("COMMITMENT_TEXT_LENGTH");
    const disputed = await service.dispute(bob, 1, { reason: "The annex is missing" });
    expect(disputed.commitment.confirmation).toBe("disputed");
    expect((await service.list(steward, "disputed")).map((c) => c.number)).toEqual([1]);
    expect(await codeOf(service.confirm(bob, 1))).toBe("COMMITMENT_ILLEGAL_TRANSITION");
    expect(await codeOf(service.resolveDispute(ann, 1, "kept"))).toBe("FORBIDDEN");
    const resolved = await service.resolveDispute(steward, 1, "broken", { reason: "Annex never arrived" });
    expect(resolved.commitment).toMatchObject({ status: "broken", confirmation: "confirmed", resolvedAt: NOW });
    expect(await service.list(steward, "disputed")).toEqual([]);
  });
});

describe("CommitmentService renegotiation and withdrawal", () => {
  it("renegotiates before the due date: open again with the new date and a count", async () => {
    await createForB();
    const later = new Date(DUE.getTime() + 7 * 24 * HOUR);
    const result = await service.renegotiate(bob, 1, later, { reason: "Board meets later" });
    expect(result.commitment).toMatchObject({ status: "open", dueAt: later, renegotiations: 1 });
    const { events } = await service.get(ann, 1);
    expect(events.at(-1)).toMatchObject({ type: "renegotiated", fromStatus: "open", toStatus: "open", dueAtBefore: DUE, dueAtAfter: later, reason: "Board meets later" });
  });

  it("refuses renegotiation after the due date and by outsiders", async () => {
    await createForB();
    expect(await codeOf(service.renegotiate(steward, 1, new Date(DUE.getTime() + 1)))).toBe("COMMITMENT_NOT_OWNER");
    clock.set(new Date(DUE.getTime() + HOUR));
    expect(await codeOf(service.renegotiate(ann, 1, new Date(DUE.getTime() + 48 * HOUR)))).toBe("COMMITMENT_RENEGOTIATE_AFTER_DUE");
  });

  it("lets the owner withdraw before the due date, but only the beneficiary side or an admin after it", async () => {
    await createForB();
    await createForB();
    expect((await service.withdraw(ann, 1, { reason: "Merged into #2" })).commitment.status).toBe("withdrawn");
    clock.set(new Date(DUE.getTime() + HOUR));
    expect(await codeOf(service.withdraw(ann, 2))).toBe("COMMITMENT_WITHDRAW_AFTER_DUE");
    expect(await codeOf(service.withdraw(steward, 2))).toBe("COMMITMENT_NOT_OWNER");
    expect((await service.withdraw(bob, 2)).commitment.status).toBe("withdrawn");
    expect(await codeOf(service.withdraw(admin, 2))).toBe("COMMITMENT_ILLEGAL_TRANSITION");
  });
});

describe("CommitmentService idempotency and concurrency", () => {
  it("treats the same action key twice as one change", async () => {
    await createForB();
    const first = await service.reportOutcome(ann, 1, "kept", { idempotencyKey: "slack-action-9" });
    const second = await service.reportOutcome(ann, 1, "kept", { idempotencyKey: "slack-action-9" });
    expect(second).toEqual({ commitment: first.commitment, replayed: true });
    expect((await service.get(ann, 1)).events).toHaveLength(2);
  });

  it("re-reads and re-judges when another instance changed the commitment in between", async () => {
    await createForB();
    let raced = false;
    // A repository whose first write loses a race against a confirmation-free renegotiation.
    const racing: CommitmentRepository = Object.create(repo);
    racing.applyChange = async (...args) => {
      if (!raced) {
        raced = true;
        await repo.applyChange((await repo.findByNumber("al", 1))!.id, 0, { dueAt: new Date(DUE.getTime() + 24 * HOUR) }, {
          type: "renegotiated", actorMemberId: "bob", at: NOW, fromStatus: "open", toStatus: "open", reason: null, dueAtBefore: DUE, dueAtAfter: new Date(DUE.getTime() + 24 * HOUR), idempotencyKey: null,
        });
      }
      return repo.applyChange(...args);
    };
    const svc = createCommitmentService({ commitments: racing, clock, scope });
    const result = await svc.reportOutcome(ann, 1, "kept");
    expect(result.commitment).toMatchObject({ status: "kept", version: 2, renegotiations: 1 });
  });

  it("gives up with CONFLICT after the configured attempts", async () => {
    await createForB();
    const always: CommitmentRepository = Object.create(repo);
    let tries = 0;
    always.applyChange = async () => {
      tries++;
      throw new DomainError("CONFLICT");
    };
    const svc = createCommitmentService({ commitments: always, clock, scope, maxAttempts: 2 });
    expect(await codeOf(svc.reportOutcome(ann, 1, "kept"))).toBe("CONFLICT");
    expect(tries).toBe(2);
  });
});

describe("CommitmentService lookups and lists", () => {
  let ids: Commitment[];
  beforeEach(async () => {
    ids = [
      (await createForB()).commitment, // #1 ann → org-b
      (await service.create(bob, { text: "Share the budget", beneficiary: { kind: "organization", organizationId: "org-a" }, dueAt: new Date(NOW.getTime() + HOUR) })).commitment, // #2 bob → org-a
      (await service.create(bob, { text: "Call Ann back", beneficiary: { kind: "member", memberId: "ann", organizationId: "org-a" }, dueAt: DUE })).commitment, // #3 bob → ann
      (await createForB(amir)).commitment, // #4 amir → org-b
    ];
    await service.reportOutcome(amir, 4, "kept");
  });

  it("finds by #number, number or id, only within the actor's alliance", async () => {
    expect((await service.get(bob, "#2")).commitment.id).toBe(ids[1]?.id);
    expect((await service.get(bob, 3)).commitment.id).toBe(ids[2]?.id);
    expect((await service.get(bob, ids[0]!.id)).commitment.number).toBe(1);
    expect(await codeOf(service.get(bob, "#99"))).toBe("COMMITMENT_NOT_FOUND");
    expect(await codeOf(service.get(actor("x", "o", "admin", "elsewhere"), ids[0]!.id))).toBe("NOT_FOUND");
  });

  it("lists mine, ours, owed and overdue", async () => {
    const numbers = (list: Commitment[]) => list.map((c) => c.number);
    expect(numbers(await service.list(ann, "mine"))).toEqual([1]);
    expect(numbers(await service.list(amir, "ours"))).toEqual([1]);
    expect(numbers(await service.list(amir, "ours", { includeResolved: true }))).toEqual([1, 4]);
    expect(numbers(await service.list(ann, "owed"))).toEqual([2, 3]);
    // #3 is owed to Ann personally, and Ann is one of "us" for her colleague Amir.
    expect(numbers(await service.list(amir, "owed"))).toEqual([2, 3]);
    expect(numbers(await service.list(actor("ali", "org-b"), "owed"))).toEqual([1]);
    expect(numbers(await service.list(ann, "overdue"))).toEqual([]);
    clock.advance(2 * HOUR);
    expect(numbers(await service.list(ann, "overdue"))).toEqual([2]);
    expect(numbers(await service.overdue("al"))).toEqual([2]);
    expect(await codeOf(service.list(actor("nobody", null), "ours"))).toBe("MEMBER_WITHOUT_ORGANIZATION");
  });

  it("forgets a member: commitments stay, the person is detached", async () => {
    expect(await service.anonymise("al", "ann")).toBe(2);
    const first = (await service.get(bob, 1)).commitment;
    expect(first).toMatchObject({ ownerMemberId: null, createdById: null, ownerOrganizationId: "org-a" });
    // Issue 11: made to Ann, it stays made to a "former member" of her organisation.
    expect((await service.get(bob, 3)).commitment.beneficiary).toEqual({ kind: "member", memberId: null, organizationId: "org-a" });
    expect((await service.get(bob, 1)).events.every((e) => e.actorMemberId !== "ann")).toBe(true);
  });

  it("computes figures for a period through the repository", async () => {
    const figures = await service.figures("al", { start: new Date("2026-03-01T00:00:00Z"), end: new Date("2026-04-01T00:00:00Z") }, { timeZone: "Europe/Amsterdam" });
    expect(figures.overall).toMatchObject({ resolved: 1, kept: 1 });
    expect(figures.clarity).toMatchObject({ commitments: 4, withDueDate: 4, withDefinitionOfDone: 0 });
    expect(figures.asOf).toEqual(NOW);
  });
});
