// The JobHandlers the scheduler calls, over the core services: each job builds platform-neutral
// views and queues them in the durable outbox under a dedupe key; the outbox dispatcher and the
// platforms' MessageSenders deliver them. Every handler is safe to repeat (see job-handlers.ts).
import { runCommitmentNudges } from "./commitment-jobs.js";
import { JobContext, type JobDeps } from "./job-context.js";
import type { JobHandlers } from "./job-handlers.js";
import { closeDuePolls, runPollRecurrences } from "./poll-jobs.js";
import { runPulseReminders, runPulseRound } from "./pulse-jobs.js";
import { runSummary } from "./summary-job.js";

export type { JobDeps } from "./job-context.js";

/** Builds the handlers over the core services and the outbox. */
export function createCoreJobHandlers(deps: JobDeps): JobHandlers {
  const job = new JobContext(deps);
  return {
    runSummary: (allianceId, periodKey, now) => runSummary(job, allianceId, periodKey, now),
    runPulseRound: (allianceId, periodKey, now) => runPulseRound(job, allianceId, periodKey, now),
    runPulseReminders: (allianceId, periodKey, now) => runPulseReminders(job, allianceId, periodKey, now),
    runCommitmentReminders: (allianceId, localDate, now) => runCommitmentNudges(job, "before_due", allianceId, localDate, now),
    runCommitmentCheckIns: (allianceId, localDate, now) => runCommitmentNudges(job, "due_today", allianceId, localDate, now),
    closeDuePolls: (now) => closeDuePolls(job, now),
    runPollRecurrences: (now) => runPollRecurrences(job, now),
    eraseUninstalledWorkspaces: async (now) => {
      for (const erased of await deps.services.retention.eraseDue(now)) {
        deps.logger?.info({ ...erased }, "retention: erased the personal data of an uninstalled workspace");
      }
    },
  };
}
