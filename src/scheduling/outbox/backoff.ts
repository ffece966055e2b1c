// When to try a failed send again: exponential backoff with jitter, never before the platform's
// Retry-After. Jitter spreads retries of many messages hit by the same outage or rate limit.

/** Backoff settings. */
export interface BackoffPolicy {
  /** Delay after the first failure (default 2 s). */
  baseMs: number;
  /** Upper bound of the exponential part (default 10 min). */
  maxMs: number;
  /** Attempts in total before a message is dead (default 10, like Slack's own SDK retries). */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 10 * 60_000, maxAttempts: 10 };

/**
 * Delay before the next attempt after `attempts` failed ones. With the platform's Retry-After:
 * that, plus up to 20% (at most 5 s) so messages limited together do not return together.
 * Otherwise "equal jitter": between half and all of min(max, base·2^(attempts−1)).
 * `random` returns [0, 1) and is a parameter so tests can pin it.
 */
export function retryDelayMs(
  attempts: number,
  policy: BackoffPolicy,
  random: () => number,
  retryAfterMs?: number,
): number {
  if (retryAfterMs !== undefined && retryAfterMs > 0) {
    return Math.ceil(retryAfterMs + random() * Math.min(retryAfterMs * 0.2, 5_000));
  }
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.ceil(exponential / 2 + random() * (exponential / 2));
}
