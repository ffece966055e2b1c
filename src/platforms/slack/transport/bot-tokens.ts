// Which bot token to use for a workspace when no incoming request supplies one (scheduled posts,
// outbox retries): the configured token in single-workspace and Socket Mode, otherwise the
// (encrypted) OAuth installation of that team.
import type { InstallationStore } from "@slack/bolt";
import type { SlackConfig } from "./slack-app.js";
import { SlackSendError } from "./slack-errors.js";
import type { ConfiguredTokenState } from "./token-revocation.js";

/** Finds the bot token for a Slack team id. */
export type BotTokenResolver = (teamId: string | null) => Promise<string>;

/**
 * The resolver for the configured mode. In single-workspace and Socket Mode, once `configured`
 * says Slack revoked the token it is never sent again: every call fails permanently instead.
 */
export function botTokenResolver(slack: SlackConfig, store: InstallationStore | null, configured?: ConfiguredTokenState): BotTokenResolver {
  const mode = slack.mode;
  if (mode.kind !== "oauth") {
    return async () => {
      if (configured?.revokedBecause) throw new SlackSendError({ kind: "permanent", reason: "token_revoked" });
      return mode.botToken;
    };
  }
  return async (teamId) => {
    if (!teamId || !store) throw new SlackSendError({ kind: "permanent", reason: "no_team" });
    try {
      const installation = await store.fetchInstallation({ teamId, isEnterpriseInstall: false, enterpriseId: undefined });
      if (installation.bot?.token) return installation.bot.token;
    } catch {
      // fall through: an uninstalled workspace is a permanent failure for the outbox
    }
    throw new SlackSendError({ kind: "permanent", reason: "not_installed" });
  };
}
