// What commitment views need to show names: member display names and organisation names,
// loaded once per request (the views ask synchronously).
import type { Commitment } from "#core/commitments/commitment.js";
import type { CommitmentViewContext } from "#core/commitments/commitment-views.js";
import type { Locale } from "#core/shared/refs.js";
import type { TeamsServices } from "../teams-services.js";

/** Builds the view context for `commitments`, shown in `locale` and the alliance's zone. */
export async function commitmentViewContext(
  services: TeamsServices,
  allianceId: string,
  commitments: readonly Commitment[],
  options: { locale: Locale; now: Date },
): Promise<CommitmentViewContext> {
  const [alliance, organizations] = await Promise.all([services.alliances.getAlliance(allianceId), services.alliances.listOrganizations(allianceId)]);
  const ids = new Set<string>();
  for (const c of commitments) {
    if (c.ownerMemberId) ids.add(c.ownerMemberId);
    if (c.createdById) ids.add(c.createdById);
    if (c.beneficiary.kind === "member" && c.beneficiary.memberId) ids.add(c.beneficiary.memberId);
  }
  const names = new Map<string, string>();
  await Promise.all(
    [...ids].map(async (id) => {
      const member = await services.memberRepository.get(id);
      if (member && !member.erasedAt) names.set(id, member.displayName);
    }),
  );
  const orgNames = new Map(organizations.map((o) => [o.id, o.name]));
  return {
    locale: options.locale,
    timeZone: alliance.timezone,
    now: options.now,
    memberName: (id) => names.get(id),
    organizationName: (id) => orgNames.get(id),
  };
}
