// app_uninstalled and tokens_revoked: delete the workspace's tokens at once (DESIGN.md §2.6), and
// start the retention period after which the workspace's personal data is erased.
// Bolt skips authorize() for these two events and never deletes an installation by itself.
import type { App } from "@slack/bolt";
import { z } from "zod";
import { installationWorkspaceId, type InstallationRepository } from "#core/alliance/installation-repository.js";
import type { UninstallRetention } from "#core/alliance/uninstall-retention.js";
import type { Logger } from "#src/logger.js";
import type { ConfiguredTokenState } from "../../transport/token-revocation.js";

const tokensRevokedSchema = z.object({
  tokens: z.object({
    oauth: z.array(z.string()).optional(),
    bot: z.array(z.string()).optional(),
  }),
});

const teamOf = z.object({
  team_id: z.string().optional(),
  enterprise_id: z.string().nullish(),
  is_enterprise_install: z.boolean().optional(),
  authorizations: z.array(z.object({ team_id: z.string().nullish(), enterprise_id: z.string().nullish(), is_enterprise_install: z.boolean().optional() })).optional(),
});

/** The installation query of an event envelope. */
function queryOf(body: unknown) {
  const parsed = teamOf.parse(body);
  const auth = parsed.authorizations?.[0];
  const isEnterpriseInstall = auth?.is_enterprise_install ?? parsed.is_enterprise_install ?? false;
  return {
    teamId: auth?.team_id ?? parsed.team_id ?? undefined,
    enterpriseId: auth?.enterprise_id ?? parsed.enterprise_id ?? undefined,
    isEnterpriseInstall,
  };
}

/** Registers the uninstall listeners; `forget` drops any cached copy of the installation. */
export function registerUninstallListeners(
  app: App,
  deps: {
    installations: InstallationRepository | null;
    forget: (query: ReturnType<typeof queryOf>) => void;
    /** Single-workspace and Socket Mode: the configured token, to stop using once revoked. */
    configuredToken?: ConfiguredTokenState;
    /** Starts the retention period of the workspace's personal data. */
    retention?: Pick<UninstallRetention, "recordUninstall">;
    logger: Logger;
  },
): void {
  app.event("app_uninstalled", async ({ body }) => {
    const query = queryOf(body);
    deps.forget(query);
    deps.configuredToken?.revoke("app_uninstalled");
    // Recorded first: if the database is down this throws, Slack is answered 500 and retries.
    const workspace = installationWorkspaceId(query);
    const retention = workspace ? await deps.retention?.recordUninstall("slack", workspace) : null;
    const deleted = deps.installations ? await deps.installations.delete(query) : false;
    deps.logger.info({ teamId: query.teamId, deleted, personalDataErasedAfter: retention?.eraseAfter }, "Slack app uninstalled: tokens deleted");
  });

  app.event("tokens_revoked", async ({ body, event }) => {
    const query = queryOf(body);
    const { tokens } = tokensRevokedSchema.parse(event);
    deps.forget(query);
    if (!deps.installations) {
      if ((tokens.bot ?? []).length > 0) deps.configuredToken?.revoke("tokens_revoked");
      return;
    }
    if ((tokens.bot ?? []).length > 0) {
      // Without its bot token the installation is useless: delete it entirely.
      await deps.installations.delete(query);
      deps.logger.info({ teamId: query.teamId }, "Slack bot token revoked: installation deleted");
      return;
    }
    for (const userId of tokens.oauth ?? []) {
      await deps.installations.deleteUserToken({ ...query, userId });
    }
  });
}
