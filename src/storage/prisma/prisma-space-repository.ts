// SpaceRepository on Prisma: link codes (hashed), the link audit trail, moving a space with its
// members between alliances in one transaction, and each space's own channels.
import type { SpaceLinkCode as CodeRow, SpaceLinkEvent as EventRow } from "../../../generated/prisma/client.js";
import type { LinkCode, LinkEvent, LinkEventType, NewLinkCode, NewLinkEvent, SpaceChannelKind, SpaceChannels } from "../../core/alliance/space-link.js";
import type { SpaceRepository } from "../../core/alliance/space-repository.js";
import type { Platform } from "../../core/shared/refs.js";
import type { PrismaClient } from "../prisma-client.js";

const toCode = (row: CodeRow): LinkCode => ({
  id: row.id,
  allianceId: row.allianceId,
  workspaceId: row.workspaceId,
  createdByMemberId: row.createdByMemberId,
  codeHash: row.codeHash,
  createdAt: row.createdAt,
  expiresAt: row.expiresAt,
  usedAt: row.usedAt,
  usedByWorkspaceId: row.usedByWorkspaceId,
});

const toEvent = (row: EventRow): LinkEvent => ({
  id: row.id,
  allianceId: row.allianceId,
  workspaceId: row.workspaceId,
  actorMemberId: row.actorMemberId,
  type: row.type as LinkEventType,
  reason: row.reason,
  codeId: row.codeId,
  at: row.at,
});

export class PrismaSpaceRepository implements SpaceRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async saveCode(code: NewLinkCode): Promise<LinkCode> {
    return toCode(await this.prisma.spaceLinkCode.create({ data: code }));
  }

  async findCodeByHash(codeHash: string): Promise<LinkCode | null> {
    const row = await this.prisma.spaceLinkCode.findUnique({ where: { codeHash } });
    return row ? toCode(row) : null;
  }

  async consumeCode(codeId: string, workspaceId: string, at: Date): Promise<boolean> {
    // One conditional UPDATE: of two concurrent confirmations exactly one matches the row.
    const { count } = await this.prisma.spaceLinkCode.updateMany({
      where: { id: codeId, usedAt: null, expiresAt: { gt: at } },
      data: { usedAt: at, usedByWorkspaceId: workspaceId },
    });
    return count === 1;
  }

  async appendEvent(event: NewLinkEvent): Promise<void> {
    await this.prisma.spaceLinkEvent.create({ data: event });
  }

  async listEvents(allianceId: string): Promise<LinkEvent[]> {
    const rows = await this.prisma.spaceLinkEvent.findMany({ where: { allianceId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
    return rows.map(toEvent);
  }

  async hasActivity(allianceId: string): Promise<boolean> {
    const where = { where: { allianceId }, select: { id: true } } as const;
    const found = await Promise.all([
      this.prisma.poll.findFirst(where),
      this.prisma.commitment.findFirst(where),
      this.prisma.cultureAssessment.findFirst(where),
      this.prisma.pulseAnswer.findFirst({ where: { round: { allianceId } }, select: { id: true } }),
    ]);
    return found.some((row) => row !== null);
  }

  async moveSpace(workspaceId: string, toAllianceId: string, organizationMap: Readonly<Record<string, string | null>>): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      await tx.workspace.update({ where: { id: workspaceId }, data: { allianceId: toAllianceId } });
      let moved = 0;
      for (const [from, to] of Object.entries(organizationMap)) {
        moved += (await tx.member.updateMany({ where: { workspaceId, organizationId: from }, data: { allianceId: toAllianceId, organizationId: to } })).count;
      }
      // Everyone else (no organisation, or one the map does not name) moves without one.
      moved += (await tx.member.updateMany({ where: { workspaceId, NOT: { allianceId: toAllianceId } }, data: { allianceId: toAllianceId, organizationId: null } })).count;
      return moved;
    });
  }

  async listSpaces(allianceId: string): Promise<SpaceChannels[]> {
    const rows = await this.prisma.workspace.findMany({ where: { allianceId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    return rows.map((w) => ({
      workspaceId: w.id,
      platform: w.platform as Platform,
      name: w.name,
      steeringConversationId: w.steeringConversationId,
      allianceConversationId: w.allianceConversationId,
    }));
  }

  async setChannel(workspaceId: string, kind: SpaceChannelKind, conversationId: string | null): Promise<void> {
    const data = kind === "steering" ? { steeringConversationId: conversationId } : { allianceConversationId: conversationId };
    await this.prisma.workspace.update({ where: { id: workspaceId }, data });
  }
}
