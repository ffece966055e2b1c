// In-memory JobClaimStore for unit tests and a single process: same rules as the Prisma store.
import {
  abandoned,
  DEFAULT_CLAIM_POLICY,
  jobKeyString,
  reclaimable,
  type ClaimPolicy,
  type JobClaimStore,
  type JobKey,
  type JobRunRecord,
} from "#scheduling/job-claim-store.js";

/** Scheduled-run claims in a Map. */
export class InMemoryJobClaimStore implements JobClaimStore {
  private readonly runs = new Map<string, JobRunRecord>();
  private readonly byJob = new Map<string, Set<string>>();

  /** Every stored run, for tests. */
  all(): JobRunRecord[] {
    return [...this.runs.values()].map((r) => ({ ...r }));
  }

  async claim(key: JobKey, now: Date, instanceId: string, policy: ClaimPolicy = DEFAULT_CLAIM_POLICY): Promise<boolean> {
    const id = jobKeyString(key);
    const run = this.runs.get(id);
    if (!run) {
      this.insert(id, { job: key.job, scope: key.scope, periodKey: key.periodKey, status: "claimed", claimedBy: instanceId, claimedAt: now, attempts: 1, finishedAt: null, error: null });
      return true;
    }
    if (abandoned(run, now, policy)) {
      Object.assign(run, { status: "failed", finishedAt: now, error: `abandoned: no result after ${run.attempts} attempts` });
      return false;
    }
    if (!reclaimable(run, now, policy)) return false;
    Object.assign(run, { status: "claimed", claimedBy: instanceId, claimedAt: now, attempts: run.attempts + 1, finishedAt: null, error: null });
    return true;
  }

  async claimOnce(key: JobKey, now: Date, instanceId: string): Promise<boolean> {
    if (this.runs.has(jobKeyString(key))) return false;
    return this.claim(key, now, instanceId);
  }

  async complete(key: JobKey, now: Date, instanceId: string): Promise<boolean> {
    return this.finish(key, instanceId, { status: "done", finishedAt: now, error: null });
  }

  async fail(key: JobKey, now: Date, instanceId: string, error: string): Promise<boolean> {
    return this.finish(key, instanceId, { status: "failed", finishedAt: now, error: error.slice(0, 2000) });
  }

  async markSkipped(key: JobKey, now: Date, instanceId: string, reason: string): Promise<boolean> {
    const id = jobKeyString(key);
    if (this.runs.has(id)) return false;
    this.insert(id, { job: key.job, scope: key.scope, periodKey: key.periodKey, status: "skipped", claimedBy: instanceId, claimedAt: now, attempts: 1, finishedAt: now, error: reason });
    return true;
  }

  async find(keys: readonly JobKey[]): Promise<JobRunRecord[]> {
    return keys.flatMap((key) => {
      const run = this.runs.get(jobKeyString(key));
      return run ? [{ ...run }] : [];
    });
  }

  async prune(jobs: readonly string[], before: Date): Promise<number> {
    let pruned = 0;
    for (const job of jobs) {
      const ids = this.byJob.get(job);
      if (!ids) continue;
      for (const id of ids) {
        const run = this.runs.get(id);
        if (run && run.claimedAt < before && run.status !== "claimed") {
          this.runs.delete(id);
          ids.delete(id);
          pruned += 1;
        }
      }
    }
    return pruned;
  }

  /** Stores a new run and indexes it by job (prune walks one job's runs, not all). */
  private insert(id: string, run: JobRunRecord): void {
    this.runs.set(id, run);
    let ids = this.byJob.get(run.job);
    if (!ids) this.byJob.set(run.job, (ids = new Set()));
    ids.add(id);
  }

  private finish(key: JobKey, instanceId: string, result: Partial<JobRunRecord>): boolean {
    const run = this.runs.get(jobKeyString(key));
    if (!run || run.status !== "claimed" || run.claimedBy !== instanceId) return false;
    Object.assign(run, result);
    return true;
  }
}
