// CommitmentRepository on Prisma (PGlite or PostgreSQL): the only place commitment rows ⇄ domain
// types. Per-alliance numbers come from MAX(number)+1 guarded by the (allianceId, number) unique
// key, retried when a concurrent create took the number; changes are guarded by `version`.
import type { Beneficiary, Commitment, CommitmentEvent } from "#core/commitments/commitment.js";
import {
  commitmentEventTypeSchema,
  commitmentStatusSchema,
  confirmationStateSchema,
} from "#core/commitments/commitment.js";
import type {
  CommitmentPatch,
  CommitmentQuery,
  CommitmentRepository,
  CommitmentWriteResult,
  NewCommitment,
  NewCommitmentEvent,
} from "#core/commitments/commitment-repository.js";
import { DomainError, isDomainError } from "#core/shared/errors.js";
import type { PrismaClient } from "../prisma-client.js";
import { isUniqueViolation } from "./prisma-errors.js";
import type { CommitmentPeriodAggregates, CommitmentPeriodQuery } from "#core/commitments/commitment-period-counts.js";
import { queryCommitmentPeriodAggregates } from "./commitment-period-aggregates-sql.js";

// How often a create retries after losing the race for a number; each round at least one wins.
const MAX_CREATE_ATTEMPTS = 50;

// Every read carries the renegotiation count, derived from the (append-only) event log.
const withCounts = { _count: { select: { events: { where: { type: "renegotiated" } } } } } as const;

interface CommitmentRow {
  id: string;
  allianceId: string;
  number: number;
  text: string;
  ownerMemberId: string | null;
  ownerOrganizationId: string | null;
  beneficiaryOrganizationId: string | null;
  beneficiaryMemberId: string | null;
  beneficiaryForgotten: boolean;
  dueAt: Date | null;
  definitionOfDone: string | null;
  status: string;
  confirmation: string;
  createdById: string | null;
  createdAt: Date;
  resolvedAt: Date | null;
  version: number;
  _count: { events: number };
}

interface EventRow extends Omit<CommitmentEvent, "type" | "fromStatus" | "toStatus"> {
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
}

function toBeneficiary(row: CommitmentRow): Beneficiary {
  // A forgotten beneficiary stays a person ("former member") of their organisation.
  if (row.beneficiaryForgotten) return { kind: "member", memberId: null, organizationId: row.beneficiaryOrganizationId };
  if (row.beneficiaryMemberId !== null) {
    return { kind: "member", memberId: row.beneficiaryMemberId, organizationId: row.beneficiaryOrganizationId };
  }
  if (row.beneficiaryOrganizationId !== null) return { kind: "organization", organizationId: row.beneficiaryOrganizationId };
  return { kind: "member", memberId: null, organizationId: null }; // a forgotten member of unknown organisation
}

function toCommitment(row: CommitmentRow): Commitment {
  if (row.ownerOrganizationId === null) throw new Error(`commitment ${row.id} has no owning organisation`);
  return {
    id: row.id,
    allianceId: row.allianceId,
    number: row.number,
    text: row.text,
    ownerMemberId: row.ownerMemberId,
    ownerOrganizationId: row.ownerOrganizationId,
    beneficiary: toBeneficiary(row),
    dueAt: row.dueAt,
    definitionOfDone: row.definitionOfDone,
    status: commitmentStatusSchema.parse(row.status),
    confirmation: confirmationStateSchema.parse(row.confirmation),
    createdById: row.createdById,
    createdAt: row.createdAt,
    resolvedAt: row.resolvedAt,
    renegotiations: row._count.events,
    version: row.version,
  };
}

