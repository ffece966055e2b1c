// Coalesces message updates so a burst of votes never exceeds chat.update's rate limit: per key
// (one poll message) at most one update starts per interval; requests arriving meanwhile only
// mark the key dirty, and a trailing update always follows the last request. The update reads
// the current state when it runs, so skipping intermediate states loses nothing. A 429 pushes
// the next attempt past Retry-After.
// Across instances (several bot processes on one database) the optional `claim` is a shared
// lease: before an update, the instance claims the key for one interval; while another instance
// holds it, this one stays dirty and tries again when the lease is over. Whoever updates last
// read the state after the last vote it was asked for, so every message converges, and the
// updates of all instances together stay at about one per interval plus one trailing each.
import type { Logger } from "#src/logger.js";
import { SlackSendError } from "../transport/slack-errors.js";

/** Tuning; defaults suit Slack's ~1 update per second per message in practice. */
export interface CoalescerOptions {
  /** Minimum time between the starts of two updates of the same key. */
  intervalMs?: number;
  /** Delay before the first update of a quiet key, so the start of a burst is batched too. */
  leadingDelayMs?: number;
  now?: () => number;
  logger?: Logger;
  /** Cross-instance lease: resolves true when this process may update `key` now. */
  claim?: UpdateClaim | undefined;
}

/** Claims `key` for `leaseMs` for this process, against every other process sharing the store. */
export type UpdateClaim = (key: string, leaseMs: number) => Promise<boolean>;

/** The coalescer's interface. */
export interface UpdateCoalescer {
  /** Asks for `key` to be brought up to date soon. */
  request(key: string): void;
  /** Runs every pending update now and waits for all (shutdown, tests). */
  flush(): Promise<void>;
  /** Keys with an update pending or running. */
  pendingCount(): number;
}

interface KeyState {
  dirty: boolean;
  timer: NodeJS.Timeout | null;
  running: Promise<void> | null;
  /** Earliest time the next update may start. */
  notBefore: number;
  /** Transient failures (5xx, network) in a row; retried a few times, then given up until the next request. */
  failures: number;
}

/** How many transient failures in a row of one key are retried before it waits for the next request. */
const MAX_TRANSIENT_RETRIES = 6;

/** Builds a coalescer calling `run(key)` for each update. */
export function createUpdateCoalescer(run: (key: string) => Promise<void>, options: CoalescerOptions = {}): UpdateCoalescer {
  const interval = options.intervalMs ?? 1_500;
  const leading = options.leadingDelayMs ?? 300;
  const now = options.now ?? Date.now;
  const states = new Map<string, KeyState>();
  const idle = (state: KeyState) => !state.dirty && !state.running && !state.timer;
  let requestsSincePrune = 0;
  const prune = () => {
    for (const [key, state] of states) if (idle(state) && state.notBefore < now()) states.delete(key);
  };

  const schedule = (key: string, state: KeyState, minDelay: number): void => {
    if (state.timer || state.running) return;
    const delay = Math.max(minDelay, state.notBefore - now());
    state.timer = setTimeout(() => void start(key, state), delay);
  };

  const claimThenRun = async (key: string, state: KeyState): Promise<void> => {
    if (options.claim) {
      let mine: boolean;
      try {
        mine = await options.claim(key, interval);
      } catch (error) {
        // The lease store is unreachable: update anyway; a duplicate update is harmless, a lost one is not.
        options.logger?.warn({ err: error, key }, "update lease unavailable; updating without it");
        mine = true;
      }
      if (!mine) {
        // Another instance is updating this message; its read may predate our change, so stay
        // dirty and try again once its lease is over (the finally below schedules it).
        state.dirty = true;
        return;
      }
    }
    await run(key);
    state.failures = 0;
  };

  const start = (key: string, state: KeyState): Promise<void> => {
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
    if (!state.dirty || state.running) return state.running ?? Promise.resolve();
    state.dirty = false;
    state.notBefore = now() + interval;
    state.running = claimThenRun(key, state)
      .catch((error: unknown) => {
        const wait = error instanceof SlackSendError ? error.retryAfterMs : null;
        if (error instanceof SlackSendError && error.failure.kind === "rate_limited" && wait !== null) {
          state.dirty = true; // try again once Slack allows it
          state.notBefore = Math.max(state.notBefore, now() + wait);
        } else if (error instanceof SlackSendError && error.failure.kind === "transient" && wait !== null && state.failures < MAX_TRANSIENT_RETRIES) {
          // A 5xx or network failure: the message would stay stale until the next vote, so try
          // again after a pause (a close must reach every copy even when nobody votes after it).
          state.failures += 1;
          state.dirty = true;
          state.notBefore = Math.max(state.notBefore, now() + wait);
        } else {
          options.logger?.warn({ err: error, key }, "coalesced Slack update failed");
        }
      })
      .finally(() => {
        // Count the interval from the end of the update, so the Web API sees the spacing even
        // when reading the new state took a while.
        state.notBefore = Math.max(state.notBefore, now() + interval);
        state.running = null;
        // The idle state is kept (its notBefore still throttles the next burst) until pruned.
        if (state.dirty) schedule(key, state, 0);
      });
    return state.running;
  };

  return {
    request(key) {
      if (++requestsSincePrune >= 1000) {
        requestsSincePrune = 0;
        prune();
      }
      let state = states.get(key);
      if (!state) {
        state = { dirty: false, timer: null, running: null, notBefore: 0, failures: 0 };
        states.set(key, state);
      }
      state.dirty = true;
      schedule(key, state, leading);
    },
    async flush() {
      // A few rounds at most: updates requested during the flush, or a 429, must not spin forever.
      for (let round = 0; round < 5; round++) {
        const busy = [...states.entries()].filter(([, state]) => !idle(state));
        if (busy.length === 0) return;
        await Promise.all(busy.map(([key, state]) => (state.running ? state.running : start(key, state))));
      }
    },
    pendingCount: () => [...states.values()].filter((state) => !idle(state)).length,
  };
}
