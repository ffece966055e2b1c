// In-memory CommitmentRepository for unit tests and the contract suite's reference run. It keeps
// the same guarantees as the Prisma one: unique per-alliance numbers, unique idempotency keys,
// optimistic versions and an append-only event list.
import type { Commitment, CommitmentEvent } from "#core/commitments/commitment.js";
import type { CommitmentPatch, CommitmentQuery, CommitmentRepository, CommitmentWriteResult, NewCommitment, NewCommitmentEvent } from "#core/commitments/commitment-repository.js";
import { aggregateCommitmentPeriods, type CommitmentPeriodAggregates, type CommitmentPeriodQuery } from "#core/commitments/commitment-period-counts.js";
import { DomainError } from "#core/shared/errors.js";
import { clonePlain } from "./clone-plain.js";

function copy(commitment: Commitment): Commitment {
  return clonePlain(commitment);
}

function matches(c: Commitment, q: CommitmentQuery): boolean {
  if (c.allianceId !== q.allianceId) return false;
  if (q.statuses && !q.statuses.includes(c.status)) return false;
  if (q.ownerMemberId !== undefined && c.ownerMemberId !== q.ownerMemberId) return false;
  if (q.ownerOrganizationId !== undefined && c.ownerOrganizationId !== q.ownerOrganizationId) return false;
  if (q.beneficiaryOrganizationId !== undefined || q.beneficiaryMemberId !== undefined) {
    const byOrg = q.beneficiaryOrganizationId !== undefined && c.beneficiary.organizationId === q.beneficiaryOrganizationId;
    const byMember =
      q.beneficiaryMemberId !== undefined && c.beneficiary.kind === "member" && c.beneficiary.memberId === q.beneficiaryMemberId;
    if (!byOrg && !byMember) return false;
  }
  if (q.confirmation !== undefined && c.confirmation !== q.confirmation) return false;
  if (q.dueBefore && (c.dueAt === null || c.dueAt >= q.dueBefore)) return false;
  if (q.dueFrom && (c.dueAt === null || c.dueAt < q.dueFrom)) return false;
  if (q.createdBefore && c.createdAt >= q.createdBefore) return false;
  if (q.unresolvedOrResolvedFrom && c.resolvedAt !== null && c.resolvedAt < q.unresolvedOrResolvedFrom) return false;
  return true;
}

/** Orders by due date (no date last), then number — the same order as the Prisma repository. */
export function compareCommitments(a: Commitment, b: Commitment): number {
  const da = a.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const db = b.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return da !== db ? da - db : a.number - b.number;
}

/** A CommitmentRepository in a Map, for tests. */
export class InMemoryCommitmentRepository implements CommitmentRepository {
  private readonly commitments = new Map<string, Commitment>();
  private readonly events = new Map<string, CommitmentEvent[]>();
  private readonly keys = new Map<string, string>(); // idempotency key → commitment id
  private nextId = 1;

  private id(prefix: string): string {
    return `${prefix}_${String(this.nextId++).padStart(6, "0")}`;
  }

  private append(commitmentId: string, sequence: number, event: NewCommitmentEvent): void {
    const list = this.events.get(commitmentId) ?? [];
    list.push({ ...clonePlain(event), id: this.id("evt"), commitmentId, sequence });
    this.events.set(commitmentId, list);
    if (event.idempotencyKey !== null) this.keys.set(event.idempotencyKey, commitmentId);
  }

  private replay(key: string | null): CommitmentWriteResult | null {
    const existing = key === null ? undefined : this.keys.get(key);
    const commitment = existing === undefined ? undefined : this.commitments.get(existing);
    return commitment ? { commitment: copy(commitment), replayed: true } : null;
  }

  async create(input: NewCommitment, event: NewCommitmentEvent): Promise<CommitmentWriteResult> {
    const replayed = this.replay(event.idempotencyKey);
    if (replayed) return replayed;
    let number = 0;
    for (const c of this.commitments.values()) if (c.allianceId === input.allianceId) number = Math.max(number, c.number);
    const commitment: Commitment = {
      ...clonePlain(input),
      id: this.id("cmt"),
      number: number + 1,
      status: "open",
      confirmation: "none",
      resolvedAt: null,
      renegotiations: 0,
      version: 0,
    };
    this.commitments.set(commitment.id, commitment);
    this.append(commitment.id, 0, event);
    return { commitment: copy(commitment), replayed: false };
  }

  async applyChange(commitmentId: string, expectedVersion: number, patch: CommitmentPatch, event: NewCommitmentEvent): Promise<CommitmentWriteResult> {
    const replayed = this.replay(event.idempotencyKey);
    if (replayed) return replayed;
    const current = this.commitments.get(commitmentId);
    if (!current) throw new DomainError("NOT_FOUND", `commitment ${commitmentId}`);
    if (current.version !== expectedVersion) {
      throw new DomainError("CONFLICT", `commitment ${commitmentId} is at version ${current.version}, not ${expectedVersion}`);
    }
    const next: Commitment = {
      ...current,
      ...clonePlain(patch),
      renegotiations: current.renegotiations + (event.type === "renegotiated" ? 1 : 0),
      version: current.version + 1,
    };
    this.commitments.set(commitmentId, next);
    this.append(commitmentId, next.version, event);
    return { commitment: copy(next), replayed: false };
  }

  async findById(commitmentId: string): Promise<Commitment | null> {
    const found = this.commitments.get(commitmentId);
    return found ? copy(found) : null;
  }

  async findByNumber(allianceId: string, number: number): Promise<Commitment | null> {
    for (const c of this.commitments.values()) if (c.allianceId === allianceId && c.number === number) return copy(c);
    return null;
  }

  async findByIdempotencyKey(idempotencyKey: string): Promise<Commitment | null> {
    return this.replay(idempotencyKey)?.commitment ?? null;
  }

  async list(query: CommitmentQuery): Promise<Commitment[]> {
    return [...this.commitments.values()]
      .filter((c) => matches(c, query))
      .sort(compareCommitments)
      .slice(0, query.limit ?? 200)
      .map(copy);
  }

  async listEvents(commitmentIds: readonly string[]): Promise<CommitmentEvent[]> {
    return commitmentIds.flatMap((id) => clonePlain(this.events.get(id) ?? []));
  }

  async periodAggregates(query: CommitmentPeriodQuery): Promise<CommitmentPeriodAggregates> {
    const commitments = [...this.commitments.values()].filter((c) => c.allianceId === query.allianceId);
    const events = commitments.flatMap((c) => this.events.get(c.id) ?? []);
    return clonePlain(aggregateCommitmentPeriods(query, commitments, events));
  }

  async detachMember(allianceId: string, memberId: string): Promise<number> {
    let touched = 0;
    for (const c of this.commitments.values()) {
      if (c.allianceId !== allianceId) continue;
      let changed = false;
      if (c.ownerMemberId === memberId) [c.ownerMemberId, changed] = [null, true];
      if (c.createdById === memberId) [c.createdById, changed] = [null, true];
      if (c.beneficiary.kind === "member" && c.beneficiary.memberId === memberId) {
        // A forgotten beneficiary stays a person ("former member") of their organisation.
        c.beneficiary = { kind: "member", memberId: null, organizationId: c.beneficiary.organizationId };
        changed = true;
      }
      for (const e of this.events.get(c.id) ?? []) {
        if (e.actorMemberId === memberId) [e.actorMemberId, changed] = [null, true];
      }
      if (changed) touched++;
    }
    return touched;
  }
}
