// Teams throttles each bot per conversation (7 sends/1 s, 8/2 s, 60/30 s, 1800/1 h) and per
// tenant (about 30 requests/s); going over earns HTTP 429. Waiting before we hit the limits is
// cheaper than being throttled, so sends reserve a slot here first.
// Source: learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit

/** At most `limit` operations in any `windowMs`. */
export interface SlidingWindow {
  limit: number;
  windowMs: number;
}

/** The documented per-bot, per-conversation limits for sending and creating conversations. */
export const TEAMS_PER_CONVERSATION_LIMITS: readonly SlidingWindow[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];

/** Stay a little under the documented 30 requests/s per app per tenant. */
export const TEAMS_TENANT_REQUESTS_PER_SECOND = 25;

/**
 * Per-key sliding windows. Callers serialise sends per key (one conversation's queue), so
 * reservations arrive in time order and each new one is at or after the previous.
 */
export class SlidingWindowLimiter {
  private readonly stamps = new Map<string, number[]>();
  private readonly longest: number;

  constructor(private readonly windows: readonly SlidingWindow[]) {
    this.longest = Math.max(0, ...windows.map((w) => w.windowMs));
  }

  /** Milliseconds to wait before an operation on `key` is allowed; the slot is taken. */
  reserve(key: string, now: number): number {
    const stamps = (this.stamps.get(key) ?? []).filter((t) => t > now - this.longest);
    let at = Math.max(now, stamps.at(-1) ?? now);
    for (let changed = true; changed; ) {
      changed = false;
      for (const { limit, windowMs } of this.windows) {
        const inWindow = stamps.filter((t) => t > at - windowMs).length;
        if (inWindow >= limit) {
          // The oldest stamp that must leave the window for one more to fit.
          const leaving = stamps[stamps.length - limit];
          if (leaving !== undefined && leaving + windowMs > at) {
            at = leaving + windowMs;
            changed = true;
          }
        }
      }
    }
    stamps.push(at);
    this.stamps.set(key, stamps);
    return at - now;
  }

  /** Forgets idle keys so a long-running process does not keep one array per conversation forever. */
  prune(now: number): void {
    for (const [key, stamps] of this.stamps) {
      if ((stamps.at(-1) ?? 0) <= now - this.longest) this.stamps.delete(key);
    }
  }
}

/** Evenly spaced slots: at most `perSecond` operations per second across all callers of a key. */
export class SpacingLimiter {
  private readonly next = new Map<string, number>();
  private readonly spacingMs: number;

  constructor(perSecond: number) {
    this.spacingMs = 1_000 / perSecond;
  }

  /** Milliseconds to wait before the next operation on `key`; the slot is taken. */
  reserve(key: string, now: number): number {
    const at = Math.max(now, this.next.get(key) ?? now);
    this.next.set(key, at + this.spacingMs);
    return at - now;
  }
}