function toEvent(row: EventRow): CommitmentEvent {
  return {
    ...row,
    type: commitmentEventTypeSchema.parse(row.type),
    fromStatus: row.fromStatus === null ? null : commitmentStatusSchema.parse(row.fromStatus),
    toStatus: row.toStatus === null ? null : commitmentStatusSchema.parse(row.toStatus),
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A CommitmentRepository backed by Prisma. */
export class PrismaCommitmentRepository implements CommitmentRepository {
  constructor(private readonly prisma: PrismaClient) {}

  private async replay(key: string | null): Promise<CommitmentWriteResult | null> {
    const prior = key === null ? null : await this.findByIdempotencyKey(key);
    return prior ? { commitment: prior, replayed: true } : null;
  }

  async create(input: NewCommitment, event: NewCommitmentEvent): Promise<CommitmentWriteResult> {
    for (let attempt = 1; ; attempt++) {
      const replayed = await this.replay(event.idempotencyKey);
      if (replayed) return replayed;
      const max = await this.prisma.commitment.aggregate({ where: { allianceId: input.allianceId }, _max: { number: true } });
      try {
        const row = await this.prisma.commitment.create({
          data: {
            allianceId: input.allianceId,
            number: (max._max.number ?? 0) + 1,
            text: input.text,
            ownerMemberId: input.ownerMemberId,
            ownerOrganizationId: input.ownerOrganizationId,
            beneficiaryOrganizationId: input.beneficiary.organizationId,
            beneficiaryMemberId: input.beneficiary.kind === "member" ? input.beneficiary.memberId : null,
            dueAt: input.dueAt,
            definitionOfDone: input.definitionOfDone,
            createdById: input.createdById,
            createdAt: input.createdAt,
            events: { create: { ...event, sequence: 0 } },
          },
          include: withCounts,
        });
        return { commitment: toCommitment(row), replayed: false };
      } catch (error) {
        // Either the number was taken by a concurrent create (try the next one) or the same
        // idempotency key won elsewhere (the replay check at the top of the loop answers).
        if (!isUniqueViolation(error) || attempt >= MAX_CREATE_ATTEMPTS) throw error;
        await pause(Math.random() * Math.min(50, 2 * attempt));
      }
    }
  }

  async applyChange(
    commitmentId: string,
    expectedVersion: number,
    patch: CommitmentPatch,
    event: NewCommitmentEvent,
  ): Promise<CommitmentWriteResult> {
    const replayed = await this.replay(event.idempotencyKey);
    if (replayed) return replayed;
    try {
      const row = await this.prisma.$transaction(async (tx) => {
        const updated = await tx.commitment.updateMany({
          where: { id: commitmentId, version: expectedVersion },
          data: { ...patch, version: { increment: 1 } },
        });
        if (updated.count === 0) {
          const exists = await tx.commitment.count({ where: { id: commitmentId } });
          if (exists === 0) throw new DomainError("NOT_FOUND", `commitment ${commitmentId}`);
          throw new DomainError("CONFLICT", `commitment ${commitmentId} is no longer at version ${expectedVersion}`);
        }
        await tx.commitmentEvent.create({ data: { ...event, commitmentId, sequence: expectedVersion + 1 } });
        return tx.commitment.findUniqueOrThrow({ where: { id: commitmentId }, include: withCounts });
      });
      return { commitment: toCommitment(row), replayed: false };
    } catch (error) {
      // A concurrent request with the same key got there first: that is a replay, not a conflict.
      if (isUniqueViolation(error) || isDomainError(error, "CONFLICT")) {
        const again = await this.replay(event.idempotencyKey);
        if (again) return again;
      }
      if (isUniqueViolation(error)) throw new DomainError("CONFLICT", `commitment ${commitmentId} changed concurrently`);
      throw error;
    }
  }

  async findById(commitmentId: string): Promise<Commitment | null> {
    const row = await this.prisma.commitment.findUnique({ where: { id: commitmentId }, include: withCounts });
    return row ? toCommitment(row) : null;
  }

  async findByNumber(allianceId: string, number: number): Promise<Commitment | null> {
    const row = await this.prisma.commitment.findUnique({
      where: { allianceId_number: { allianceId, number } },
      include: withCounts,
    });
    return row ? toCommitment(row) : null;
  }

  async findByIdempotencyKey(idempotencyKey: string): Promise<Commitment | null> {
    const event = await this.prisma.commitmentEvent.findUnique({
      where: { idempotencyKey },
      select: { commitment: { include: withCounts } },
    });
    return event ? toCommitment(event.commitment) : null;
  }

  async list(query: CommitmentQuery): Promise<Commitment[]> {
    const beneficiary = [
      ...(query.beneficiaryOrganizationId !== undefined ? [{ beneficiaryOrganizationId: query.beneficiaryOrganizationId }] : []),
      ...(query.beneficiaryMemberId !== undefined ? [{ beneficiaryMemberId: query.beneficiaryMemberId }] : []),
    ];
    const rows = await this.prisma.commitment.findMany({
      where: {
        allianceId: query.allianceId,
        ...(query.statuses ? { status: { in: [...query.statuses] } } : {}),
        ...(query.ownerMemberId !== undefined ? { ownerMemberId: query.ownerMemberId } : {}),
        ...(query.ownerOrganizationId !== undefined ? { ownerOrganizationId: query.ownerOrganizationId } : {}),
        ...(query.confirmation !== undefined ? { confirmation: query.confirmation } : {}),
        ...(query.dueBefore || query.dueFrom
          ? { dueAt: { ...(query.dueBefore ? { lt: query.dueBefore } : {}), ...(query.dueFrom ? { gte: query.dueFrom } : {}) } }
          : {}),
        ...(query.createdBefore ? { createdAt: { lt: query.createdBefore } } : {}),
        AND: [
          ...(beneficiary.length > 0 ? [{ OR: beneficiary }] : []),
          ...(query.unresolvedOrResolvedFrom
            ? [{ OR: [{ resolvedAt: null }, { resolvedAt: { gte: query.unresolvedOrResolvedFrom } }] }]
            : []),
        ],
      },
      orderBy: [{ dueAt: { sort: "asc", nulls: "last" } }, { number: "asc" }],
      take: query.limit ?? 200,
      include: withCounts,
    });
    return rows.map(toCommitment);
  }

  periodAggregates(query: CommitmentPeriodQuery): Promise<CommitmentPeriodAggregates> {
    return queryCommitmentPeriodAggregates(this.prisma, query, async (ids) => {
      const commitments = (await Promise.all(ids.map((id) => this.findById(id)))).filter((c): c is Commitment => c !== null);
      return { commitments, events: await this.listEvents(ids) };
    });
  }

  async listEvents(commitmentIds: readonly string[]): Promise<CommitmentEvent[]> {
    if (commitmentIds.length === 0) return [];
    const rows = await this.prisma.commitmentEvent.findMany({
      where: { commitmentId: { in: [...commitmentIds] } },
      orderBy: [{ commitmentId: "asc" }, { sequence: "asc" }],
    });
    return rows.map(toEvent);
  }

  async detachMember(allianceId: string, memberId: string): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      const touched = await tx.commitment.findMany({
        where: {
          allianceId,
          OR: [
            { ownerMemberId: memberId },
            { createdById: memberId },
            { beneficiaryMemberId: memberId },
            { events: { some: { actorMemberId: memberId } } },
          ],
        },
        select: { id: true },
      });
      await tx.commitment.updateMany({ where: { allianceId, ownerMemberId: memberId }, data: { ownerMemberId: null } });
      await tx.commitment.updateMany({ where: { allianceId, createdById: memberId }, data: { createdById: null } });
      // The beneficiary organisation stays; the agreement reads as made to a "former member" of it.
      await tx.commitment.updateMany({ where: { allianceId, beneficiaryMemberId: memberId }, data: { beneficiaryMemberId: null, beneficiaryForgotten: true } });
      // The one update the append-only log allows: erasing who acted.
      await tx.commitmentEvent.updateMany({
        where: { actorMemberId: memberId, commitment: { allianceId } },
        data: { actorMemberId: null },
      });
      return touched.length;
    });
  }
}
