// The same CommitmentRepository contract against the in-memory implementation and Prisma on every
// storage target (PGlite always, PostgreSQL when TEST_DATABASE_URL is set).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Beneficiary } from "#core/commitments/commitment.js";
import type {
  CommitmentRepository,
  NewCommitment,
  NewCommitmentEvent,
} from "#core/commitments/commitment-repository.js";
import { isDomainError } from "#core/shared/errors.js";
import type { Database } from "#storage/database.js";
import { InMemoryCommitmentRepository } from "#storage/memory/in-memory-commitment-repository.js";
import { PrismaCommitmentRepository } from "#storage/prisma/prisma-commitment-repository.js";
import { storageTargets } from "../support/databases.js";

interface Harness {
  repo(): CommitmentRepository;
  /** A fresh alliance id, so tests never see each other's rows. */
  newAlliance(): Promise<string>;
}

const T0 = new Date("2026-03-02T10:15:30.000Z");
const DAY = 86_400_000;
const at = (days: number) => new Date(T0.getTime() + days * DAY);
let keyCounter = 0;
const freshKey = () => `key-${Date.now()}-${++keyCounter}-${Math.random()}`;

function draft(allianceId: string, overrides: Partial<NewCommitment> = {}): NewCommitment {
  return {
    allianceId,
    text: "Send the draft contract",
    ownerMemberId: "ann",
    ownerOrganizationId: "org-a",
    beneficiary: { kind: "organization", organizationId: "org-b" },
    dueAt: at(7),
    definitionOfDone: "Signed PDF in the shared folder",
    createdById: "ann",
    createdAt: T0,
    ...overrides,
  };
}

function event(overrides: Partial<NewCommitmentEvent> = {}): NewCommitmentEvent {
  return {
    type: "created",
    actorMemberId: "ann",
    at: T0,
    fromStatus: null,
    toStatus: "open",
    reason: null,
    dueAtBefore: null,
    dueAtAfter: at(7),
    idempotencyKey: null,
    ...overrides,
  };
}

const outcome = (key: string | null = null, actor = "ann") =>
  event({ type: "outcome", actorMemberId: actor, at: at(1), fromStatus: "open", toStatus: "kept", dueAtAfter: null, idempotencyKey: key });

