// Keeps the processed-events table small. Every command, click, event and Teams activity claims a
// row (one effect per request, docs/security.md), and a row only matters while the platform may
// still redeliver it or a replay can still pass the signature check: minutes. So, at most once per
// `everyMs` per instance, a claim also forgets rows older than `keepMs`, in the background (a
// failed prune is tried again at the next interval and never fails the claim).
import type { Clock } from "../shared/clock.js";
import type { ProcessedEventRepository } from "./processed-event-repository.js";

/** How long a claim is kept: far beyond Slack's 5-minute signature window and retry schedule. */
export const PROCESSED_EVENT_KEEP_MS = 86_400_000;
/** How often an instance prunes. */
export const PROCESSED_EVENT_PRUNE_EVERY_MS = 10 * 60_000;

/** `repository`, pruning itself now and then as claims come in. */
export function withPeriodicPrune(
  repository: ProcessedEventRepository,
  clock: Clock,
  options: { keepMs?: number; everyMs?: number; onError?: (error: unknown) => void } = {},
): ProcessedEventRepository {
  const keepMs = options.keepMs ?? PROCESSED_EVENT_KEEP_MS;
  const everyMs = options.everyMs ?? PROCESSED_EVENT_PRUNE_EVERY_MS;
  let lastPrune = clock.now().getTime();
  return {
    async markProcessed(key, at) {
      const now = clock.now().getTime();
      if (now - lastPrune >= everyMs) {
        lastPrune = now;
        repository.prune(new Date(now - keepMs)).catch((error: unknown) => options.onError?.(error));
      }
      return repository.markProcessed(key, at);
    },
    forget: (key) => repository.forget(key),
    prune: (olderThan) => repository.prune(olderThan),
  };
}
