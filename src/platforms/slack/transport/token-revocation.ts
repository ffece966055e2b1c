// The configured bot token (single-workspace and Socket Mode) once Slack has said it is dead.
// There is no installation row to delete in those modes, so without this the bot went on sending
// every scheduled post, reminder and retry with a token Slack had revoked. Once revoked it stays
// revoked until a restart with a new SLACK_BOT_TOKEN.

/** Web API errors that mean the token itself is no longer valid (not: this channel, this user). */
export const DEAD_TOKEN_ERRORS: ReadonlySet<string> = new Set(["invalid_auth", "token_revoked", "token_expired", "account_inactive", "not_authed"]);

/** Remembers that the configured bot token was revoked, and why. */
export class ConfiguredTokenState {
  private reason: string | null = null;

  constructor(private readonly onRevoked: (reason: string) => void = () => {}) {}

  /** Why Slack no longer accepts the token (app_uninstalled, tokens_revoked, invalid_auth, …), or null. */
  get revokedBecause(): string | null {
    return this.reason;
  }

  /** Records the revocation; only the first one is reported. */
  revoke(reason: string): void {
    if (this.reason !== null) return;
    this.reason = reason;
    this.onRevoked(reason);
  }
}
