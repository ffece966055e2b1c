// In-memory SpaceRepository for unit tests and the contract suite's reference run. It moves
// spaces and members in the in-memory workspace and member stores it is given.
import { randomUUID } from "node:crypto";
import { NEW_ORGANIZATION, type LinkCode, type LinkEvent, type MergeOutcome, type NewLinkCode, type NewLinkEvent, type OrganizationMapping, type SpaceChannelKind, type SpaceChannels } from "#core/alliance/space-link.js";
import type { InMemoryAllianceRepository } from "./in-memory-alliance-repository.js";
import type { SpaceRepository } from "#core/alliance/space-repository.js";
import type { InMemoryMemberRepository } from "./in-memory-member-repository.js";
import type { InMemoryWorkspaceRepository } from "./in-memory-workspace-repository.js";

type Channels = Pick<SpaceChannels, "steeringConversationId" | "allianceConversationId">;

export class InMemorySpaceRepository implements SpaceRepository {
  private readonly codes = new Map<string, LinkCode>();
  private readonly events: LinkEvent[] = [];
  private readonly channels = new Map<string, Channels>();

  constructor(
    private readonly workspaces: InMemoryWorkspaceRepository,
    private readonly members: InMemoryMemberRepository,
    /** Whether people did something in an alliance (polls, agreements, …): the other in-memory stores know. */
    private readonly activity: (allianceId: string) => Promise<boolean> = async () => false,
    /** For merges: the organisations live there. */
    private readonly alliances?: InMemoryAllianceRepository,
  ) {}

  async saveCode(code: NewLinkCode): Promise<LinkCode> {
    const saved: LinkCode = { ...code, id: randomUUID(), usedAt: null, usedByWorkspaceId: null };
    this.codes.set(saved.id, saved);
    return { ...saved };
  }

  async findCodeByHash(codeHash: string): Promise<LinkCode | null> {
    const found = [...this.codes.values()].find((c) => c.codeHash === codeHash);
    return found ? { ...found } : null;
  }

  async consumeCode(codeId: string, workspaceId: string, at: Date): Promise<boolean> {
    const code = this.codes.get(codeId);
    if (!code || code.usedAt || code.expiresAt.getTime() <= at.getTime()) return false;
    code.usedAt = at;
    code.usedByWorkspaceId = workspaceId;
    return true;
  }

  async appendEvent(event: NewLinkEvent): Promise<void> {
    this.events.push({ ...event, id: randomUUID() });
  }

  async listEvents(allianceId: string): Promise<LinkEvent[]> {
    return this.events.filter((e) => e.allianceId === allianceId).map((e) => ({ ...e }));
  }

  async pruneEvents(before: Date): Promise<number> {
    const kept = this.events.filter((e) => e.at.getTime() >= before.getTime());
    const pruned = this.events.length - kept.length;
    this.events.splice(0, this.events.length, ...kept);
    return pruned;
  }

  hasActivity(allianceId: string): Promise<boolean> {
    return this.activity(allianceId);
  }

  async moveSpace(workspaceId: string, toAllianceId: string, organizationMap: Readonly<Record<string, string | null>>): Promise<number> {
    this.workspaces.moveToAlliance(workspaceId, toAllianceId);
    return this.members.moveWorkspaceMembers(workspaceId, toAllianceId, organizationMap);
  }

  /**
   * The in-memory stores of polls, agreements, pulses and assessments are separate objects this
   * repository does not hold, so in memory a merge moves the organisations, the space and its
   * members, the audit trail and drops the joining alliance; the Prisma repository moves everything.
   */
  async mergeAlliance(fromAllianceId: string, toAllianceId: string, mapping: OrganizationMapping): Promise<MergeOutcome> {
    if (!this.alliances) throw new Error("InMemorySpaceRepository needs the alliance repository to merge");
    const organizationMap: Record<string, string> = {};
    for (const org of await this.alliances.listOrganizations(fromAllianceId)) {
      const target = mapping[org.id];
      if (target === undefined) throw new Error(`merge mapping misses organisation ${org.id}`);
      if (target === NEW_ORGANIZATION) {
        organizationMap[org.id] = this.alliances.insertOrganization(toAllianceId, org).id;
      } else {
        const existing = await this.alliances.getOrganization(target);
        if (existing?.allianceId !== toAllianceId) throw new Error(`merge target ${target} is not an organisation of ${toAllianceId}`);
        organizationMap[org.id] = existing.id;
      }
    }
    const steering = (await this.alliances.get(fromAllianceId))?.steering;
    if (steering && !this.channels.get(steering.workspaceId)?.steeringConversationId) await this.setChannel(steering.workspaceId, "steering", steering.conversationId);
    let membersMoved = 0;
    for (const space of await this.workspaces.listForAlliance(fromAllianceId)) {
      this.workspaces.moveToAlliance(space.id, toAllianceId);
      membersMoved += this.members.moveWorkspaceMembers(space.id, toAllianceId, organizationMap);
    }
    for (const event of this.events) if (event.allianceId === fromAllianceId) event.allianceId = toAllianceId;
    for (const code of this.codes.values()) if (code.allianceId === fromAllianceId) code.allianceId = toAllianceId;
    await this.alliances.delete(fromAllianceId);
    return { organizationMap, renumbered: [], membersMoved };
  }

  async listSpaces(allianceId: string): Promise<SpaceChannels[]> {
    return (await this.workspaces.listForAlliance(allianceId)).map((w) => ({
      workspaceId: w.id,
      platform: w.platform,
      name: w.name,
      steeringConversationId: this.channels.get(w.id)?.steeringConversationId ?? null,
      allianceConversationId: this.channels.get(w.id)?.allianceConversationId ?? null,
    }));
  }

  async setChannel(workspaceId: string, kind: SpaceChannelKind, conversationId: string | null): Promise<void> {
    const current = this.channels.get(workspaceId) ?? { steeringConversationId: null, allianceConversationId: null };
    this.channels.set(workspaceId, kind === "steering" ? { ...current, steeringConversationId: conversationId } : { ...current, allianceConversationId: conversationId });
  }
}
