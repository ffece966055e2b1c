import type { Actor, Locale } from "../shared/refs.js";

/** What a member may do: members take part, steering sees restricted results, admins set up. */
export type Role = Actor["role"];
export const ROLES: readonly Role[] = ["member", "steering", "admin"] as const;

/**
 * A person in the alliance, on one platform. The same person on Slack and on Teams is two members;
 * with the same verified e-mail they count as one person (core/alliance/person.ts).
 */
export interface Member {
  id: string;
  allianceId: string;
  /** Our Workspace.id (not the platform's team or tenant id). */
  workspaceId: string;
  /** Slack user id | Teams AAD object id; replaced by "erased:<id>" after "forget me". */
  externalId: string;
  displayName: string;
  email: string | null;
  /**
   * True when the platform itself vouches for `email`: Slack's users.info profile.email, Teams'
   * member API e-mail or user principal name of a member of the tenant (never a guest's, never
   * anything typed). See docs/cross-platform.md, "One person in two spaces".
   */
  emailVerified: boolean;
  organizationId: string | null;
  role: Role;
  /** The platform's locale for this user, when it tells us. */
  locale: Locale | null;
  timezone: string | null;
  /** Set by "forget me": personal data blanked, row kept so commitments read "former member". */
  erasedAt: Date | null;
  createdAt: Date;
}

/** The display name every erased member gets (the catalogue translates it when shown). */
export const FORMER_MEMBER_NAME = "former member";

/** Prefix of the externalId of an erased member, so the platform identity no longer finds the row. */
export const ERASED_EXTERNAL_ID_PREFIX = "erased:";

/**
 * The fields "forget me" writes over member `id`: personal data blanked, the role dropped and the
 * platform identity made unmatchable. Both repositories apply exactly this, so they cannot drift.
 */
export function erasedMemberFields(id: string, at: Date): Pick<Member, "displayName" | "email" | "emailVerified" | "locale" | "timezone" | "role" | "externalId" | "erasedAt"> {
  return {
    displayName: FORMER_MEMBER_NAME,
    email: null,
    emailVerified: false,
    locale: null,
    timezone: null,
    role: "member",
    externalId: `${ERASED_EXTERNAL_ID_PREFIX}${id}`,
    erasedAt: at,
  };
}

/** The Actor (what other features need) for a member. */
export function actorOf(member: Member): Actor {
  return {
    memberId: member.id,
    allianceId: member.allianceId,
    organizationId: member.organizationId,
    role: member.role,
  };
}
