// Drives every alliance's scheduled work exactly once across instances. node-cron only ticks
// (every minute); on each tick the pure slot math says which runs were due up to now, and the
// claim table decides who does each one. A run missed while no instance was up is done on the
// next tick if it is younger than the catch-up window, and recorded as skipped otherwise.
import type { Clock } from "#core/shared/clock.js";
import { DEFAULT_ALLIANCE_JOB_OPTIONS, type AllianceJobOptions } from "./alliance-jobs.js";
import { DueRunCache, type TrackedRun } from "./due-run-cache.js";
import {
  DEFAULT_CLAIM_POLICY,
  isSettled,
  jobKeyString,
  type ClaimPolicy,
  type JobClaimStore,
  type JobKey,
} from "./job-claim-store.js";
import type { Pruner } from "./housekeeping.js";
import type { AllianceJobName, JobHandlers, ScheduledAlliance, SweepJobName } from "./job-handlers.js";

/** The bits of a pino logger the scheduler uses. */
export interface SchedulerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Tunables; every one has a default. */
export interface SchedulerOptions {
  /** A run missed by at most this much is still done (default 24 h); older ones are skipped. */
  catchUpWindowMs: number;
  /** How far back a tick looks for runs to do or record as skipped (default 35 days: a monthly cycle). */
  horizonMs: number;
  claimPolicy: ClaimPolicy;
  jobOptions: AllianceJobOptions;
  /** Handlers running at once per tick (default 4). */
  concurrency: number;
  /** Per-minute sweep rows older than this are deleted (default 2 days). */
  sweepRetentionMs: number;
}

/** What one tick did, by job key ("job/scope/period"). */
export interface TickReport {
  ran: string[];
  failed: string[];
  skipped: string[];
}

/** Where the scheduler gets the alliances to serve (re-read every tick, so settings changes apply). */
export type AllianceSource = () => Promise<readonly ScheduledAlliance[]>;

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = {
  catchUpWindowMs: 24 * 3_600_000,
  horizonMs: 35 * 86_400_000,
  claimPolicy: DEFAULT_CLAIM_POLICY,
  jobOptions: DEFAULT_ALLIANCE_JOB_OPTIONS,
  concurrency: 4,
  sweepRetentionMs: 2 * 86_400_000,
};

const SWEEPS: readonly SweepJobName[] = ["poll-close", "poll-recurrence"];
/** Claimed per hour rather than per minute: erasing after a 30-day deadline is not urgent. */
const HOURLY_SWEEPS: readonly SweepJobName[] = ["retention"];
/** Claimed per UTC day: expired leases and old audit rows can wait a day (src/scheduling/housekeeping.ts). */
const DAILY_SWEEPS: readonly SweepJobName[] = ["housekeeping"];
/** Sweep rows are tiny; deleting old ones a few times a day keeps the table small. */
const PRUNE_EVERY_MS = 6 * 3_600_000;
const label = (key: JobKey) => `${key.job}/${key.scope}/${key.periodKey}`;

/** Decides and runs due work; call `tick()` every minute (see startCronTicker). */
export class Scheduler {
  private readonly options: SchedulerOptions;
  private readonly cache: DueRunCache;
  /** Runs known to be finished for good, with their due time (forgotten after the horizon). */
  private readonly settled = new Map<string, number>();
  private lastPrune = 0;
  private ticking: Promise<TickReport> | undefined;

  constructor(
    private readonly deps: {
      claims: JobClaimStore;
      handlers: JobHandlers;
      alliances: AllianceSource;
      clock: Clock;
      /** Unique per process, e.g. "<host>:<pid>:<random>"; recorded as JobRun.claimedBy. */
      instanceId: string;
      logger?: SchedulerLogger;
      /** Deletes rows no longer needed, once a day across instances; absent = no housekeeping job. */
      pruners?: readonly Pruner[];
    },
    options: Partial<SchedulerOptions> = {},
  ) {
    this.options = { ...DEFAULT_SCHEDULER_OPTIONS, ...options };
    this.cache = new DueRunCache(this.options.horizonMs, this.options.jobOptions, (id) => this.settled.has(id));
  }

