import type { Alliance, Organization } from "./alliance.js";

/** An alliance's settings, before it has an id. */
export type AllianceSettings = Omit<Alliance, "id">;

/** An organisation as setup submits it: with `id` it updates that one, without it creates one. */
export interface OrganizationDraft {
  id?: string | undefined;
  name: string;
  emailDomains: string[];
  slackTeamIds: string[];
}

/** Storage of alliances and their partner organisations. */
export interface AllianceRepository {
  create(settings: AllianceSettings): Promise<Alliance>;
  get(id: string): Promise<Alliance | null>;
  /** Deletes an alliance and everything that cascades from it (used to drop a losing default). */
  delete(id: string): Promise<void>;
  /** The alliance's organisations, oldest first. */
  listOrganizations(allianceId: string): Promise<Organization[]>;
  getOrganization(id: string): Promise<Organization | null>;
  /** Adds one organisation; returns the existing one when the name (case-insensitive) is taken. */
  addOrganization(allianceId: string, draft: OrganizationDraft): Promise<Organization>;
  /**
   * Saves a whole setup in one transaction: the settings, and the organisations exactly as
   * listed (drafts with an id update it, without an id are created, unlisted ones are deleted).
   */
  saveSetup(
    alliance: Alliance,
    organizations: readonly OrganizationDraft[],
  ): Promise<{ alliance: Alliance; organizations: Organization[] }>;
}
