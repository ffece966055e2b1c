// Coalesces updates of one posted message: a burst of votes becomes one card update per
// interval, and the last vote is always followed by an update. The update reads the current
// state when it runs, so skipped intermediate states lose nothing; it keeps the per-conversation
// rate (7 ops/s) free for real messages.

/** Requests, flushes and counts pending updates. */
export interface Coalescer {
  request(key: string): void;
  /** Runs everything pending now and waits (shutdown, tests). */
  flush(): Promise<void>;
}

/** Calls `run(key)` at most once per `intervalMs` per key, always once after the last request. */
export function createCoalescer(run: (key: string) => Promise<void>, options: { intervalMs?: number; onError?: (key: string, error: unknown) => void } = {}): Coalescer {
  const interval = options.intervalMs ?? 1_500;
  const pending = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<void>>();
  const dirty = new Set<string>();

  const fire = (key: string): Promise<void> => {
    const timer = pending.get(key);
    if (timer) clearTimeout(timer);
    pending.delete(key);
    if (running.has(key)) return running.get(key) as Promise<void>;
    dirty.delete(key);
    const job = run(key)
      .catch((error: unknown) => options.onError?.(key, error))
      .finally(() => {
        running.delete(key);
        // Votes that came in while this update ran get the trailing update.
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
      await Promise.all([...pending.keys()].map((key) => fire(key)));
    },
  };
}
