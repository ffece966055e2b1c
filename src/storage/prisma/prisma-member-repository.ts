// MemberRepository on Prisma: the only place Member rows ⇄ domain types are mapped.
import { randomUUID } from "node:crypto";
import type { Member as MemberRow } from "#generated/prisma/client.js";
import { erasedMemberFields, type Member, type Role } from "#core/alliance/member.js";
import type { MemberProfilePatch, MemberRepository, NewMember } from "#core/alliance/member-repository.js";
import { toLocale } from "#core/shared/refs.js";
import { DomainError } from "#core/shared/errors.js";
import type { PrismaClient } from "../prisma-client.js";
import { createMicroBatcher, type MicroBatcher } from "../micro-batcher.js";

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

type ProfileUpdate = { id: string; patch: MemberProfilePatch };

/** Newcomers arriving together (a burst of first votes) are inserted by one statement. */
const NEWCOMER_BATCH = { maxBatch: 25, maxInFlight: 1 };

/** Members in PostgreSQL / PGlite. */
export class PrismaMemberRepository implements MemberRepository {
  /** The lock-free insert of createIfAbsent; null: not inserted (exists, or no current member). */
  private readonly newcomers: MicroBatcher<NewMember, MemberRow | null>;

  private readonly profileUpdates: MicroBatcher<ProfileUpdate, MemberRow | null>;

  constructor(private readonly prisma: PrismaClient) {
    this.profileUpdates = createMicroBatcher<ProfileUpdate, MemberRow | null>({
      ...NEWCOMER_BATCH,
      runBatch: (updates) => this.updateProfiles(updates),
      runOne: async (update) => (await this.updateProfiles([update]))[0] ?? null,
      // One member's patches apply in order, each in its own statement.
      conflictKey: (update) => update.id,
    });
    this.newcomers = createMicroBatcher<NewMember, MemberRow | null>({
      ...NEWCOMER_BATCH,
      runBatch: (inputs) => this.insertNewcomers(inputs),
      runOne: async (input) => (await this.insertNewcomers([input]))[0] ?? null,
      conflictKey: (input) => `${input.workspaceId}\u0000${input.externalId}`,
    });
  }

  /**
   * Inserts each newcomer whose alliance already has a current member (so they are plainly a
   * member) in one statement that never waits for another transaction; a row already there is
   * left alone. Returns the inserted row per input, or null.
   */
  private async insertNewcomers(inputs: NewMember[]): Promise<Array<MemberRow | null>> {
    // Timestamps are written in UTC from here, like Prisma's own writes (the columns have no zone).
    const now = new Date().toISOString();
    const column = <K extends keyof NewMember>(key: K) => inputs.map((input) => input[key]);
    const inserted = await this.prisma.$queryRaw<MemberRow[]>`
      INSERT INTO "Member" ("id", "allianceId", "workspaceId", "externalId", "displayName", "email", "emailVerified", "organizationId", "role", "locale", "timezone", "createdAt", "updatedAt")
      SELECT i.id, i."allianceId", i."workspaceId", i."externalId", i."displayName", i.email, i."emailVerified", i."organizationId", 'member', i.locale, i.timezone,
             ${now}::timestamp, ${now}::timestamp
      FROM unnest(${inputs.map(() => randomUUID())}::text[], ${column("allianceId")}::text[], ${column("workspaceId")}::text[],
                  ${column("externalId")}::text[], ${column("displayName")}::text[], ${column("email")}::text[],
                  ${inputs.map((input) => input.emailVerified ?? false)}::boolean[],
                  ${column("organizationId")}::text[], ${column("locale")}::text[], ${column("timezone")}::text[])
        AS i(id, "allianceId", "workspaceId", "externalId", "displayName", email, "emailVerified", "organizationId", locale, timezone)
      WHERE EXISTS (SELECT 1 FROM "Member" m WHERE m."allianceId" = i."allianceId" AND m."erasedAt" IS NULL)
      ORDER BY i."workspaceId", i."externalId"
      ON CONFLICT ("workspaceId", "externalId") DO NOTHING
      RETURNING *`;
    const byKey = new Map(inserted.map((row) => [`${row.workspaceId}\u0000${row.externalId}`, row]));
    return inputs.map((input) => byKey.get(`${input.workspaceId}\u0000${input.externalId}`) ?? null);
  }

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
    // member) and never waits for anyone else's transaction; shared by newcomers arriving together.
    const inserted = await this.newcomers.run(input);
    if (inserted) return { member: toMember(inserted), created: true };
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
    const row = await this.profileUpdates.run({ id, patch });
    if (!row) throw new DomainError("NOT_FOUND", `No member ${id}.`);
    return toMember(row);
  }

  /**
   * Applies each patch (only the fields it names) in one statement: every newcomer's profile lands
   * here once users.info has answered, so a burst of first votes is followed by as many of these.
   */
  private async updateProfiles(updates: ProfileUpdate[]): Promise<Array<MemberRow | null>> {
    const named = (key: keyof MemberProfilePatch) => updates.map(({ patch }) => key in patch && patch[key] !== undefined);
    const value = (key: keyof MemberProfilePatch) => updates.map(({ patch }) => patch[key] ?? null);
    const rows = await this.prisma.$queryRaw<MemberRow[]>`
      UPDATE "Member" m SET
        "displayName" = CASE WHEN i."setName" THEN i."displayName" ELSE m."displayName" END,
        "email" = CASE WHEN i."setEmail" THEN i.email ELSE m."email" END,
        "emailVerified" = CASE WHEN i."setVerified" THEN i."emailVerified" ELSE m."emailVerified" END,
        "locale" = CASE WHEN i."setLocale" THEN i.locale ELSE m."locale" END,
        "timezone" = CASE WHEN i."setTimezone" THEN i.timezone ELSE m."timezone" END,
        "updatedAt" = ${new Date().toISOString()}::timestamp
      FROM unnest(${updates.map((u) => u.id)}::text[],
                  ${named("displayName")}::boolean[], ${value("displayName")}::text[],
                  ${named("email")}::boolean[], ${value("email")}::text[],
                  ${named("emailVerified")}::boolean[], ${value("emailVerified")}::boolean[],
                  ${named("locale")}::boolean[], ${value("locale")}::text[],
                  ${named("timezone")}::boolean[], ${value("timezone")}::text[])
        AS i(id, "setName", "displayName", "setEmail", email, "setVerified", "emailVerified", "setLocale", locale, "setTimezone", timezone)
      WHERE m.id = i.id
      RETURNING m.*`;
    const byId = new Map(rows.map((row) => [row.id, row]));
    return updates.map((u) => byId.get(u.id) ?? null);
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
