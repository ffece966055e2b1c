// MemberRepository on Prisma: the only place Member rows ⇄ domain types are mapped.
import { randomUUID } from "node:crypto";
import type { Member as MemberRow } from "../../../generated/prisma/client.js";
import { erasedMemberFields, type Member, type Role } from "../../core/alliance/member.js";
import type { MemberProfilePatch, MemberRepository, NewMember } from "../../core/alliance/member-repository.js";
import { toLocale } from "../../core/shared/refs.js";
import type { PrismaClient } from "../prisma-client.js";

const toMember = (row: MemberRow): Member => ({
  id: row.id,
  allianceId: row.allianceId,
  workspaceId: row.workspaceId,
  externalId: row.externalId,
  displayName: row.displayName,
  email: row.email,
  emailVerified: row.emailVerified,
  organizationId: row.organizationId,
  role: row.role as Role,
  locale: row.locale ? toLocale(row.locale) : null,
  timezone: row.timezone,
  erasedAt: row.erasedAt,
  createdAt: row.createdAt,
});

// Generous waits: on PGlite (one connection) concurrent first contacts queue for the connection.
const TX_OPTIONS = { maxWait: 10_000, timeout: 10_000 };

const oldestFirst = [{ createdAt: "asc" }, { id: "asc" }] as const;

/** Members in PostgreSQL / PGlite. */
export class PrismaMemberRepository implements MemberRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async findByExternalId(workspaceId: string, externalId: string): Promise<Member | null> {
    const row = await this.prisma.member.findUnique({ where: { workspaceId_externalId: { workspaceId, externalId } } });
    return row && !row.erasedAt ? toMember(row) : null;
  }

  async get(id: string): Promise<Member | null> {
    const row = await this.prisma.member.findUnique({ where: { id } });
    return row ? toMember(row) : null;
  }

  async createIfAbsent(input: NewMember, options: { adminIfFirst?: boolean } = {}): Promise<{ member: Member; created: boolean }> {
    const where = { workspaceId_externalId: { workspaceId: input.workspaceId, externalId: input.externalId } };
    if (!options.adminIfFirst) {
      // INSERT … ON CONFLICT DO NOTHING: concurrent first requests of one user never throw, and
      // exactly one of them sees count 1.
      const { count } = await this.prisma.member.createMany({ data: [input], skipDuplicates: true });
      return { member: toMember(await this.prisma.member.findUniqueOrThrow({ where })), created: count === 1 };
    }
    // Lock-free path, the one every newcomer but an alliance's founders takes: one INSERT that
    // only happens while the alliance already has a current member (so the newcomer is plainly a
    // member) and never waits for anyone else's transaction.
    // Timestamps are written in UTC from here, like Prisma's own writes (the columns have no zone).
    const now = new Date().toISOString();
    const inserted = await this.prisma.$queryRaw<MemberRow[]>`
      INSERT INTO "Member" ("id", "allianceId", "workspaceId", "externalId", "displayName", "email", "emailVerified", "organizationId", "role", "locale", "timezone", "createdAt", "updatedAt")
      SELECT ${randomUUID()}, ${input.allianceId}, ${input.workspaceId}, ${input.externalId}, ${input.displayName}, ${input.email}, ${input.emailVerified ?? false},
             ${input.organizationId}, 'member', ${input.locale}, ${input.timezone}, ${now}::timestamp, ${now}::timestamp
      WHERE EXISTS (SELECT 1 FROM "Member" WHERE "allianceId" = ${input.allianceId} AND "erasedAt" IS NULL)
      ON CONFLICT ("workspaceId", "externalId") DO NOTHING
      RETURNING *`;
    if (inserted[0]) return { member: toMember(inserted[0]), created: true };
    const existing = await this.prisma.member.findUnique({ where });
    if (existing) return { member: toMember(existing), created: false };
    // No current member (yet): a fresh alliance's founder, or the alliance after everyone was
    // forgotten. Only here is the alliance row locked, so founders racing each other are
    // serialised and exactly one of them sees "no members yet" and becomes admin; a newcomer
    // arriving meanwhile finds no committed member, comes here too and waits its turn.
    return this.prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM "Alliance" WHERE id = ${input.allianceId} FOR UPDATE`;
        const current = await tx.member.count({ where: { allianceId: input.allianceId, erasedAt: null } });
        const role: Role = current === 0 ? "admin" : "member";
        const { count } = await tx.member.createMany({ data: [{ ...input, role }], skipDuplicates: true });
        return { member: toMember(await tx.member.findUniqueOrThrow({ where })), created: count === 1 };
      },
      TX_OPTIONS,
    );
  }

  async updateProfile(id: string, patch: MemberProfilePatch): Promise<Member> {
    return toMember(await this.prisma.member.update({ where: { id }, data: patch }));
  }

  async setOrganization(id: string, organizationId: string | null): Promise<Member> {
    return toMember(await this.prisma.member.update({ where: { id }, data: { organizationId } }));
  }

  async setRole(id: string, role: Role): Promise<Member> {
    return toMember(await this.prisma.member.update({ where: { id }, data: { role } }));
  }

  async claimAdminIfNone(allianceId: string, memberId: string): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      // Lock the alliance row: two first members racing are serialised here, so only the first
      // sees "no admin yet" (a plain NOT EXISTS check would let both through).
      await tx.$queryRaw`SELECT id FROM "Alliance" WHERE id = ${allianceId} FOR UPDATE`;
      const admins = await tx.member.count({ where: { allianceId, role: "admin", erasedAt: null } });
      if (admins > 0) return false;
      const { count } = await tx.member.updateMany({ where: { id: memberId, allianceId, erasedAt: null }, data: { role: "admin" } });
      return count === 1;
    }, TX_OPTIONS);
  }

  countAdmins(allianceId: string): Promise<number> {
    return this.prisma.member.count({ where: { allianceId, role: "admin", erasedAt: null } });
  }

  countInOrganization(organizationId: string): Promise<number> {
    return this.prisma.member.count({ where: { organizationId, erasedAt: null } });
  }

  async list(allianceId: string, filter: { organizationId?: string | null; role?: Role } = {}): Promise<Member[]> {
    const rows = await this.prisma.member.findMany({
      where: {
        allianceId,
        erasedAt: null,
        ...(filter.organizationId !== undefined ? { organizationId: filter.organizationId } : {}),
        ...(filter.role !== undefined ? { role: filter.role } : {}),
      },
      orderBy: [...oldestFirst],
    });
    return rows.map(toMember);
  }

  async listByVerifiedEmail(allianceId: string, email: string): Promise<Member[]> {
    const rows = await this.prisma.member.findMany({
      where: { allianceId, erasedAt: null, emailVerified: true, email: { equals: email.trim(), mode: "insensitive" } },
      orderBy: [...oldestFirst],
    });
    return rows.map(toMember);
  }

  async erase(id: string, at: Date): Promise<Member> {
    await this.prisma.member.updateMany({
      where: { id, erasedAt: null },
      data: erasedMemberFields(id, at),
    });
    return toMember(await this.prisma.member.findUniqueOrThrow({ where: { id } }));
  }
}
