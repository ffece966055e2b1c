// A fixed AllianceScope for unit tests: which alliance each organisation and member belongs to.
import type { AllianceScope } from "#core/alliance/alliance-scope.js";

/** `alliances`: alliance id → its organisation ids and its members (member id → organisation id). */
export function fixedScope(alliances: Record<string, { organizations: string[]; members: Record<string, string | null> }>): AllianceScope {
  return {
    organization: async (id) => {
      const allianceId = Object.keys(alliances).find((a) => alliances[a]?.organizations.includes(id));
      return allianceId === undefined ? null : { allianceId };
    },
    member: async (id) => {
      const allianceId = Object.keys(alliances).find((a) => alliances[a]?.members[id] !== undefined);
      return allianceId === undefined ? null : { allianceId, organizationId: alliances[allianceId]?.members[id] ?? null, erased: false };
    },
  };
}
