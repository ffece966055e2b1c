/**
 * Inbound event ids already handled (Slack event_id, Teams activity id), so a platform retry of
 * something already processed changes nothing. Keys look like "<platform>:<id>".
 */
export interface ProcessedEventRepository {
  /** True the first time `key` is seen, false on every later call (also across instances). */
  markProcessed(key: string, at: Date): Promise<boolean>;
  /** Forgets keys received before `olderThan` (platforms retry for minutes, not days). Returns the count. */
  prune(olderThan: Date): Promise<number>;
}
