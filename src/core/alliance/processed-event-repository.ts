/**
 * Inbound event ids already handled (Slack event_id, Teams activity id), so a platform retry of
 * something already processed changes nothing. Keys look like "<platform>:<id>".
 */
export interface ProcessedEventRepository {
  /** True the first time `key` is seen, false on every later call (also across instances). */
  markProcessed(key: string, at: Date): Promise<boolean>;
  /**
   * Un-marks `key` after its handling failed, so the platform's retry is handled instead of
   * dropped as a duplicate.
   */
  forget(key: string): Promise<void>;
  /** Forgets keys received before `olderThan` (platforms retry for minutes, not days). Returns the count. */
  prune(olderThan: Date): Promise<number>;
}
