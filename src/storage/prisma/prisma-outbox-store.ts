// OutboxStore on Prisma (PGlite and PostgreSQL). Enqueue is INSERT … ON CONFLICT DO NOTHING on
// the dedupeKey. Leasing is a compare-and-set per candidate (updateMany on the row's status,
// lease and attempts as read), so concurrent dispatchers never both win a message, without
// row locks or raw SQL; the lease end is the fencing token every later write must match.
import type { Prisma } from "#generated/prisma/client.js";
import type { Platform } from "#core/shared/refs.js";
import type {
  JsonObject,
  LeasedMessage,
  NewOutboxMessage,
  OutboxMessage,
  OutboxOperation,
  OutboxStatus,
} from "#scheduling/outbox/outbox-message.js";
import type { OutboxStore } from "#scheduling/outbox/outbox-store.js";
import type { PrismaClient } from "../prisma-client.js";

type Row = Prisma.OutboxMessageGetPayload<object>;
const MAX_ERROR_LENGTH = 2000;

function toMessage(row: Row): OutboxMessage {
  return {
    id: row.id,
    dedupeKey: row.dedupeKey,
    platform: row.platform as Platform,
    workspaceId: row.workspaceId,
    conversationId: row.conversationId,
    operation: row.operation as OutboxOperation,
    payload: row.payload as JsonObject,
    status: row.status as OutboxStatus,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lockedUntil: row.lockedUntil,
    lastError: row.lastError,
    resultRef: row.resultRef,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
  };
}

/** The fencing condition: the message is still in the lease we were given. */
const held = (lease: LeasedMessage) => ({ id: lease.id, status: "sending", lockedUntil: lease.lockedUntil });

/** The outbox in the OutboxMessage table. */
export class PrismaOutboxStore implements OutboxStore {
  constructor(private readonly prisma: PrismaClient) {}

  async enqueue(message: NewOutboxMessage, now: Date): Promise<{ message: OutboxMessage; created: boolean }> {
    const inserted = await this.prisma.outboxMessage.createMany({
      data: [
        {
          dedupeKey: message.dedupeKey,
          platform: message.platform,
          workspaceId: message.workspaceId,
          conversationId: message.conversationId,
          operation: message.operation,
          payload: message.payload as Prisma.InputJsonObject,
          nextAttemptAt: message.notBefore ?? now,
          createdAt: now,
        },
      ],
      skipDuplicates: true,
    });
    const row = await this.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: message.dedupeKey } });
    return { message: toMessage(row), created: inserted.count === 1 };
  }

  async lease(now: Date, limit: number, leaseMs: number): Promise<LeasedMessage[]> {
    // Read a few more than needed: under contention some compare-and-sets lose.
    const candidates = await this.prisma.outboxMessage.findMany({
      where: {
        OR: [
          { status: "pending", nextAttemptAt: { lte: now } },
          { status: "sending", lockedUntil: { lt: now } },
        ],
      },
      orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }],
      take: limit * 2,
    });
    const lockedUntil = new Date(now.getTime() + leaseMs);
    const leased: LeasedMessage[] = [];
    for (const row of candidates) {
      if (leased.length >= limit) break;
      const won = await this.prisma.outboxMessage.updateMany({
        where: { id: row.id, status: row.status, attempts: row.attempts, lockedUntil: row.lockedUntil },
        data: { status: "sending", lockedUntil, attempts: row.attempts + 1 },
      });
      if (won.count === 1) {
        leased.push({
          ...toMessage(row),
          status: "sending",
          lockedUntil,
          attempts: row.attempts + 1,
          uncertain: row.status === "sending",
        });
      }
    }
    return leased;
  }

  async markSent(lease: LeasedMessage, now: Date, resultRef: string): Promise<boolean> {
    const updated = await this.prisma.outboxMessage.updateMany({
      where: held(lease),
      data: { status: "sent", sentAt: now, resultRef, lockedUntil: null, lastError: null },
    });
    return updated.count === 1;
  }

  async markRetry(lease: LeasedMessage, nextAttemptAt: Date, error: string): Promise<boolean> {
    const updated = await this.prisma.outboxMessage.updateMany({
      where: held(lease),
      data: { status: "pending", nextAttemptAt, lockedUntil: null, lastError: error.slice(0, MAX_ERROR_LENGTH) },
    });
    return updated.count === 1;
  }

  async markDead(lease: LeasedMessage, now: Date, error: string): Promise<boolean> {
    const updated = await this.prisma.outboxMessage.updateMany({
      where: held(lease),
      data: { status: "dead", nextAttemptAt: now, lockedUntil: null, lastError: error.slice(0, MAX_ERROR_LENGTH) },
    });
    return updated.count === 1;
  }

  async findByDedupeKey(dedupeKey: string): Promise<OutboxMessage | null> {
    const row = await this.prisma.outboxMessage.findUnique({ where: { dedupeKey } });
    return row ? toMessage(row) : null;
  }
}
