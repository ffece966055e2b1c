// In-memory AllianceRepository for unit tests and the contract suite's reference run.
import { randomUUID } from "node:crypto";
import type { Alliance, Organization } from "#core/alliance/alliance.js";
import type { AllianceRepository, AllianceSettings, OrganizationDraft } from "#core/alliance/alliance-repository.js";

const copyAlliance = (a: Alliance): Alliance => structuredClone(a);
const copyOrg = (o: Organization): Organization => ({ ...o, emailDomains: [...o.emailDomains], slackTeamIds: [...o.slackTeamIds] });

/** Alliances and organisations in memory. */
export class InMemoryAllianceRepository implements AllianceRepository {
  private readonly alliances = new Map<string, Alliance>();
  /** Insertion order = creation order ("oldest first"). */
  private readonly organizations = new Map<string, Organization>();

  async create(settings: AllianceSettings): Promise<Alliance> {
    const alliance = { ...structuredClone(settings), id: randomUUID() };
    this.alliances.set(alliance.id, alliance);
    return copyAlliance(alliance);
  }

  async get(id: string): Promise<Alliance | null> {
    const alliance = this.alliances.get(id);
    return alliance ? copyAlliance(alliance) : null;
  }

  async delete(id: string): Promise<void> {
    this.alliances.delete(id);
    for (const org of [...this.organizations.values()]) if (org.allianceId === id) this.organizations.delete(org.id);
  }

  async listOrganizations(allianceId: string): Promise<Organization[]> {
    return [...this.organizations.values()].filter((o) => o.allianceId === allianceId).map(copyOrg);
  }

  async getOrganization(id: string): Promise<Organization | null> {
    const org = this.organizations.get(id);
    return org ? copyOrg(org) : null;
  }

  async addOrganization(allianceId: string, draft: OrganizationDraft): Promise<Organization> {
    const same = [...this.organizations.values()].find(
      (o) => o.allianceId === allianceId && o.name.toLocaleLowerCase() === draft.name.toLocaleLowerCase(),
    );
    if (same) return copyOrg(same);
    const org: Organization = { id: randomUUID(), allianceId, name: draft.name, emailDomains: [...draft.emailDomains], slackTeamIds: [...draft.slackTeamIds] };
    this.organizations.set(org.id, org);
    return copyOrg(org);
  }

  /** A new organisation, without the by-name lookup (a merge has checked the name is free). */
  insertOrganization(allianceId: string, draft: OrganizationDraft): Organization {
    const org: Organization = { id: randomUUID(), allianceId, name: draft.name, emailDomains: [...draft.emailDomains], slackTeamIds: [...draft.slackTeamIds] };
    this.organizations.set(org.id, org);
    return copyOrg(org);
  }

  async saveSetup(alliance: Alliance, drafts: readonly OrganizationDraft[]): Promise<{ alliance: Alliance; organizations: Organization[] }> {
    if (!this.alliances.has(alliance.id)) throw new Error(`No alliance ${alliance.id}.`);
    this.alliances.set(alliance.id, copyAlliance(alliance));
    const keep = new Set(drafts.map((d) => d.id).filter((id): id is string => Boolean(id)));
    for (const org of [...this.organizations.values()]) {
      if (org.allianceId === alliance.id && !keep.has(org.id)) this.organizations.delete(org.id);
    }
    for (const draft of drafts) {
      const existing = draft.id ? this.organizations.get(draft.id) : undefined;
      const org: Organization = {
        id: existing?.id ?? randomUUID(),
        allianceId: alliance.id,
        name: draft.name,
        emailDomains: [...draft.emailDomains],
        slackTeamIds: [...draft.slackTeamIds],
      };
      this.organizations.set(org.id, org);
    }
    return { alliance: copyAlliance(alliance), organizations: await this.listOrganizations(alliance.id) };
  }
}
