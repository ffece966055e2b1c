// What the scheduler calls when a run is due and this instance won its claim. The composition
// root wires these to the core services. Each call happens once per (job, alliance, period) across
// all instances, except after a crash or a failure, when it is retried a bounded number of times:
// handlers should therefore be safe to repeat (posts go through the outbox with a dedupe key
// such as `summary:<allianceId>:<periodKey>`, so a repeat never posts twice).
import type { Alliance, Cadence } from "#core/alliance/alliance.js";

/** The work behind each scheduled job. `now` is the instant the run starts. */
export interface JobHandlers {
  /** Builds and posts the trust-health summary for the period ("2026-W48", or "2026-11" when monthly). */
  runSummary(allianceId: string, periodKey: string, now: Date): Promise<void>;
  /** Opens the pulse round for the period and sends its questions. */
  runPulseRound(allianceId: string, periodKey: string, now: Date): Promise<void>;
  /** Reminds members who have not answered the round of `periodKey` yet. */
  runPulseReminders(allianceId: string, periodKey: string, now: Date): Promise<void>;
  /** Reminders before due dates and escalation of overdue items, once per local day ("2026-11-27"). */
  runCommitmentReminders(allianceId: string, localDate: string, now: Date): Promise<void>;
  /** Asks owners "kept?" for commitments due that local day. */
  runCommitmentCheckIns(allianceId: string, localDate: string, now: Date): Promise<void>;
  /** Closes (and reveals) every poll whose deadline has passed, across alliances. Runs every minute. */
  closeDuePolls(now: Date): Promise<void>;
  /** Opens the next instance of every recurring poll that is due, across alliances. Runs every minute. */
  runPollRecurrences(now: Date): Promise<void>;
  /**
   * Erases the personal data of workspaces uninstalled longer ago than the retention period
   * (core/alliance/uninstall-retention.ts). Runs once an hour; absent = no retention job.
   */
  eraseUninstalledWorkspaces?(now: Date): Promise<void>;
}

/** The per-alliance jobs, by the name stored in JobRun.job. */
export type AllianceJobName = "summary" | "pulse-round" | "pulse-reminders" | "commitment-reminders" | "commitment-check-ins";
/** The global sweeps: poll-close and poll-recurrence every minute, retention hourly, housekeeping daily. */
export type SweepJobName = "poll-close" | "poll-recurrence" | "retention" | "housekeeping";

/** A local weekday and hour on a cadence, as alliance settings hold it. */
export interface CadenceSetting {
  cadence: Cadence;
  /** ISO weekday 1–7. */
  weekday: number;
  hour: number;
  /** 0–59, default 0. */
  minute?: number;
}

/** What the scheduler needs to know about an alliance (the composition root maps Alliance to it). */
export interface ScheduledAlliance {
  id: string;
  /** IANA zone the local days and hours are in. */
  timezone: string;
  summary: CadenceSetting;
  pulse: CadenceSetting;
  /** Slots before this are neither run nor recorded as skipped: the alliance did not exist yet. */
  createdAt?: Date;
}

/** The scheduler's view of an alliance's settings (the core type has no creation time). */
export function toScheduledAlliance(alliance: Alliance, createdAt?: Date): ScheduledAlliance {
  const { cadence, weekday, hour } = alliance.summary;
  const pulse = alliance.pulse;
  return {
    id: alliance.id,
    timezone: alliance.timezone,
    summary: { cadence, weekday, hour },
    pulse: { cadence: pulse.cadence, weekday: pulse.weekday, hour: pulse.hour },
    ...(createdAt ? { createdAt } : {}),
  };
}
