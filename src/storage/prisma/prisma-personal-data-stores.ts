// The pulse part of "my data" / "forget me" on Prisma (the port is in
// src/core/alliance/personal-data-sources.ts). Every query is scoped by alliance and member.
import type { PulseInviteRecord, PulseInviteStore } from "../../core/alliance/personal-data-sources.js";
import type { PrismaClient } from "../prisma-client.js";

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