function contract(name: string, harness: Harness): void {
  describe(`CommitmentRepository contract: ${name}`, () => {
    it("numbers commitments per alliance from 1 and reads them back by id and number", async () => {
      const a = await harness.newAlliance();
      const b = await harness.newAlliance();
      const first = (await harness.repo().create(draft(a), event())).commitment;
      const second = (await harness.repo().create(draft(a, { dueAt: null, definitionOfDone: null }), event({ dueAtAfter: null }))).commitment;
      const elsewhere = (await harness.repo().create(draft(b), event())).commitment;
      expect([first.number, second.number, elsewhere.number]).toEqual([1, 2, 1]);
      expect(first).toMatchObject({ status: "open", confirmation: "none", version: 0, renegotiations: 0, resolvedAt: null });
      expect(await harness.repo().findById(first.id)).toEqual(first);
      expect(await harness.repo().findByNumber(a, 2)).toEqual(second);
      expect(await harness.repo().findByNumber(a, 3)).toBeNull();
      expect(await harness.repo().findById("no-such-commitment")).toBeNull();
      const events = await harness.repo().listEvents([first.id]);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ commitmentId: first.id, sequence: 0, type: "created", toStatus: "open", actorMemberId: "ann" });
    });

    it("round-trips both kinds of beneficiary", async () => {
      const a = await harness.newAlliance();
      const kinds: Beneficiary[] = [
        { kind: "organization", organizationId: "org-b" },
        { kind: "member", memberId: "bob", organizationId: "org-b" },
        { kind: "member", memberId: "carl", organizationId: null },
      ];
      for (const beneficiary of kinds) {
        const created = (await harness.repo().create(draft(a, { beneficiary }), event())).commitment;
        expect((await harness.repo().findById(created.id))?.beneficiary).toEqual(beneficiary);
      }
    });

    it("gives concurrent creates in one alliance distinct consecutive numbers", async () => {
      const a = await harness.newAlliance();
      const created = await Promise.all(
        Array.from({ length: 12 }, (_, i) => harness.repo().create(draft(a, { text: `Item ${i}` }), event())),
      );
      expect(created.map((r) => r.commitment.number).sort((x, y) => x - y)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      expect(await harness.repo().list({ allianceId: a })).toHaveLength(12);
    });

    it("treats a create with a used idempotency key as a no-op replay", async () => {
      const a = await harness.newAlliance();
      const key = freshKey();
      const first = await harness.repo().create(draft(a), event({ idempotencyKey: key }));
      const again = await harness.repo().create(draft(a, { text: "Something else" }), event({ idempotencyKey: key }));
      expect(first.replayed).toBe(false);
      expect(again).toEqual({ commitment: first.commitment, replayed: true });
      expect(await harness.repo().list({ allianceId: a })).toHaveLength(1);
      expect((await harness.repo().findByIdempotencyKey(key))?.id).toBe(first.commitment.id);
    });

    it("applies a change with the expected version, appends the event and bumps the version", async () => {
      const a = await harness.newAlliance();
      const { commitment } = await harness.repo().create(draft(a), event());
      const result = await harness.repo().applyChange(
        commitment.id,
        0,
        { status: "kept", confirmation: "pending", resolvedAt: at(1) },
        outcome(),
      );
      expect(result.replayed).toBe(false);
      expect(result.commitment).toMatchObject({ status: "kept", confirmation: "pending", version: 1 });
      expect(result.commitment.resolvedAt?.toISOString()).toBe(at(1).toISOString());
      expect(result.commitment.dueAt?.toISOString()).toBe(at(7).toISOString());
      const events = await harness.repo().listEvents([commitment.id]);
      expect(events.map((e) => [e.sequence, e.type, e.fromStatus, e.toStatus])).toEqual([
        [0, "created", null, "open"],
        [1, "outcome", "open", "kept"],
      ]);
    });

    it("refuses a stale version with CONFLICT and writes nothing", async () => {
      const a = await harness.newAlliance();
      const { commitment } = await harness.repo().create(draft(a), event());
      await harness.repo().applyChange(commitment.id, 0, { status: "kept", confirmation: "pending" }, outcome());
      const stale = harness.repo().applyChange(commitment.id, 0, { status: "broken", confirmation: "pending" }, outcome());
      await expect(stale).rejects.toSatisfy((error) => isDomainError(error, "CONFLICT"));
      expect((await harness.repo().findById(commitment.id))?.status).toBe("kept");
      expect(await harness.repo().listEvents([commitment.id])).toHaveLength(2);
    });

    it("lets exactly one of two concurrent changes from the same version through", async () => {
      const a = await harness.newAlliance();
      const { commitment } = await harness.repo().create(draft(a), event());
      const results = await Promise.allSettled([
        harness.repo().applyChange(commitment.id, 0, { status: "kept", confirmation: "pending" }, outcome()),
        harness.repo().applyChange(commitment.id, 0, { status: "broken", confirmation: "pending" }, outcome()),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.find((r) => r.status === "rejected");
      expect(isDomainError(rejected?.reason, "CONFLICT")).toBe(true);
      expect((await harness.repo().findById(commitment.id))?.version).toBe(1);
    });

    it("replays a change whose idempotency key was used: nothing changes, even with a stale version", async () => {
      const a = await harness.newAlliance();
      const { commitment } = await harness.repo().create(draft(a), event());
      const key = freshKey();
      const first = await harness.repo().applyChange(commitment.id, 0, { status: "kept", confirmation: "pending" }, outcome(key));
      const again = await harness.repo().applyChange(commitment.id, 0, { status: "broken", confirmation: "pending" }, outcome(key));
      expect(again).toEqual({ commitment: first.commitment, replayed: true });
      expect(await harness.repo().listEvents([commitment.id])).toHaveLength(2);
      // Two concurrent requests with one key: one applies, the other replays.
      const other = (await harness.repo().create(draft(a), event())).commitment;
      const shared = freshKey();
      const both = await Promise.all([
        harness.repo().applyChange(other.id, 0, { status: "kept", confirmation: "pending" }, outcome(shared)),
        harness.repo().applyChange(other.id, 0, { status: "kept", confirmation: "pending" }, outcome(shared)),
      ]);
      expect(both.map((r) => r.replayed).sort()).toEqual([false, true]);
      expect(await harness.repo().listEvents([other.id])).toHaveLength(2);
    });

    it("counts renegotiations from the log", async () => {
      const a = await harness.newAlliance();
      const { commitment } = await harness.repo().create(draft(a), event());
      const renegotiate = (v: number, to: Date) =>
        harness.repo().applyChange(
          commitment.id,
          v,
          { dueAt: to },
          event({ type: "renegotiated", fromStatus: "open", toStatus: "open", at: at(v + 1), dueAtBefore: at(7 + v), dueAtAfter: to }),
        );
      await renegotiate(0, at(8));
      const second = await renegotiate(1, at(9));
      expect(second.commitment).toMatchObject({ status: "open", renegotiations: 2, version: 2 });
      expect(second.commitment.dueAt?.toISOString()).toBe(at(9).toISOString());
      expect((await harness.repo().findById(commitment.id))?.renegotiations).toBe(2);
    });

    it("lists with every filter, ordered by due date (none last) then number", async () => {
      const a = await harness.newAlliance();
      const make = async (overrides: Partial<NewCommitment>) => (await harness.repo().create(draft(a, overrides), event())).commitment;
      const c1 = await make({ dueAt: at(5) });
      const c2 = await make({ dueAt: null, ownerMemberId: "bob", ownerOrganizationId: "org-b", beneficiary: { kind: "member", memberId: "ann", organizationId: "org-a" } });
      const c3 = await make({ dueAt: at(2), createdAt: at(1) });
      const c4 = await make({ dueAt: at(2), beneficiary: { kind: "member", memberId: "dora", organizationId: "org-c" } });
      await harness.repo().applyChange(c3.id, 0, { status: "broken", confirmation: "disputed", resolvedAt: at(3) }, outcome());
      const ids = async (q: Omit<Parameters<CommitmentRepository["list"]>[0], "allianceId">) =>
        (await harness.repo().list({ allianceId: a, ...q })).map((c) => c.number);

      expect(await ids({})).toEqual([c3.number, c4.number, c1.number, c2.number]);
      expect(await ids({ statuses: ["open"] })).toEqual([c4.number, c1.number, c2.number]);
      expect(await ids({ ownerMemberId: "bob" })).toEqual([c2.number]);
      expect(await ids({ ownerOrganizationId: "org-a" })).toEqual([c3.number, c4.number, c1.number]);
      expect(await ids({ beneficiaryOrganizationId: "org-b" })).toEqual([c3.number, c1.number]);
      expect(await ids({ beneficiaryOrganizationId: "org-a", beneficiaryMemberId: "dora" })).toEqual([c4.number, c2.number]);
      expect(await ids({ beneficiaryMemberId: "ann" })).toEqual([c2.number]);
      expect(await ids({ confirmation: "disputed" })).toEqual([c3.number]);
      expect(await ids({ dueBefore: at(5) })).toEqual([c3.number, c4.number]);
      expect(await ids({ dueFrom: at(3) })).toEqual([c1.number]);
      expect(await ids({ createdBefore: at(1) })).toEqual([c4.number, c1.number, c2.number]);
      expect(await ids({ unresolvedOrResolvedFrom: at(4) })).toEqual([c4.number, c1.number, c2.number]);
      expect(await ids({ unresolvedOrResolvedFrom: at(3) })).toEqual([c3.number, c4.number, c1.number, c2.number]);
      expect(await ids({ limit: 2 })).toEqual([c3.number, c4.number]);
    });

    it("forgets a member: owner, creator, beneficiary and actor detached, commitments kept", async () => {
      const a = await harness.newAlliance();
      const other = await harness.newAlliance();
      const owned = (await harness.repo().create(draft(a), event())).commitment;
      const forAnn = (await harness.repo().create(
        draft(a, { ownerMemberId: "bob", createdById: "bob", beneficiary: { kind: "member", memberId: "ann", organizationId: "org-a" } }),
        event({ actorMemberId: "bob" }),
      )).commitment;
      const forAnnNoOrg = (await harness.repo().create(
        draft(a, { ownerMemberId: "bob", createdById: "bob", beneficiary: { kind: "member", memberId: "ann", organizationId: null } }),
        event({ actorMemberId: "bob" }),
      )).commitment;
      const untouched = (await harness.repo().create(draft(a, { ownerMemberId: "bob", createdById: "bob" }), event({ actorMemberId: "bob" }))).commitment;
      await harness.repo().applyChange(untouched.id, 0, { status: "kept", confirmation: "pending" }, outcome(null, "bob"));
      await harness.repo().applyChange(untouched.id, 1, { confirmation: "confirmed" }, event({ type: "confirmed", actorMemberId: "ann", fromStatus: "kept", toStatus: "kept" }));
      const elsewhere = (await harness.repo().create(draft(other), event())).commitment;

      expect(await harness.repo().detachMember(a, "ann")).toBe(4);
      expect(await harness.repo().findById(owned.id)).toMatchObject({ ownerMemberId: null, createdById: null, ownerOrganizationId: "org-a" });
      // Issue 11: made to Ann, it reads "former member (org-a)", not "owed to org-a".
      expect((await harness.repo().findById(forAnn.id))?.beneficiary).toEqual({ kind: "member", memberId: null, organizationId: "org-a" });
      expect((await harness.repo().findById(forAnnNoOrg.id))?.beneficiary).toEqual({ kind: "member", memberId: null, organizationId: null });
      const events = await harness.repo().listEvents([owned.id, untouched.id]);
      expect(events.filter((e) => e.actorMemberId === "ann")).toEqual([]);
      expect(events.filter((e) => e.actorMemberId === "bob")).toHaveLength(2);
      expect(await harness.repo().list({ allianceId: a })).toHaveLength(4);
      expect((await harness.repo().findById(elsewhere.id))?.ownerMemberId).toBe("ann");
    });
  });
}

let allianceCounter = 0;
const memory = new InMemoryCommitmentRepository();
contract("in-memory", { repo: () => memory, newAlliance: async () => `alliance-${++allianceCounter}` });

for (const target of storageTargets) {
  let db: Database;
  let repo: CommitmentRepository;
  beforeAll(async () => {
    db = await target.open();
    repo = new PrismaCommitmentRepository(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
  });
  contract(`prisma on ${target.name}`, {
    repo: () => repo,
    newAlliance: async () => (await db.prisma.alliance.create({ data: { name: "Test alliance" } })).id,
  });
}
