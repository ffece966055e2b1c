// Workspace and conversation storage on Prisma: the only place Workspace/ConversationRef rows ⇄
// domain types are mapped.
import type { ConversationRef as ConversationRow, Workspace as WorkspaceRow } from "#generated/prisma/client.js";
import type { ConversationInput, ConversationKind, ConversationRef, Workspace } from "#core/alliance/workspace.js";
import type { ConversationRepository, WorkspaceRepository } from "#core/alliance/workspace-repository.js";
import type { Platform } from "#core/shared/refs.js";
import type { PrismaClient } from "../prisma-client.js";
import { upsertRetryingRace } from "./prisma-errors.js";

const toWorkspace = (row: WorkspaceRow): Workspace => ({
  id: row.id,
  platform: row.platform as Platform,
  externalId: row.externalId,
  name: row.name,
  allianceId: row.allianceId,
});

const toConversation = (row: ConversationRow): ConversationRef => ({
  id: row.id,
  workspaceId: row.workspaceId,
  conversationId: row.conversationId,
  kind: row.kind as ConversationKind,
  serviceUrl: row.serviceUrl,
  tenantId: row.tenantId,
  memberId: row.memberId,
  updatedAt: row.updatedAt,
});

/** Workspaces in PostgreSQL / PGlite. */
export class PrismaWorkspaceRepository implements WorkspaceRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async ensure(platform: Platform, externalId: string, name: string | null): Promise<Workspace> {
    const where = { platform_externalId: { platform, externalId } };
    // Every request of every user comes through here: read first, so the usual case is one
    // SELECT and no write. Only an unseen workspace takes the insert: ON CONFLICT DO NOTHING,
    // then read, so concurrent first contacts end with one row, no errors.
    let row = await this.prisma.workspace.findUnique({ where });
    if (!row) {
      await this.prisma.workspace.createMany({ data: [{ platform, externalId, name }], skipDuplicates: true });
      row = await this.prisma.workspace.findUniqueOrThrow({ where });
    }
    if (name !== null && row.name !== name) row = await this.prisma.workspace.update({ where, data: { name } });
    return toWorkspace(row);
  }

  async find(platform: Platform, externalId: string): Promise<Workspace | null> {
    const row = await this.prisma.workspace.findUnique({ where: { platform_externalId: { platform, externalId } } });
    return row ? toWorkspace(row) : null;
  }

  async get(id: string): Promise<Workspace | null> {
    const row = await this.prisma.workspace.findUnique({ where: { id } });
    return row ? toWorkspace(row) : null;
  }

  async bindAllianceIfUnbound(workspaceId: string, allianceId: string): Promise<boolean> {
    const { count } = await this.prisma.workspace.updateMany({ where: { id: workspaceId, allianceId: null }, data: { allianceId } });
    return count === 1;
  }

  async listForAlliance(allianceId: string): Promise<Workspace[]> {
    const rows = await this.prisma.workspace.findMany({ where: { allianceId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    return rows.map(toWorkspace);
  }
}

/** Conversations in PostgreSQL / PGlite. */
export class PrismaConversationRepository implements ConversationRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async saveConversation(input: ConversationInput): Promise<ConversationRef> {
    const where = { workspaceId_conversationId: { workspaceId: input.workspaceId, conversationId: input.conversationId } };
    const data = { kind: input.kind, serviceUrl: input.serviceUrl, tenantId: input.tenantId, memberId: input.memberId };
    const upsert = () => this.prisma.conversationRef.upsert({ where, create: { ...input }, update: data });
    return toConversation(await upsertRetryingRace(upsert));
  }

  async findConversation(workspaceId: string, conversationId: string): Promise<ConversationRef | null> {
    const row = await this.prisma.conversationRef.findUnique({ where: { workspaceId_conversationId: { workspaceId, conversationId } } });
    return row ? toConversation(row) : null;
  }

  async findPersonalConversation(memberId: string): Promise<ConversationRef | null> {
    const row = await this.prisma.conversationRef.findFirst({
      where: { memberId, kind: "personal" },
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    });
    return row ? toConversation(row) : null;
  }

  async lastServiceUrl(workspaceId: string): Promise<string | null> {
    // Every incoming Teams activity saves its conversation (updatedAt), so the newest row with a
    // serviceUrl holds the one Teams used last for this tenant.
    const row = await this.prisma.conversationRef.findFirst({
      where: { workspaceId, serviceUrl: { not: null } },
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      select: { serviceUrl: true },
    });
    return row?.serviceUrl ?? null;
  }

  async deletePersonalConversations(memberId: string): Promise<number> {
    const { count } = await this.prisma.conversationRef.deleteMany({ where: { memberId } });
    return count;
  }
}
