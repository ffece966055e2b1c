// The Slack OAuth installations of a multi-workspace app, shaped so that Bolt's
// InstallationStore can wrap this port directly. The implementations encrypt every token at rest.

/**
 * The fields of a Slack installation object this port relies on. Bolt's `Installation` fits it;
 * the whole object is stored (encrypted) and handed back as it was saved.
 */
export interface SlackInstallationShape {
  team?: { id: string; name?: string | undefined } | undefined;
  enterprise?: { id: string; name?: string | undefined } | undefined;
  isEnterpriseInstall?: boolean | undefined;
  bot?: { token: string; id: string; userId: string; scopes: string[] } | undefined;
  user: { id: string; token?: string | undefined; scopes?: string[] | undefined };
}

/** How Bolt asks for an installation (its InstallationQuery). */
export interface InstallationQuery {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall: boolean;
  userId?: string | undefined;
}

/** Storage of Slack installations, one per workspace (team, or enterprise for org-wide installs). */
export interface InstallationRepository<I extends SlackInstallationShape = SlackInstallationShape> {
  /** Saves (or replaces) the installation of its team / enterprise. */
  save(installation: I): Promise<void>;
  /** The installation for the query, or null when there is none (Bolt's wrapper should then throw). */
  fetch(query: InstallationQuery): Promise<I | null>;
  /** Deletes the installation and all its tokens at once (app_uninstalled). True when one existed. */
  delete(query: InstallationQuery): Promise<boolean>;
  /**
   * Removes only the user token of `userId` (tokens_revoked for a user); the bot keeps working.
   * True when a token was removed.
   */
  deleteUserToken(query: InstallationQuery & { userId: string }): Promise<boolean>;
}

/** The workspace external id an installation or query belongs to: the enterprise for org-wide installs. */
export function installationWorkspaceId(query: {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}): string | null {
  return (query.isEnterpriseInstall ? query.enterpriseId : query.teamId) ?? null;
}

/** The workspace external id an installation is saved under; throws when it names neither team nor enterprise. */
export function installationKeyOf(installation: SlackInstallationShape): string {
  const key = installationWorkspaceId({
    teamId: installation.team?.id,
    enterpriseId: installation.enterprise?.id,
    isEnterpriseInstall: installation.isEnterpriseInstall,
  });
  if (!key) throw new Error("An installation needs a team id, or an enterprise id for an org-wide install.");
  return key;
}

/** True when the installation holds a user token of `userId`: what tokens_revoked for that user removes. */
export function hasUserTokenOf(installation: SlackInstallationShape, userId: string): boolean {
  return installation.user.id === userId && installation.user.token !== undefined;
}

/** A copy of the installation without the user's token (tokens_revoked for the installing user). */
export function withoutUserToken<I extends SlackInstallationShape>(installation: I): I {
  const { token: _token, refreshToken: _refresh, expiresAt: _expires, ...user } = installation.user as Record<string, unknown>;
  return { ...installation, user: { ...user, token: undefined } };
}
