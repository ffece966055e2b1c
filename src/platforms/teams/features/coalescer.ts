// Coalesces updates of one posted message: a burst of votes becomes one card update per
// interval, and the last vote is always followed by an update. The update reads the current
// state when it runs, so skipped intermediate states lose nothing; it keeps the per-conversation
// rate (7 ops/s) free for real messages.
// Across instances (several bot processes on one database) the optional `claim` is the shared
// lease of the Slack coalescer (src/platforms/slack/services/update-coalescer.ts), with the same
// contract: before an update the instance claims the key for one interval; while another instance
// holds it, this one stays dirty and tries again one interval later, when that lease is over.
// Every instance that was asked for an update therefore sends one that read the state after its
// last request, so every card converges on the final tally, and all instances together send
// about one update per interval plus one trailing each.

/** Claims `key` for `leaseMs` for this process, against every other process sharing the store. */
export type UpdateClaim = (key: string, leaseMs: number) => Promise<boolean>;

/** Requests, flushes and counts pending updates. */
export interface Coalescer {
  request(key: string): void;
  /** Runs everything pending now and waits (shutdown, tests); skips the claim, see below. */
  flush(): Promise<void>;
}

/** Tuning and the optional cross-instance lease. */
export interface CoalescerOptions {
  intervalMs?: number;
  onError?: (key: string, error: unknown) => void;
  /** Cross-instance lease: resolves true when this process may update `key` now. */
  claim?: UpdateClaim | undefined;
  /** A claim that threw (the lease store unreachable): the update is sent anyway. */
  onClaimError?: (key: string, error: unknown) => void;
}

/** Calls `run(key)` at most once per `intervalMs` per key, always once after the last request. */
export function createCoalescer(run: (key: string) => Promise<void>, options: CoalescerOptions = {}): Coalescer {
  const interval = options.intervalMs ?? 1_500;
  const pending = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<void>>();
  const dirty = new Set<string>();

  /** True when this process may send the update of `key` now. */
  const mayRun = async (key: string): Promise<boolean> => {
    if (!options.claim) return true;
    try {
      if (await options.claim(key, interval)) return true;
    } catch (error) {
      // Update anyway: a duplicate card update is harmless, a lost final tally is not.
      options.onClaimError?.(key, error);
      return true;
    }
    // Another instance is updating this card; its read may predate our vote, so stay dirty and
    // try again once its lease (one interval) is over: the finally below schedules that.
    dirty.add(key);
    return false;
  };

  const fire = (key: string, force = false): Promise<void> => {
    const timer = pending.get(key);
    if (timer) clearTimeout(timer);
    pending.delete(key);
    if (running.has(key)) return running.get(key) as Promise<void>;
    dirty.delete(key);
    const job = (force ? Promise.resolve(true) : mayRun(key))
      .then((mine) => (mine ? run(key) : undefined))
      .catch((error: unknown) => options.onError?.(key, error))
      .finally(() => {
        running.delete(key);
        // Votes that came in while this update ran (or a lost claim) get the trailing update.
        if (dirty.has(key)) schedule(key);
      });
    running.set(key, job);
    return job;
  };
  const schedule = (key: string) => {
    if (pending.has(key)) return;
    pending.set(key, setTimeout(() => void fire(key), interval));
  };

  return {
    request(key) {
      dirty.add(key);
      if (!running.has(key)) schedule(key);
    },
    async flush() {
      await Promise.all([...running.values()]);
      // Without the claim: at shutdown a lost claim would leave this instance's last vote to an
      // update that may have read the state before it; one duplicate update is the cheaper risk.
      await Promise.all([...pending.keys()].map((key) => fire(key, true)));
    },
  };
}
