/**
 * Tenant checks for ids that arrive from a client. Slack private_metadata, modal input values and
 * Teams card data are written by the client, so an organisation or member id in them may be
 * another alliance's or made up. The core services check every such id against the actor's
 * alliance before they write, so no adapter can forget it.
 */
import { DomainError } from "../shared/errors.js";

/** Port: just enough of the alliance module to say where an organisation or member belongs. */
export interface AllianceScope {
  organization(organizationId: string): Promise<{ allianceId: string } | null>;
  member(memberId: string): Promise<{ allianceId: string; organizationId: string | null; erased: boolean } | null>;
}

/** Which field of a form the id came from, so the adapter can show the error under it. */
export type ScopedField = "owner" | "beneficiary";

/**
 * Refuses an organisation id that is not one of `allianceId`'s. Unknown and foreign ids get the
 * same answer, so probing cannot tell whether another alliance's id exists.
 */
export async function assertOrganizationInAlliance(scope: AllianceScope, allianceId: string, organizationId: string, field: ScopedField): Promise<void> {
  const found = await scope.organization(organizationId);
  if (found?.allianceId !== allianceId) {
    throw new DomainError("UNKNOWN_ORGANIZATION", `organisation ${organizationId} is not in alliance ${allianceId}`, { field });
  }
}

/** Refuses a member id that is not a current (not erased) member of `allianceId`; returns the member's organisation. */
export async function assertMemberInAlliance(
  scope: AllianceScope,
  allianceId: string,
  memberId: string,
  field: ScopedField,
): Promise<{ organizationId: string | null }> {
  const found = await scope.member(memberId);
  if (!found || found.allianceId !== allianceId || found.erased) {
    throw new DomainError("UNKNOWN_MEMBER", `member ${memberId} is not in alliance ${allianceId}`, { field });
  }
  return { organizationId: found.organizationId };
}
