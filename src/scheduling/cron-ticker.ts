// node-cron as a plain minute ticker. It decides nothing: which runs are due and who does them is
// the Scheduler's (slot math + claim table), so node-cron's own DST and missed-execution
// behaviour (research-reliability.md §5) cannot skip or double a run.
import { randomUUID } from "node:crypto";
import cron from "node-cron";
import type { Scheduler, SchedulerLogger } from "./scheduler.js";

/** A running ticker. */
export interface CronTicker {
  /** Stops ticking and waits for a tick in progress to finish. */
  stop(): Promise<void>;
}

/** Ticks `scheduler` now (start-up catch-up) and at the start of every minute. */
export function startCronTicker(scheduler: Scheduler, logger?: SchedulerLogger): CronTicker {
  let inFlight: Promise<unknown> = Promise.resolve();
  const tick = () => {
    inFlight = scheduler.tick().catch((error: unknown) => {
      // A database outage fails the tick; the next minute tries again and catches up.
      logger?.error({ err: error }, "scheduler tick failed");
    });
    return inFlight;
  };
  const task = cron.schedule("* * * * *", tick, {
    name: `atb-scheduler-${randomUUID()}`,
    noOverlap: true,
    // The ticker alone must not keep the process alive at shutdown.
    unref: true,
  });
  void tick();
  return {
    async stop() {
      await task.destroy();
      await inFlight;
    },
  };
}
