// In-memory ProcessedEventRepository for unit tests and single-process development.
import type { ProcessedEventRepository } from "#core/alliance/processed-event-repository.js";

/** Processed event keys in memory. */
export class InMemoryProcessedEventRepository implements ProcessedEventRepository {
  private readonly seen = new Map<string, Date>();

  async markProcessed(key: string, at: Date): Promise<boolean> {
    if (this.seen.has(key)) return false;
    this.seen.set(key, at);
    return true;
  }

  async forget(key: string): Promise<void> {
    this.seen.delete(key);
  }

  async prune(olderThan: Date): Promise<number> {
    let pruned = 0;
    for (const [key, at] of [...this.seen]) {
      if (at < olderThan) {
        this.seen.delete(key);
        pruned += 1;
      }
    }
    return pruned;
  }
}
