import { DomainError } from "../shared/errors.js";
import type { Actor } from "../shared/refs.js";
import type { Role } from "./member.js";

// Roles are ordered: an admin may do what steering may do, steering what a member may do.
const RANK: Record<Role, number> = { member: 0, steering: 1, admin: 2 };

/** True when the actor's role is at least `minimum`. */
export function hasRole(actor: Pick<Actor, "role">, minimum: Role): boolean {
  return RANK[actor.role] >= RANK[minimum];
}

/** Throws FORBIDDEN unless the actor's role is at least `minimum`. */
export function requireRole(actor: Pick<Actor, "role" | "memberId">, minimum: Role): void {
  if (!hasRole(actor, minimum)) {
    throw new DomainError("FORBIDDEN", `Member ${actor.memberId} is ${actor.role}, needs ${minimum}.`, {
      required: minimum,
    });
  }
}

/** Throws FORBIDDEN unless the actor belongs to `allianceId` (ids from another alliance, §5). */
export function requireSameAlliance(actor: Pick<Actor, "allianceId" | "memberId">, allianceId: string): void {
  if (actor.allianceId !== allianceId) {
    throw new DomainError("FORBIDDEN", `Member ${actor.memberId} is not in alliance ${allianceId}.`);
  }
}
