// Computing slots calls Intl many times; a minute tick over many alliances should not redo that.
// Per alliance, this keeps the runs of a window (horizon back, two weeks ahead), sorted, each with
// its key and a "settled" flag, and recomputes only when the window runs out or the alliance's
// settings change. A tick then only walks flags.
import { allianceRunsBetween, type AllianceJobOptions, type DueRun } from "./alliance-jobs.js";
import { jobKeyString } from "./job-claim-store.js";
import type { ScheduledAlliance } from "./job-handlers.js";

const DAY = 86_400_000;

/** A run with its key string, as the scheduler tracks it. */
export interface TrackedRun extends DueRun {
  readonly id: string;
  settled: boolean;
}

interface Entry {
  signature: string;
  until: number;
  runs: TrackedRun[];
}

/** Runs per alliance over a sliding window, cached. */
export class DueRunCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly horizonMs: number,
    private readonly options: AllianceJobOptions,
    /** Asked on recompute, so runs known to be settled stay settled. */
    private readonly isSettled: (id: string) => boolean,
  ) {}

  /** Unsettled runs of `alliance` with `now - horizon < at <= now`, oldest first. */
  dueAt(alliance: ScheduledAlliance, now: Date): TrackedRun[] {
    const signature = JSON.stringify([alliance.timezone, alliance.summary, alliance.pulse, alliance.createdAt?.getTime()]);
    let entry = this.entries.get(alliance.id);
    if (!entry || entry.signature !== signature || now.getTime() > entry.until) {
      const until = now.getTime() + 14 * DAY;
      const runs = allianceRunsBetween(alliance, new Date(now.getTime() - this.horizonMs), new Date(until), this.options);
      entry = {
        signature,
        until,
        runs: runs.map((run) => {
          const id = jobKeyString(run);
          return { ...run, id, settled: this.isSettled(id) };
        }),
      };
      this.entries.set(alliance.id, entry);
    }
    const from = now.getTime() - this.horizonMs;
    const due: TrackedRun[] = [];
    for (const run of entry.runs) {
      const at = run.at.getTime();
      if (at > now.getTime()) break; // sorted: the rest lie in the future
      if (at > from && !run.settled) due.push(run);
    }
    return due;
  }

  /** Forgets alliances not in `ids` (deleted or uninstalled). */
  retain(ids: ReadonlySet<string>): void {
    for (const id of this.entries.keys()) if (!ids.has(id)) this.entries.delete(id);
  }
}
