// In-memory InstallationRepository for tests and single-workspace development (nothing persists,
// so there is nothing to encrypt at rest; the Prisma repository encrypts).
import { hasUserTokenOf, installationKeyOf, installationWorkspaceId, withoutUserToken, type InstallationQuery, type InstallationRepository, type SlackInstallationShape } from "#core/alliance/installation-repository.js";

/** Slack installations in memory, keyed like the database: one per team / enterprise. */
export class InMemoryInstallationRepository<I extends SlackInstallationShape = SlackInstallationShape>
  implements InstallationRepository<I>
{
  private readonly installations = new Map<string, I>();

  async save(installation: I): Promise<void> {
    this.installations.set(installationKeyOf(installation), structuredClone(installation));
  }

  async fetch(query: InstallationQuery): Promise<I | null> {
    const key = installationWorkspaceId(query);
    const found = key ? this.installations.get(key) : undefined;
    // An org-wide install answers only org-wide queries, a team install only team queries.
    if (!found || (found.isEnterpriseInstall === true) !== query.isEnterpriseInstall) return null;
    return structuredClone(found);
  }

  async delete(query: InstallationQuery): Promise<boolean> {
    const key = installationWorkspaceId(query);
    return key ? this.installations.delete(key) : false;
  }

  async deleteUserToken(query: InstallationQuery & { userId: string }): Promise<boolean> {
    const key = installationWorkspaceId(query);
    const found = key ? this.installations.get(key) : undefined;
    if (!found || !hasUserTokenOf(found, query.userId)) return false;
    this.installations.set(key as string, withoutUserToken(found));
    return true;
  }
}