  /** One pass: due alliance runs, then the per-minute sweeps. Overlapping calls share one pass. */
  tick(): Promise<TickReport> {
    this.ticking ??= this.pass().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async pass(): Promise<TickReport> {
    const now = this.deps.clock.now();
    const report: TickReport = { ran: [], failed: [], skipped: [] };
    const alliances = await this.deps.alliances();
    this.cache.retain(new Set(alliances.map((a) => a.id)));
    const pending: TrackedRun[] = [];
    for (const alliance of alliances) {
      try {
        pending.push(...this.cache.dueAt(alliance, now));
      } catch (error) {
        // One alliance with a broken time zone must not stop everyone else's summaries.
        this.deps.logger?.error({ allianceId: alliance.id, err: error }, "cannot compute schedule for alliance");
      }
    }
    this.forgetOldSettled(now);
    const existing = new Map((pending.length ? await this.deps.claims.find(pending) : []).map((r) => [jobKeyString(r), r]));
    const work: Array<() => Promise<void>> = [];
    for (const run of pending) {
      const row = existing.get(run.id);
      const late = now.getTime() - run.at.getTime() > this.options.catchUpWindowMs;
      if (row && (isSettled(row, this.options.claimPolicy) || late)) {
        this.settle(run); // finished, or too late to retry: leave the row as it is
      } else if (!row && late) {
        work.push(() => this.skip(run, now, report));
      } else {
        work.push(() => this.claimAndRun(run, now, report));
      }
    }
    await runPool(work, this.options.concurrency);
    await this.sweep(now, report);
    return report;
  }

  private settle(run: TrackedRun): void {
    run.settled = true;
    this.settled.set(run.id, run.at.getTime());
  }

  private async skip(run: TrackedRun, now: Date, report: TickReport): Promise<void> {
    const hours = Math.round((now.getTime() - run.at.getTime()) / 3_600_000);
    const reason = `missed: due ${run.at.toISOString()}, ${hours} h ago, beyond the catch-up window`;
    if (await this.deps.claims.markSkipped(run, now, this.deps.instanceId, reason)) {
      report.skipped.push(label(run));
      this.deps.logger?.warn({ job: run.job, allianceId: run.scope, periodKey: run.periodKey, dueAt: run.at }, "scheduled run skipped");
    }
    this.settle(run);
  }

  private async claimAndRun(run: TrackedRun, now: Date, report: TickReport): Promise<void> {
    const { claims, instanceId } = this.deps;
    if (run.job === "pulse-reminders" && (await this.roundWasSkipped(run))) {
      // Its round was missed during downtime: there is nothing to remind anyone of.
      if (await claims.markSkipped(run, now, instanceId, "its pulse round was skipped")) report.skipped.push(label(run));
      this.settle(run);
      return;
    }
    if (!(await claims.claim(run, now, instanceId, this.options.claimPolicy))) return;
    const ok = await this.execute(run, () => this.dispatch(run.job, run.scope, run.periodKey, now), report);
    if (ok) this.settle(run);
  }

  private async roundWasSkipped(reminder: JobKey): Promise<boolean> {
    const [round] = await this.deps.claims.find([{ job: "pulse-round", scope: reminder.scope, periodKey: reminder.periodKey }]);
    return round?.status === "skipped";
  }

  /** Runs `work` for a claimed key and records the outcome; true on success. */
  private async execute(key: JobKey, work: () => Promise<void>, report: TickReport): Promise<boolean> {
    const { claims, instanceId, clock, logger } = this.deps;
    try {
      await work();
      await claims.complete(key, clock.now(), instanceId);
      report.ran.push(label(key));
      return true;
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      await claims.fail(key, clock.now(), instanceId, message).catch(() => false);
      report.failed.push(label(key));
      logger?.error({ job: key.job, scope: key.scope, periodKey: key.periodKey, err: error }, "scheduled run failed");
      return false;
    }
  }

  private dispatch(job: AllianceJobName, allianceId: string, periodKey: string, now: Date): Promise<void> {
    const h = this.deps.handlers;
    switch (job) {
      case "summary":
        return h.runSummary(allianceId, periodKey, now);
      case "pulse-round":
        return h.runPulseRound(allianceId, periodKey, now);
      case "pulse-reminders":
        return h.runPulseReminders(allianceId, periodKey, now);
      case "commitment-reminders":
        return h.runCommitmentReminders(allianceId, periodKey, now);
      case "commitment-check-ins":
        return h.runCommitmentCheckIns(allianceId, periodKey, now);
    }
  }

  /** Poll deadlines and recurrences: state-based sweeps, claimed per minute so one instance runs each. */
  private async sweep(now: Date, report: TickReport): Promise<void> {
    const minute = now.toISOString().slice(0, 16); // "2026-11-30T08:00"
    for (const job of SWEEPS) {
      const key: JobKey = { job, scope: "*", periodKey: minute };
      if (!(await this.deps.claims.claimOnce(key, now, this.deps.instanceId))) continue;
      const h = this.deps.handlers;
      await this.execute(key, () => (job === "poll-close" ? h.closeDuePolls(now) : h.runPollRecurrences(now)), report);
    }
    const eraseUninstalled = this.deps.handlers.eraseUninstalledWorkspaces?.bind(this.deps.handlers);
    if (eraseUninstalled) {
      const key: JobKey = { job: "retention", scope: "*", periodKey: now.toISOString().slice(0, 13) }; // "2026-11-30T08"
      if (await this.deps.claims.claimOnce(key, now, this.deps.instanceId)) await this.execute(key, () => eraseUninstalled(now), report);
    }
    const pruners = this.deps.pruners;
    if (pruners?.length) {
      const key: JobKey = { job: "housekeeping", scope: "*", periodKey: now.toISOString().slice(0, 10) }; // "2026-11-30"
      if (await this.deps.claims.claimOnce(key, now, this.deps.instanceId)) await this.execute(key, () => this.housekeep(pruners, now), report);
    }
    if (now.getTime() - this.lastPrune >= PRUNE_EVERY_MS) {
      this.lastPrune = now.getTime();
      await this.deps.claims.prune([...SWEEPS, ...HOURLY_SWEEPS, ...DAILY_SWEEPS], new Date(now.getTime() - this.options.sweepRetentionMs));
    }
  }

  /** Runs every pruner even when one fails (each table is its own business), then reports the failures. */
  private async housekeep(pruners: readonly Pruner[], now: Date): Promise<void> {
    const failed: string[] = [];
    for (const pruner of pruners) {
      try {
        const deleted = await pruner.prune(now);
        if (deleted > 0) this.deps.logger?.info({ pruner: pruner.name, deleted }, "housekeeping: pruned rows");
      } catch (error) {
        failed.push(pruner.name);
        this.deps.logger?.error({ pruner: pruner.name, err: error }, "housekeeping: pruning failed");
      }
    }
    if (failed.length) throw new Error(`HOUSEKEEPING_FAILED: ${failed.join(", ")}`);
  }

  private forgetOldSettled(now: Date): void {
    const cutoff = now.getTime() - this.options.horizonMs - 86_400_000;
    for (const [id, at] of this.settled) if (at < cutoff) this.settled.delete(id);
  }
}

/** Runs the tasks with at most `limit` at once. */
async function runPool(tasks: ReadonlyArray<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}
