// Bounds how much post-ack work runs at once. Acks never wait for it, but with an in-process
// database (PGlite) every query runs on the same thread as the HTTP server; a burst of 200 clicks
// doing their database work all at once would delay the next acks. A small pool keeps the event
// loop free for acknowledgements while the work drains in arrival order.
// Background jobs (profile refreshes after a newcomer's vote) take a slot only while no request's
// work is waiting, so after a burst of first votes the votes are counted and shown first and the
// newcomers' names are written after.

/** Runs async jobs with at most `concurrency` in flight, FIFO. */
export interface WorkLimiter {
  run<T>(job: () => Promise<T>): Promise<T>;
  /** Runs `job` once no job given to `run` is waiting (within the same concurrency). */
  runInBackground<T>(job: () => Promise<T>): Promise<T>;
  /** Jobs waiting or running. */
  size(): number;
}

/** Builds a limiter. */
export function createWorkLimiter(concurrency: number): WorkLimiter {
  let active = 0;
  const waiting: Array<() => void> = [];
  const background: Array<() => void> = [];
  const next = () => {
    while (active < concurrency) {
      const start = waiting.shift() ?? background.shift();
      if (!start) return;
      active += 1;
      start();
    }
  };
  const enqueue = <T>(queue: Array<() => void>, job: () => Promise<T>): Promise<T> =>
    new Promise((resolve, reject) => {
      queue.push(() => {
        job()
          .then(resolve, reject)
          .finally(() => {
            active -= 1;
            next();
          });
      });
      next();
    });
  return {
    run: (job) => enqueue(waiting, job),
    runInBackground: (job) => enqueue(background, job),
    size: () => active + waiting.length + background.length,
  };
}
