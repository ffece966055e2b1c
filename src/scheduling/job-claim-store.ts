// The claim table that makes scheduled work happen once however many instances run: before acting
// on a slot, an instance claims the row (job, scope, periodKey); a unique key lets exactly one
// insert win, and the loser does nothing. A run whose owner died (claimed long ago, never
// finished) or that failed can be claimed again, a bounded number of times.

/** Names one run: which job, for whom (usually an alliance id) and which period. */
export interface JobKey {
  job: string;
  scope: string;
  periodKey: string;
}

/** What happened to a run. */
export type JobRunStatus = "claimed" | "done" | "skipped" | "failed";

/** A stored run. */
export interface JobRunRecord extends JobKey {
  status: JobRunStatus;
  claimedBy: string;
  claimedAt: Date;
  attempts: number;
  finishedAt: Date | null;
  error: string | null;
}

/** When a run that is not done may be claimed again. */
export interface ClaimPolicy {
  /** A claim older than this without a result is taken to be from a dead instance. */
  staleAfterMs: number;
  /** First retry delay after a failure; doubles with each attempt. */
  retryFailedAfterMs: number;
  /** Claims per run at most (the first included). */
  maxAttempts: number;
}

/** A sensible default: 15 min to finish, retry after 1, 2, 4 min, give up after 4 attempts. */
export const DEFAULT_CLAIM_POLICY: ClaimPolicy = { staleAfterMs: 15 * 60_000, retryFailedAfterMs: 60_000, maxAttempts: 4 };

/** Durable claims on scheduled runs (PostgreSQL/PGlite in production, memory in unit tests). */
export interface JobClaimStore {
  /**
   * Claims the run for `instanceId`: inserts it, or re-claims it when `reclaimable` says so.
   * True when the caller now owns the run and must do the work; false: someone else has it.
   */
  claim(key: JobKey, now: Date, instanceId: string, policy?: ClaimPolicy): Promise<boolean>;
  /** Claims by insert only (no re-claim): for per-minute sweeps, where the next minute simply tries again. */
  claimOnce(key: JobKey, now: Date, instanceId: string): Promise<boolean>;
  /** Records success; false when the claim was taken over meanwhile (the result still stands). */
  complete(key: JobKey, now: Date, instanceId: string): Promise<boolean>;
  /** Records a failure with its message; the run may be re-claimed later per the policy. */
  fail(key: JobKey, now: Date, instanceId: string, error: string): Promise<boolean>;
  /** Records that the run was deliberately not done (e.g. missed too long ago); no-op if a row exists. */
  markSkipped(key: JobKey, now: Date, instanceId: string, reason: string): Promise<boolean>;
  /** The stored runs among `keys` (missing ones are simply absent). */
  find(keys: readonly JobKey[]): Promise<JobRunRecord[]>;
  /** Deletes finished runs of `jobs` claimed before `before` (for per-minute sweeps); returns the count. */
  prune(jobs: readonly string[], before: Date): Promise<number>;
}

/** Stable string form of a key, for maps and sets. */
export function jobKeyString(key: JobKey): string {
  return `${key.job}\u0000${key.scope}\u0000${key.periodKey}`;
}

/** Whether an existing run may be claimed again at `now`. */
export function reclaimable(run: JobRunRecord, now: Date, policy: ClaimPolicy): boolean {
  if (run.attempts >= policy.maxAttempts) return false;
  const t = now.getTime();
  if (run.status === "claimed") return run.claimedAt.getTime() <= t - policy.staleAfterMs;
  if (run.status === "failed") {
    const delay = policy.retryFailedAfterMs * 2 ** (run.attempts - 1);
    return (run.finishedAt ?? run.claimedAt).getTime() <= t - delay;
  }
  return false;
}

/** A claim that went stale on its last allowed attempt: record it as failed so it settles. */
export function abandoned(run: JobRunRecord, now: Date, policy: ClaimPolicy): boolean {
  return (
    run.status === "claimed" &&
    run.attempts >= policy.maxAttempts &&
    run.claimedAt.getTime() <= now.getTime() - policy.staleAfterMs
  );
}

/** Whether nothing more will ever happen to this run (done, skipped, or out of attempts). */
export function isSettled(run: JobRunRecord, policy: ClaimPolicy): boolean {
  if (run.status === "done" || run.status === "skipped") return true;
  return run.attempts >= policy.maxAttempts && run.status === "failed";
}
