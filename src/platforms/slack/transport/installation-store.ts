// Bolt's InstallationStore over our InstallationRepository (tokens encrypted at rest there).
// Bolt calls fetchInstallation on every incoming request in OAuth mode, so answers are cached
// briefly; storing or deleting an installation drops its cache entry at once.
import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import {
  installationWorkspaceId,
  type InstallationRepository,
} from "#core/alliance/installation-repository.js";

/** How long a fetched installation is reused before asking the database again. */
const CACHE_MS = 30_000;

/** Raised when Slack sends a request for a workspace that has not installed the app. */
export class InstallationNotFoundError extends Error {
  readonly code = "SLACK_INSTALLATION_NOT_FOUND";
}

/** Wraps `repository` as Bolt's InstallationStore. */
export function createInstallationStore(
  repository: InstallationRepository<Installation>,
  now: () => number = Date.now,
  /** Told about every (re)install, so a pending erasure of the workspace is called off. */
  onInstalled: (workspaceExternalId: string) => Promise<void> = async () => {},
): InstallationStore & { forget(query: InstallationQuery<boolean>): void } {
  const cache = new Map<string, { installation: Installation; until: number }>();
  const keyOf = (query: { teamId?: string | undefined; enterpriseId?: string | undefined; isEnterpriseInstall?: boolean | undefined }) =>
    installationWorkspaceId(query) ?? "";
  return {
    async storeInstallation(installation) {
      await repository.save(installation as Installation);
      const key = keyOf({ teamId: installation.team?.id, enterpriseId: installation.enterprise?.id, isEnterpriseInstall: installation.isEnterpriseInstall });
      cache.delete(key);
      if (key) await onInstalled(key);
    },
    async fetchInstallation(query) {
      const key = keyOf(query);
      const hit = cache.get(key);
      if (hit && hit.until > now()) return hit.installation;
      const installation = await repository.fetch(query);
      if (!installation) throw new InstallationNotFoundError(`No Slack installation for ${key || "an unknown workspace"}`);
      cache.set(key, { installation, until: now() + CACHE_MS });
      return installation;
    },
    async deleteInstallation(query) {
      cache.delete(keyOf(query));
      await repository.delete(query);
    },
    forget(query) {
      cache.delete(keyOf(query));
    },
  };
}
