// In-memory MemberRepository for unit tests and the contract suite's reference run.
import { randomUUID } from "node:crypto";
import { erasedMemberFields, type Member, type Role } from "#core/alliance/member.js";
import type { MemberProfilePatch, MemberRepository, NewMember } from "#core/alliance/member-repository.js";

const copy = (m: Member): Member => ({ ...m });

/** Members in memory; every method runs without an await in between, so it is atomic. */
export class InMemoryMemberRepository implements MemberRepository {
  private readonly members = new Map<string, Member>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  async findByExternalId(workspaceId: string, externalId: string): Promise<Member | null> {
    const found = this.findLive(workspaceId, externalId);
    return found ? copy(found) : null;
  }

  async get(id: string): Promise<Member | null> {
    const m = this.members.get(id);
    return m ? copy(m) : null;
  }

  async createIfAbsent(input: NewMember, options: { adminIfFirst?: boolean } = {}): Promise<{ member: Member; created: boolean }> {
    // No await between the check and the insert: that is what makes it atomic here.
    const existing = this.findLive(input.workspaceId, input.externalId);
    if (existing) return { member: copy(existing), created: false };
    const first = ![...this.members.values()].some((m) => m.allianceId === input.allianceId && !m.erasedAt);
    const role: Role = options.adminIfFirst && first ? "admin" : "member";
    const member: Member = { ...input, emailVerified: input.emailVerified ?? false, id: randomUUID(), role, erasedAt: null, createdAt: this.now() };
    this.members.set(member.id, member);
    return { member: copy(member), created: true };
  }

  async updateProfile(id: string, patch: MemberProfilePatch): Promise<Member> {
    return this.patch(id, patch);
  }

  async setOrganization(id: string, organizationId: string | null): Promise<Member> {
    return this.patch(id, { organizationId });
  }

  async setRole(id: string, role: Role): Promise<Member> {
    return this.patch(id, { role });
  }

  async claimAdminIfNone(allianceId: string, memberId: string): Promise<boolean> {
    const member = this.members.get(memberId);
    if (!member || member.allianceId !== allianceId || member.erasedAt) return false;
    if ([...this.members.values()].some((m) => m.allianceId === allianceId && !m.erasedAt && m.role === "admin")) return false;
    member.role = "admin";
    return true;
  }

  async countAdmins(allianceId: string): Promise<number> {
    return (await this.list(allianceId, { role: "admin" })).length;
  }

  async countInOrganization(organizationId: string): Promise<number> {
    return [...this.members.values()].filter((m) => m.organizationId === organizationId && !m.erasedAt).length;
  }

  async list(allianceId: string, filter: { organizationId?: string | null; role?: Role } = {}): Promise<Member[]> {
    return [...this.members.values()]
      .filter((m) => m.allianceId === allianceId && !m.erasedAt)
      .filter((m) => filter.organizationId === undefined || m.organizationId === filter.organizationId)
      .filter((m) => filter.role === undefined || m.role === filter.role)
      .map(copy);
  }

  async listByVerifiedEmail(allianceId: string, email: string): Promise<Member[]> {
    const wanted = email.trim().toLowerCase();
    return (await this.list(allianceId))
      .filter((m) => m.emailVerified && m.email?.trim().toLowerCase() === wanted)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  async erase(id: string, at: Date): Promise<Member> {
    const member = this.members.get(id);
    if (!member) throw new Error(`No member ${id}.`);
    if (member.erasedAt) return copy(member);
    return this.patch(id, erasedMemberFields(id, at));
  }

  /** For the in-memory SpaceRepository: the space's members (erased ones too) move to `allianceId`. */
  moveWorkspaceMembers(workspaceId: string, allianceId: string, organizationMap: Readonly<Record<string, string | null>>): number {
    let moved = 0;
    for (const member of this.members.values()) {
      if (member.workspaceId !== workspaceId) continue;
      member.allianceId = allianceId;
      member.organizationId = member.organizationId === null ? null : (organizationMap[member.organizationId] ?? null);
      moved += 1;
    }
    return moved;
  }

  private findLive(workspaceId: string, externalId: string): Member | undefined {
    return [...this.members.values()].find((m) => m.workspaceId === workspaceId && m.externalId === externalId && !m.erasedAt);
  }

  private patch(id: string, patch: Partial<Member>): Member {
    const member = this.members.get(id);
    if (!member) throw new Error(`No member ${id}.`);
    Object.assign(member, patch);
    return copy(member);
  }
}
