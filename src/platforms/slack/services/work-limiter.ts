// Bounds how much post-ack work runs at once. Acks never wait for it, but with an in-process
// database (PGlite) every query runs on the same thread as the HTTP server; a burst of 200 clicks
// doing their database work all at once would delay the next acks. A small pool keeps the event
// loop free for acknowledgements while the work drains in arrival order.

/** Runs async jobs with at most `concurrency` in flight, FIFO. */
export interface WorkLimiter {
  run<T>(job: () => Promise<T>): Promise<T>;
  /** Jobs waiting or running. */
  size(): number;
}

/** Builds a limiter. */
export function createWorkLimiter(concurrency: number): WorkLimiter {
  let active = 0;
  const waiting: Array<() => void> = [];
  const next = () => {
    if (active >= concurrency) return;
    const start = waiting.shift();
    if (start) {
      active += 1;
      start();
    }
  };
  return {
    run(job) {
      return new Promise((resolve, reject) => {
        waiting.push(() => {
          job()
            .then(resolve, reject)
            .finally(() => {
              active -= 1;
              next();
            });
        });
        next();
      });
    },
    size: () => active + waiting.length,
  };
}
