/**
 * A small read-through cache for definitions that every request reads and that rarely change
 * (which alliance a workspace belongs to, an alliance's organisations, a poll's options). Entries
 * expire after `ttlMs` of monotonic time (performance.now, not the domain Clock: a test's frozen
 * clock must not make an entry live forever), and the owner drops them at once when it changes
 * the data itself. Another instance's change is seen within `ttlMs`, so callers cache only what
 * is safe to read that stale (a poll's closed flag, for example, is re-checked by the write).
 */

/** The cache's interface. */
export interface TtlCache<V> {
  /** The cached value of `key`, or what `load` returns (stored unless it is null). */
  get(key: string, load: () => Promise<V | null>): Promise<V | null>;
  /** Stores `value` under `key`. */
  set(key: string, value: V): void;
  delete(key: string): void;
  clear(): void;
}

/** Builds a cache; the oldest entry is dropped once `maxEntries` are held. */
export function createTtlCache<V>(options: { ttlMs: number; maxEntries?: number; now?: () => number }): TtlCache<V> {
  const now = options.now ?? (() => performance.now());
  const max = options.maxEntries ?? 10_000;
  const entries = new Map<string, { value: V; until: number }>();
  const cache: TtlCache<V> = {
    async get(key, load) {
      const hit = entries.get(key);
      if (hit && hit.until > now()) return hit.value;
      const value = await load();
      if (value !== null) cache.set(key, value);
      return value;
    },
    set(key, value) {
      entries.delete(key);
      if (entries.size >= max) entries.delete(entries.keys().next().value as string);
      entries.set(key, { value, until: now() + options.ttlMs });
    },
    delete: (key) => void entries.delete(key),
    clear: () => entries.clear(),
  };
  return cache;
}
