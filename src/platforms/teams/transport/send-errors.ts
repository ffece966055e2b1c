// One translator from whatever the SDK's HTTP client threw into a TeamsSendError that says
// whether a retry can help and how long the service asked us to wait.

/** Statuses Microsoft documents as transient for bot sends (throttled, precondition, gateway). */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([412, 429, 502, 504]);
/** Network failures where the request never reached the service, so a retry cannot double a post. */
const RETRYABLE_NETWORK_CODES: ReadonlySet<string> = new Set(["ECONNREFUSED", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

/** A send to the Bot Connector failed. */
export class TeamsSendError extends Error {
  override readonly name = "TeamsSendError";
  constructor(
    message: string,
    /** HTTP status, or undefined for a network failure. */
    readonly status: number | undefined,
    /** True when trying again later may succeed. */
    readonly retryable: boolean,
    /** What Retry-After asked for, in ms, when the service said. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
  }
}

/** Parses Retry-After: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: unknown, now: number): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== "string" && typeof text !== "number") return undefined;
  const seconds = Number(text);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(String(text));
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

interface HttpishError {
  response?: { status?: number; headers?: Record<string, unknown> & { get?: (name: string) => unknown } };
  code?: string;
  message?: string;
}

/** Classifies an error thrown while talking to the Bot Connector. */
export function toTeamsSendError(error: unknown, now: number = Date.now()): TeamsSendError {
  if (error instanceof TeamsSendError) return error;
  const e = (error ?? {}) as HttpishError;
  const status = typeof e.response?.status === "number" ? e.response.status : undefined;
  if (status !== undefined) {
    const headers = e.response?.headers;
    const raw = typeof headers?.get === "function" ? headers.get("retry-after") : headers?.["retry-after"];
    return new TeamsSendError(`Bot Connector answered HTTP ${status}`, status, RETRYABLE_STATUSES.has(status), parseRetryAfter(raw, now));
  }
  const code = typeof e.code === "string" ? e.code : undefined;
  const retryable = code !== undefined && RETRYABLE_NETWORK_CODES.has(code);
  return new TeamsSendError(`Bot Connector unreachable${code ? ` (${code})` : ""}: ${e.message ?? String(error)}`, undefined, retryable, undefined);
}
