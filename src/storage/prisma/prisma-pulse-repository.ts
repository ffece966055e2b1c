// PulseRepository on Prisma (PGlite or PostgreSQL): the only place pulse rows ⇄ domain types.
import type { PulseRoundAggregate } from "#core/pulse/pulse-round-aggregates.js";
import { queryPulseRoundAggregates } from "./pulse-round-aggregates-sql.js";
import { randomUUID } from "node:crypto";
import type { PulseRepository } from "#core/pulse/pulse-repository.js";
import type { NewPulseInvite, NewPulseRound, PulseAnswer, PulseInvite, PulseRound } from "#core/pulse/pulse-types.js";
import type { PrismaClient } from "../prisma-client.js";
import { isUniqueViolation, upsertRetryingRace } from "./prisma-errors.js";

type RoundRow = { id: string; allianceId: string; periodKey: string; itemKeys: string[]; openedAt: Date; closesAt: Date };
type InviteRow = PulseInvite;
type AnswerRow = PulseAnswer & { id: string };

const toRound = (row: RoundRow): PulseRound => ({
  id: row.id,
  allianceId: row.allianceId,
  periodKey: row.periodKey,
  itemKeys: [...row.itemKeys],
  openedAt: row.openedAt,
  closesAt: row.closesAt,
});

const toInvite = (row: InviteRow): PulseInvite => ({
  id: row.id,
  roundId: row.roundId,
  memberId: row.memberId,
  organizationId: row.organizationId,
  sentAt: row.sentAt,
  completedAt: row.completedAt,
  remindedAt: row.remindedAt,
});

const toAnswer = (row: AnswerRow): PulseAnswer => ({
  roundId: row.roundId,
  itemKey: row.itemKey,
  respondentKey: row.respondentKey,
  respondentOrganizationId: row.respondentOrganizationId,
  targetOrganizationId: row.targetOrganizationId,
  score: row.score,
  comment: row.comment,
  answeredOn: row.answeredOn,
});

const answerOrder = [
  { roundId: "asc" },
  { itemKey: "asc" },
  { targetOrganizationId: "asc" },
  { respondentKey: "asc" },
] as const;

