import type { Member, Role } from "./member.js";

/** What is known about a member when we first meet them. */
export type NewMember = Pick<Member, "allianceId" | "workspaceId" | "externalId" | "displayName" | "email" | "organizationId" | "locale" | "timezone"> &
  Partial<Pick<Member, "emailVerified">>;

/** Profile fields the platform may refresh on each contact. */
export type MemberProfilePatch = Partial<Pick<Member, "displayName" | "email" | "emailVerified" | "locale" | "timezone">>;

/** Storage of members. Erased members are never returned by `findByExternalId` or `list`. */
export interface MemberRepository {
  findByExternalId(workspaceId: string, externalId: string): Promise<Member | null>;
  get(id: string): Promise<Member | null>;
  /**
   * Creates the member unless (workspaceId, externalId) exists; safe under concurrent calls:
   * exactly one caller gets `created: true`, all get the same row. With `adminIfFirst`, a member
   * created into an alliance without current members is created as its admin, in the same
   * atomic step (so a concurrent duplicate request never sees them as a plain member).
   */
  createIfAbsent(input: NewMember, options?: { adminIfFirst?: boolean }): Promise<{ member: Member; created: boolean }>;
  updateProfile(id: string, patch: MemberProfilePatch): Promise<Member>;
  setOrganization(id: string, organizationId: string | null): Promise<Member>;
  setRole(id: string, role: Role): Promise<Member>;
  /**
   * Makes `memberId` admin if the alliance has no admin (e.g. the only admin was forgotten and
   * someone runs setup), atomically: two members racing yield one admin. True when it did.
   */
  claimAdminIfNone(allianceId: string, memberId: string): Promise<boolean>;
  countAdmins(allianceId: string): Promise<number>;
  countInOrganization(organizationId: string): Promise<number>;
  /**
   * The alliance's current (not erased) members whose e-mail is verified and equals `email`
   * ignoring case, oldest first: one person in several spaces (core/alliance/person.ts).
   */
  listByVerifiedEmail(allianceId: string, email: string): Promise<Member[]>;
  /** The alliance's current (not erased) members, oldest first. */
  list(allianceId: string, filter?: { organizationId?: string | null; role?: Role }): Promise<Member[]>;
  /**
   * "Forget me": blanks personal data (name → "former member", e-mail, locale, time zone),
   * unlinks the platform identity, drops the role to member and sets erasedAt. Idempotent.
   */
  erase(id: string, at: Date): Promise<Member>;
}
