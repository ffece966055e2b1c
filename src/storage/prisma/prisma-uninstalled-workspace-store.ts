// The retention's storage (core/alliance/uninstall-retention.ts) on Prisma: the uninstall mark on
// Workspace, and the deletions that finish a workspace's erasure.
import type { DueWorkspace, UninstalledWorkspaceStore } from "#core/alliance/uninstall-retention.js";
import type { Platform } from "#core/shared/refs.js";
import type { PrismaClient } from "../prisma-client.js";

export class PrismaUninstalledWorkspaceStore implements UninstalledWorkspaceStore {
  constructor(private readonly prisma: PrismaClient) {}

  async markUninstalled(platform: Platform, externalId: string, at: Date): Promise<boolean> {
    const where = { platform, externalId };
    // The first uninstall counts: a redelivered event must not push the deadline back.
    await this.prisma.workspace.updateMany({ where: { ...where, uninstalledAt: null }, data: { uninstalledAt: at } });
    return (await this.prisma.workspace.count({ where })) > 0;
  }

  async clearUninstalled(platform: Platform, externalId: string): Promise<void> {
    // Only a marked row is written: Teams calls this on tenant activity, where it usually finds none.
    await this.prisma.workspace.updateMany({
      where: { platform, externalId, OR: [{ uninstalledAt: { not: null } }, { personalDataErasedAt: { not: null } }] },
      data: { uninstalledAt: null, personalDataErasedAt: null },
    });
  }

  async listDue(cutoff: Date): Promise<DueWorkspace[]> {
    return this.prisma.workspace.findMany({
      where: { uninstalledAt: { lte: cutoff }, personalDataErasedAt: null },
      select: { id: true, allianceId: true },
      orderBy: [{ uninstalledAt: "asc" }, { id: "asc" }],
    });
  }

  async memberIds(workspaceId: string): Promise<string[]> {
    const rows = await this.prisma.member.findMany({ where: { workspaceId }, select: { id: true }, orderBy: { id: "asc" } });
    return rows.map((row) => row.id);
  }

  async finishErasure(workspaceId: string, at: Date): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.conversationRef.deleteMany({ where: { workspaceId } }),
      this.prisma.outboxMessage.deleteMany({ where: { workspaceId } }),
      this.prisma.installation.deleteMany({ where: { workspaceId } }),
      this.prisma.workspace.update({ where: { id: workspaceId }, data: { name: null, personalDataErasedAt: at } }),
    ]);
  }

  async deleteAllianceIfAllErased(allianceId: string): Promise<boolean> {
    // One statement, so a workspace joining the alliance meanwhile keeps it alive.
    const deleted = await this.prisma.$executeRaw`
      DELETE FROM "Alliance" a
      WHERE a.id = ${allianceId}
        AND NOT EXISTS (SELECT 1 FROM "Workspace" w WHERE w."allianceId" = a.id AND w."personalDataErasedAt" IS NULL)`;
    return deleted > 0;
  }
}