/** A PulseRepository backed by Prisma. */
export class PrismaPulseRepository implements PulseRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async openRound(round: NewPulseRound): Promise<PulseRound> {
    try {
      return toRound(await this.prisma.pulseRound.create({ data: { ...round, itemKeys: [...round.itemKeys] } }));
    } catch (error) {
      // Another instance opened the same period first: theirs is the round.
      if (!isUniqueViolation(error)) throw error;
      const existing = await this.findRoundByPeriod(round.allianceId, round.periodKey);
      if (!existing) throw error;
      return existing;
    }
  }

  async findRound(roundId: string): Promise<PulseRound | null> {
    const row = await this.prisma.pulseRound.findUnique({ where: { id: roundId } });
    return row ? toRound(row) : null;
  }

  async findRoundByPeriod(allianceId: string, periodKey: string): Promise<PulseRound | null> {
    const row = await this.prisma.pulseRound.findUnique({ where: { allianceId_periodKey: { allianceId, periodKey } } });
    return row ? toRound(row) : null;
  }

  async roundsByPeriods(allianceId: string, periodKeys: readonly string[]): Promise<PulseRound[]> {
    const rows = await this.prisma.pulseRound.findMany({
      where: { allianceId, periodKey: { in: [...periodKeys] } },
      orderBy: { periodKey: "asc" },
    });
    return rows.map(toRound);
  }

  async openRoundsAt(now: Date): Promise<PulseRound[]> {
    const rows = await this.prisma.pulseRound.findMany({
      where: { openedAt: { lte: now }, closesAt: { gt: now } },
      orderBy: [{ openedAt: "asc" }, { id: "asc" }],
    });
    return rows.map(toRound);
  }

  async addInvites(invites: readonly NewPulseInvite[]): Promise<void> {
    if (invites.length === 0) return;
    await this.prisma.pulseInvite.createMany({ data: invites.map((i) => ({ ...i })), skipDuplicates: true });
  }

  async invitesOfRound(roundId: string): Promise<PulseInvite[]> {
    const rows = await this.prisma.pulseInvite.findMany({ where: { roundId }, orderBy: { memberId: "asc" } });
    return rows.map(toInvite);
  }

  async findInvite(roundId: string, memberId: string): Promise<PulseInvite | null> {
    const row = await this.prisma.pulseInvite.findUnique({ where: { roundId_memberId: { roundId, memberId } } });
    return row ? toInvite(row) : null;
  }

  async openInvitesOf(memberId: string, now: Date): Promise<PulseInvite[]> {
    const rows = await this.prisma.pulseInvite.findMany({
      where: { memberId, round: { openedAt: { lte: now }, closesAt: { gt: now } } },
      orderBy: { round: { openedAt: "asc" } },
    });
    return rows.map(toInvite);
  }

  async markInvite(inviteId: string, field: "sentAt" | "completedAt" | "remindedAt", at: Date): Promise<void> {
    // Conditional update: the first write wins, retries and races change nothing.
    await this.prisma.pulseInvite.updateMany({ where: { id: inviteId, [field]: null }, data: { [field]: at } });
  }

  async invitesOfMember(allianceId: string, memberId: string): Promise<Array<PulseInvite & { periodKey: string }>> {
    const rows = await this.prisma.pulseInvite.findMany({
      where: { memberId, round: { allianceId } },
      include: { round: { select: { periodKey: true } } },
      // id breaks ties so a member's export lists rounds opened at the same moment in a stable order.
      orderBy: [{ round: { openedAt: "asc" } }, { id: "asc" }],
    });
    return rows.map(({ round, ...row }) => ({ ...toInvite(row), periodKey: round.periodKey }));
  }

  async deleteInvitesOf(allianceId: string, memberId: string): Promise<number> {
    return (await this.prisma.pulseInvite.deleteMany({ where: { memberId, round: { allianceId } } })).count;
  }

  async mergeRespondent(
    roundId: string,
    into: { memberId: string; respondentKey: string },
    from: { memberId: string; respondentKey: string },
  ): Promise<{ merged: boolean; movedAnswers: number }> {
    // An answer to the same question saved under `into`'s key while this runs makes the re-keying
    // collide with it (unique violation); the transaction rolls back, and the next attempt sees it.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.mergeRespondentOnce(roundId, into, from);
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
      }
    }
  }

  private mergeRespondentOnce(
    roundId: string,
    into: { memberId: string; respondentKey: string },
    from: { memberId: string; respondentKey: string },
  ): Promise<{ merged: boolean; movedAnswers: number }> {
    return this.prisma.$transaction(async (tx) => {
      const [intoInvite, fromInvite] = await Promise.all([
        tx.pulseInvite.findUnique({ where: { roundId_memberId: { roundId, memberId: into.memberId } } }),
        tx.pulseInvite.findUnique({ where: { roundId_memberId: { roundId, memberId: from.memberId } } }),
      ]);
      if (!intoInvite || !fromInvite || intoInvite.id === fromInvite.id) return { merged: false, movedAnswers: 0 };
      // Two merges of one pair run one after the other: both invites locked (in id order, so no
      // deadlock), then the pair read again. Without it, a merge that read `from`'s answers before
      // the other committed and `into`'s after would take a moved answer for a duplicate and
      // delete it.
      await tx.$queryRaw`SELECT id FROM "PulseInvite" WHERE id IN (${intoInvite.id}, ${fromInvite.id}) ORDER BY id FOR UPDATE`;
      if (!(await tx.pulseInvite.findUnique({ where: { id: fromInvite.id }, select: { id: true } }))) return { merged: false, movedAnswers: 0 };
      let movedAnswers = 0;
      if (from.respondentKey !== into.respondentKey) {
        const [fromAnswers, intoAnswers] = await Promise.all([
          tx.pulseAnswer.findMany({ where: { roundId, respondentKey: from.respondentKey }, select: { id: true, itemKey: true, targetOrganizationId: true } }),
          tx.pulseAnswer.findMany({ where: { roundId, respondentKey: into.respondentKey }, select: { itemKey: true, targetOrganizationId: true } }),
        ]);
        const answered = new Set(intoAnswers.map((a) => `${a.itemKey}\u0000${a.targetOrganizationId}`));
        const move = fromAnswers.filter((a) => !answered.has(`${a.itemKey}\u0000${a.targetOrganizationId}`)).map((a) => a.id);
        const drop = fromAnswers.filter((a) => answered.has(`${a.itemKey}\u0000${a.targetOrganizationId}`)).map((a) => a.id);
        if (drop.length > 0) await tx.pulseAnswer.deleteMany({ where: { id: { in: drop }, respondentKey: from.respondentKey } });
        if (move.length > 0) {
          movedAnswers = (
            await tx.pulseAnswer.updateMany({
              where: { id: { in: move }, respondentKey: from.respondentKey },
              data: { respondentKey: into.respondentKey, respondentOrganizationId: intoInvite.organizationId },
            })
          ).count;
        }
      }
      // Field by field and only where still empty: first write wins, as in markInvite.
      for (const field of ["sentAt", "completedAt", "remindedAt"] as const) {
        const at = fromInvite[field];
        if (at !== null) await tx.pulseInvite.updateMany({ where: { id: intoInvite.id, [field]: null }, data: { [field]: at } });
      }
      // deleteMany, not delete: a concurrent merge of the same pair may have deleted it already;
      // then that one reports the merge (what this one re-applied was the same).
      const deleted = await tx.pulseInvite.deleteMany({ where: { id: fromInvite.id } });
      return deleted.count > 0 ? { merged: true, movedAnswers } : { merged: false, movedAnswers: 0 };
    });
  }

  async saveAnswer(answer: PulseAnswer): Promise<void> {
    const where = {
      roundId_itemKey_respondentKey_targetOrganizationId: {
        roundId: answer.roundId,
        itemKey: answer.itemKey,
        respondentKey: answer.respondentKey,
        targetOrganizationId: answer.targetOrganizationId,
      },
    };
    const values = {
      respondentOrganizationId: answer.respondentOrganizationId,
      score: answer.score,
      comment: answer.comment,
      answeredOn: answer.answeredOn,
    };
    // A random id, not the default cuid: a cuid embeds its creation time, which would date the answer.
    const upsert = () =>
      this.prisma.pulseAnswer.upsert({
        where,
        create: { id: randomUUID(), ...answer },
        update: values,
      });
    await upsertRetryingRace(upsert);
  }

  async answersOf(roundId: string, respondentKey: string): Promise<PulseAnswer[]> {
    const rows = await this.prisma.pulseAnswer.findMany({ where: { roundId, respondentKey }, orderBy: [...answerOrder] });
    return rows.map(toAnswer);
  }

  async answersOfRounds(roundIds: readonly string[]): Promise<PulseAnswer[]> {
    const rows = await this.prisma.pulseAnswer.findMany({
      where: { roundId: { in: [...roundIds] } },
      orderBy: [...answerOrder],
    });
    return rows.map(toAnswer);
  }

  async roundAggregates(allianceId: string, periodKeys: readonly string[]): Promise<PulseRoundAggregate[]> {
    return queryPulseRoundAggregates(this.prisma, await this.roundsByPeriods(allianceId, periodKeys));
  }
}
