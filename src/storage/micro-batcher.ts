/**
 * Collects calls that arrive together and runs them as one batch (one multi-row statement instead
 * of one round trip each). Nothing waits for a timer: a call starts a batch at once when fewer
 * than `maxInFlight` batches are running; calls arriving while they run queue up and go together
 * in the next batch. So a lone call costs what it did before, and under load (50 concurrent
 * voters on one connection) the statements per call fall with the queue length.
 * Each call gets its own result; a batch that fails is retried call by call (`runOne`), so one bad
 * item never fails the others and each caller sees its own outcome.
 */

/** Runs items of a batch. */
export interface MicroBatcher<I, O> {
  run(item: I): Promise<O>;
}

interface Pending<I, O> {
  item: I;
  resolve(value: O): void;
  reject(error: unknown): void;
}

/** Builds a batcher; `conflictKey` keeps two items with the same key out of one batch. */
export function createMicroBatcher<I, O>(options: {
  /** Runs a batch; returns one result per item, in order. */
  runBatch: (items: I[]) => Promise<O[]>;
  /** Runs one item (a lone call, and the fallback when a batch fails). */
  runOne: (item: I) => Promise<O>;
  maxBatch: number;
  maxInFlight: number;
  conflictKey?: (item: I) => string;
}): MicroBatcher<I, O> {
  const queue: Array<Pending<I, O>> = [];
  let inFlight = 0;
  let scheduled = false;
  /** Keys of the items in running batches: a later item with one of them waits, so order holds. */
  const busy = new Map<string, number>();

  const take = (): { batch: Array<Pending<I, O>>; keys: string[] } => {
    const batch: Array<Pending<I, O>> = [];
    const keys: string[] = [];
    const taken = new Set<string>();
    const skipped = new Set<string>();
    for (let i = 0; i < queue.length && batch.length < options.maxBatch; ) {
      const key = options.conflictKey?.(queue[i]!.item);
      if (key !== undefined && (taken.has(key) || skipped.has(key) || busy.has(key))) {
        skipped.add(key); // an earlier item with this key is queued or running: wait, in order
        i += 1;
        continue;
      }
      if (key !== undefined) {
        taken.add(key);
        keys.push(key);
      }
      batch.push(queue.splice(i, 1)[0]!);
    }
    return { batch, keys };
  };

  const runBatch = async (batch: Array<Pending<I, O>>): Promise<void> => {
    if (batch.length === 1) {
      const [one] = batch;
      await options.runOne(one!.item).then(one!.resolve, one!.reject);
      return;
    }
    let results: O[];
    try {
      results = await options.runBatch(batch.map((p) => p.item));
      if (results.length !== batch.length) throw new Error(`batch returned ${results.length} results for ${batch.length} items`);
    } catch {
      // Each item on its own: the failing one reports its own error, the others succeed.
      await Promise.all(batch.map((p) => options.runOne(p.item).then(p.resolve, p.reject)));
      return;
    }
    batch.forEach((p, i) => p.resolve(results[i]!));
  };

  const pump = (): void => {
    scheduled = false;
    while (inFlight < options.maxInFlight && queue.length > 0) {
      const { batch, keys } = take();
      if (batch.length === 0) return; // everything queued waits for a running batch
      inFlight += 1;
      for (const key of keys) busy.set(key, (busy.get(key) ?? 0) + 1);
      void runBatch(batch).finally(() => {
        inFlight -= 1;
        for (const key of keys) {
          const left = (busy.get(key) ?? 1) - 1;
          if (left === 0) busy.delete(key);
          else busy.set(key, left);
        }
        if (queue.length > 0) schedule();
      });
    }
  };

  // One macrotask of patience: calls made in the same tick (a burst of requests parsed together)
  // share the first batch instead of the first call going alone.
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(pump);
  };

  return {
    run(item) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        schedule();
      });
    },
  };
}
