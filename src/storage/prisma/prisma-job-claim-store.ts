// JobClaimStore on Prisma (PGlite and PostgreSQL). A claim is one INSERT … ON CONFLICT DO NOTHING
// (createMany with skipDuplicates): PostgreSQL's unique index lets exactly one of any number of
// concurrent inserts win. Re-claiming a stale or failed run is a compare-and-set on
// (status, attempts), so two instances re-claiming at once also end with one owner.
import {
  abandoned,
  DEFAULT_CLAIM_POLICY,
  reclaimable,
  type ClaimPolicy,
  type JobClaimStore,
  type JobKey,
  type JobRunRecord,
  type JobRunStatus,
} from "#scheduling/job-claim-store.js";
import type { PrismaClient } from "../prisma-client.js";

type JobRunRow = {
  job: string;
  scope: string;
  periodKey: string;
  status: string;
  claimedBy: string;
  claimedAt: Date;
  attempts: number;
  finishedAt: Date | null;
  error: string | null;
};

function toRecord(row: JobRunRow): JobRunRecord {
  return {
    job: row.job,
    scope: row.scope,
    periodKey: row.periodKey,
    status: row.status as JobRunStatus,
    claimedBy: row.claimedBy,
    claimedAt: row.claimedAt,
    attempts: row.attempts,
    finishedAt: row.finishedAt,
    error: row.error,
  };
}

const MAX_ERROR_LENGTH = 2000;
/** Only the key's own fields: callers may pass richer objects (e.g. a scheduled run with its time). */
const keyOf = (key: JobKey): JobKey => ({ job: key.job, scope: key.scope, periodKey: key.periodKey });
const unique = (key: JobKey) => ({ job_scope_periodKey: { job: key.job, scope: key.scope, periodKey: key.periodKey } });

/** Scheduled-run claims in the JobRun table. */
export class PrismaJobClaimStore implements JobClaimStore {
  constructor(private readonly prisma: PrismaClient) {}

  async claim(wanted: JobKey, now: Date, instanceId: string, policy: ClaimPolicy = DEFAULT_CLAIM_POLICY): Promise<boolean> {
    const key = keyOf(wanted);
    const inserted = await this.prisma.jobRun.createMany({
      data: [{ ...key, status: "claimed", claimedBy: instanceId, claimedAt: now, attempts: 1 }],
      skipDuplicates: true,
    });
    if (inserted.count === 1) return true;
    const row = await this.prisma.jobRun.findUnique({ where: unique(key) });
    if (!row) return false; // deleted meanwhile (pruned): not ours to redo
    const run = toRecord(row);
    const expected = { ...key, status: row.status, attempts: row.attempts };
    if (abandoned(run, now, policy)) {
      await this.prisma.jobRun.updateMany({
        where: expected,
        data: { status: "failed", finishedAt: now, error: `abandoned: no result after ${run.attempts} attempts` },
      });
      return false;
    }
    if (!reclaimable(run, now, policy)) return false;
    const taken = await this.prisma.jobRun.updateMany({
      where: expected,
      data: { status: "claimed", claimedBy: instanceId, claimedAt: now, attempts: row.attempts + 1, finishedAt: null, error: null },
    });
    return taken.count === 1;
  }

  async claimOnce(wanted: JobKey, now: Date, instanceId: string): Promise<boolean> {
    const inserted = await this.prisma.jobRun.createMany({
      data: [{ ...keyOf(wanted), status: "claimed", claimedBy: instanceId, claimedAt: now, attempts: 1 }],
      skipDuplicates: true,
    });
    return inserted.count === 1;
  }

  async complete(key: JobKey, now: Date, instanceId: string): Promise<boolean> {
    const updated = await this.prisma.jobRun.updateMany({
      where: { ...keyOf(key), status: "claimed", claimedBy: instanceId },
      data: { status: "done", finishedAt: now, error: null },
    });
    return updated.count === 1;
  }

  async fail(key: JobKey, now: Date, instanceId: string, error: string): Promise<boolean> {
    const updated = await this.prisma.jobRun.updateMany({
      where: { ...keyOf(key), status: "claimed", claimedBy: instanceId },
      data: { status: "failed", finishedAt: now, error: error.slice(0, MAX_ERROR_LENGTH) },
    });
    return updated.count === 1;
  }

  async markSkipped(key: JobKey, now: Date, instanceId: string, reason: string): Promise<boolean> {
    const inserted = await this.prisma.jobRun.createMany({
      data: [{ ...keyOf(key), status: "skipped", claimedBy: instanceId, claimedAt: now, finishedAt: now, error: reason.slice(0, MAX_ERROR_LENGTH) }],
      skipDuplicates: true,
    });
    return inserted.count === 1;
  }

  async find(keys: readonly JobKey[]): Promise<JobRunRecord[]> {
    if (keys.length === 0) return [];
    // Narrow by job and scope in SQL, then match period keys exactly here.
    const wanted = new Set(keys.map((k) => `${k.job}\u0000${k.scope}\u0000${k.periodKey}`));
    const rows = await this.prisma.jobRun.findMany({
      where: {
        job: { in: [...new Set(keys.map((k) => k.job))] },
        scope: { in: [...new Set(keys.map((k) => k.scope))] },
        periodKey: { in: [...new Set(keys.map((k) => k.periodKey))] },
      },
    });
    return rows.map(toRecord).filter((r) => wanted.has(`${r.job}\u0000${r.scope}\u0000${r.periodKey}`));
  }

  async prune(jobs: readonly string[], before: Date): Promise<number> {
    const deleted = await this.prisma.jobRun.deleteMany({
      where: { job: { in: [...jobs] }, claimedAt: { lt: before }, status: { in: ["done", "skipped", "failed"] } },
    });
    return deleted.count;
  }
}
