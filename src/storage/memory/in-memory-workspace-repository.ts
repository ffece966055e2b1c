// In-memory workspace and conversation storage for unit tests and the contract suite.
import { randomUUID } from "node:crypto";
import type { ConversationInput, ConversationRef, Workspace } from "#core/alliance/workspace.js";
import type { ConversationRepository, WorkspaceRepository } from "#core/alliance/workspace-repository.js";
import type { Platform } from "#core/shared/refs.js";

/** Workspaces in memory. */
export class InMemoryWorkspaceRepository implements WorkspaceRepository {
  private readonly workspaces = new Map<string, Workspace>();

  async ensure(platform: Platform, externalId: string, name: string | null): Promise<Workspace> {
    const existing = [...this.workspaces.values()].find((w) => w.platform === platform && w.externalId === externalId);
    if (existing) {
      if (name !== null && name !== existing.name) existing.name = name;
      return { ...existing };
    }
    const workspace: Workspace = { id: randomUUID(), platform, externalId, name, allianceId: null };
    this.workspaces.set(workspace.id, workspace);
    return { ...workspace };
  }

  async find(platform: Platform, externalId: string): Promise<Workspace | null> {
    const found = [...this.workspaces.values()].find((w) => w.platform === platform && w.externalId === externalId);
    return found ? { ...found } : null;
  }

  async get(id: string): Promise<Workspace | null> {
    const found = this.workspaces.get(id);
    return found ? { ...found } : null;
  }

  async bindAllianceIfUnbound(workspaceId: string, allianceId: string): Promise<boolean> {
    const workspace = this.workspaces.get(workspaceId);
    if (!workspace || workspace.allianceId !== null) return false;
    workspace.allianceId = allianceId;
    return true;
  }

  async listForAlliance(allianceId: string): Promise<Workspace[]> {
    return [...this.workspaces.values()].filter((w) => w.allianceId === allianceId).map((w) => ({ ...w }));
  }

  /** For the in-memory SpaceRepository: moves the space to another alliance. */
  moveToAlliance(workspaceId: string, allianceId: string): void {
    const workspace = this.workspaces.get(workspaceId);
    if (workspace) workspace.allianceId = allianceId;
  }
}

/** Conversations in memory. */
export class InMemoryConversationRepository implements ConversationRepository {
  private readonly conversations = new Map<string, ConversationRef>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  async saveConversation(input: ConversationInput): Promise<ConversationRef> {
    const key = `${input.workspaceId}\u0000${input.conversationId}`;
    const existing = this.conversations.get(key);
    const ref: ConversationRef = { ...input, id: existing?.id ?? randomUUID(), updatedAt: this.now() };
    // Deleted and set again so the Map's order is the order of the last saves (lastServiceUrl).
    this.conversations.delete(key);
    this.conversations.set(key, ref);
    return { ...ref };
  }

  async findConversation(workspaceId: string, conversationId: string): Promise<ConversationRef | null> {
    const ref = this.conversations.get(`${workspaceId}\u0000${conversationId}`);
    return ref ? { ...ref } : null;
  }

  async findPersonalConversation(memberId: string): Promise<ConversationRef | null> {
    const refs = [...this.conversations.values()]
      .filter((c) => c.memberId === memberId && c.kind === "personal")
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
    return refs[0] ? { ...refs[0] } : null;
  }

  async lastServiceUrl(workspaceId: string): Promise<string | null> {
    const refs = [...this.conversations.values()].filter((c) => c.workspaceId === workspaceId && c.serviceUrl);
    return refs.at(-1)?.serviceUrl ?? null;
  }

  async deletePersonalConversations(memberId: string): Promise<number> {
    let deleted = 0;
    for (const [key, ref] of [...this.conversations]) {
      if (ref.memberId === memberId) {
        this.conversations.delete(key);
        deleted += 1;
      }
    }
    return deleted;
  }
}
