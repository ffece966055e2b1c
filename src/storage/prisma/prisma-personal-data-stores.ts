// The polls and pulse parts of "my data" / "forget me" on Prisma (the ports are in
// src/core/alliance/personal-data-sources.ts). Every query is scoped by alliance and member.
import type {
  NamedBallotRecord,
  NamedBallotStore,
  PulseInviteRecord,
  PulseInviteStore,
} from "../../core/alliance/personal-data-sources.js";
import type { PrismaClient } from "../prisma-client.js";

/** Named poll ballots of a member. Anonymous ballots have no memberId and never match. */
export class PrismaNamedBallotStore implements NamedBallotStore {
  constructor(private readonly prisma: PrismaClient) {}

  async namedBallotsOf(allianceId: string, memberId: string): Promise<NamedBallotRecord[]> {
    const rows = await this.prisma.pollBallot.findMany({
      where: { memberId, poll: { allianceId } },
      include: { poll: { select: { question: true, status: true, options: { select: { id: true, label: true } } } } },
      orderBy: [{ castOn: "asc" }, { pollId: "asc" }],
    });
    return rows.map((row) => {
      const labels = new Map(row.poll.options.map((o) => [o.id, o.label]));
      return {
        pollId: row.pollId,
        question: row.poll.question,
        chosen: row.optionIds.map((id) => labels.get(id) ?? id),
        castOn: row.castOn.toISOString().slice(0, 10),
        pollStatus: row.poll.status,
      };
    });
  }

  async unlinkNamedBallotsOf(allianceId: string, memberId: string): Promise<number> {
    // One statement with a fresh random voter key per ballot: the vote keeps counting, the link
    // to the person (member id, and a voter key derived from them) is gone.
    return this.prisma.$executeRaw`
      UPDATE "PollBallot" AS b
         SET "memberId" = NULL, "voterKey" = 'erased:' || gen_random_uuid()::text
        FROM "Poll" AS p
       WHERE b."pollId" = p.id AND p."allianceId" = ${allianceId} AND b."memberId" = ${memberId}`;
  }
}

/** Pulse invitations of a member (who was asked; answers are anonymous and not here). */
export class PrismaPulseInviteStore implements PulseInviteStore {
  constructor(private readonly prisma: PrismaClient) {}

  async invitesOfMember(allianceId: string, memberId: string): Promise<PulseInviteRecord[]> {
    const rows = await this.prisma.pulseInvite.findMany({
      where: { memberId, round: { allianceId } },
      include: { round: { select: { periodKey: true } } },
      orderBy: [{ round: { openedAt: "asc" } }, { id: "asc" }],
    });
    return rows.map((row) => ({
      roundId: row.roundId,
      periodKey: row.round.periodKey,
      sentAt: row.sentAt?.toISOString() ?? null,
      completedAt: row.completedAt?.toISOString() ?? null,
      remindedAt: row.remindedAt?.toISOString() ?? null,
    }));
  }

  async deleteInvitesOfMember(allianceId: string, memberId: string): Promise<number> {
    const { count } = await this.prisma.pulseInvite.deleteMany({ where: { memberId, round: { allianceId } } });
    return count;
  }
}
