// One translator from Slack Web API failures to what the caller should do about them, so the
// outbox, the update coalescer and the listeners agree: wait Retry-After, retry later, or give up.

/** What a failed Web API call means for the caller. */
export type SlackFailure =
  | { kind: "rate_limited"; retryAfterMs: number }
  | { kind: "transient"; reason: string }
  | { kind: "permanent"; reason: string };

/** Thrown by the messenger so the outbox can tell "wait" from "give up" without knowing Slack. */
export class SlackSendError extends Error {
  override readonly name = "SlackSendError";
  constructor(readonly failure: SlackFailure) {
    super(failure.kind === "rate_limited" ? `rate limited, retry after ${failure.retryAfterMs} ms` : `${failure.kind}: ${failure.reason}`);
  }
  /** Milliseconds to wait before retrying, or null when retrying cannot help. */
  get retryAfterMs(): number | null {
    if (this.failure.kind === "rate_limited") return this.failure.retryAfterMs;
    return this.failure.kind === "transient" ? 5_000 : null;
  }
}

/** Platform errors that a retry will not fix (the channel is gone, the token is dead, ...). */
const PERMANENT = new Set([
  "channel_not_found", "not_in_channel", "is_archived", "invalid_auth", "not_authed", "account_inactive",
  "token_revoked", "token_expired", "no_permission", "missing_scope", "invalid_blocks", "msg_too_long",
  "message_not_found", "cant_update_message", "user_not_found", "user_not_visible", "cannot_dm_bot", "user_disabled", "invalid_arguments",
]);

/** Classifies anything a WebClient call threw (matched by the SDK's stable `code` strings). */
export function classifySlackError(error: unknown): SlackFailure {
  const coded = error as { code?: string; retryAfter?: number; data?: { error?: string }; statusCode?: number; message?: string };
  switch (coded?.code) {
    case "slack_webapi_rate_limited_error":
      return { kind: "rate_limited", retryAfterMs: Math.max(1, coded.retryAfter ?? 1) * 1000 };
    case "slack_webapi_platform_error": {
      const reason = coded.data?.error ?? "unknown";
      if (reason === "ratelimited") return { kind: "rate_limited", retryAfterMs: 1000 };
      return PERMANENT.has(reason) ? { kind: "permanent", reason } : { kind: "transient", reason };
    }
    case "slack_webapi_http_error":
      return (coded.statusCode ?? 500) >= 500 ? { kind: "transient", reason: `http ${coded.statusCode}` } : { kind: "permanent", reason: `http ${coded.statusCode}` };
    case "slack_webapi_request_error":
      return { kind: "transient", reason: coded.message ?? "network error" };
    default:
      return { kind: "transient", reason: coded?.message ?? String(error) };
  }
}

/** The platform error string (e.g. "channel_not_found") when `error` is a Slack platform error. */
export function slackErrorCode(error: unknown): string | undefined {
  const coded = error as { code?: string; data?: { error?: string } };
  return coded?.code === "slack_webapi_platform_error" ? coded.data?.error : undefined;
}
