// JobHandlers that record every call (and can be told to fail), for scheduler tests.
import type { JobHandlers } from "#scheduling/job-handlers.js";

/** One handler call. */
export interface HandlerCall {
  handler: keyof JobHandlers;
  allianceId?: string;
  periodKey?: string;
  now: Date;
}

/** Records calls; `failNext(handler, n)` makes the next n calls of a handler throw. */
export class RecordingJobHandlers implements JobHandlers {
  readonly calls: HandlerCall[] = [];
  private readonly failures = new Map<keyof JobHandlers, number>();
  /** Optional delay per call, to widen race windows in concurrency tests. */
  delayMs = 0;

  failNext(handler: keyof JobHandlers, times = 1): void {
    this.failures.set(handler, times);
  }

  of(handler: keyof JobHandlers, allianceId?: string): HandlerCall[] {
    return this.calls.filter((c) => c.handler === handler && (allianceId === undefined || c.allianceId === allianceId));
  }

  private async record(call: HandlerCall): Promise<void> {
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const left = this.failures.get(call.handler) ?? 0;
    if (left > 0) {
      this.failures.set(call.handler, left - 1);
      throw new Error(`${call.handler} failed on purpose`);
    }
    this.calls.push(call);
  }

  runSummary = (allianceId: string, periodKey: string, now: Date) => this.record({ handler: "runSummary", allianceId, periodKey, now });
  runPulseRound = (allianceId: string, periodKey: string, now: Date) => this.record({ handler: "runPulseRound", allianceId, periodKey, now });
  runPulseReminders = (allianceId: string, periodKey: string, now: Date) =>
    this.record({ handler: "runPulseReminders", allianceId, periodKey, now });
  runCommitmentReminders = (allianceId: string, periodKey: string, now: Date) =>
    this.record({ handler: "runCommitmentReminders", allianceId, periodKey, now });
  runCommitmentCheckIns = (allianceId: string, periodKey: string, now: Date) =>
    this.record({ handler: "runCommitmentCheckIns", allianceId, periodKey, now });
  closeDuePolls = (now: Date) => this.record({ handler: "closeDuePolls", now });
  runPollRecurrences = (now: Date) => this.record({ handler: "runPollRecurrences", now });
}
