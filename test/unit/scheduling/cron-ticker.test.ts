import { describe, expect, it } from "vitest";
import { startCronTicker } from "#scheduling/cron-ticker.js";
import type { Scheduler } from "#scheduling/scheduler.js";

describe("cron ticker", () => {
  it("ticks once at start-up (catch-up), logs a failing tick instead of crashing, and stops", async () => {
    let ticks = 0;
    const errors: unknown[] = [];
    const scheduler = {
      tick: async () => {
        ticks += 1;
        throw new Error("database unreachable");
      },
    } as unknown as Scheduler;
    const ticker = startCronTicker(scheduler, { info() {}, warn() {}, error: (obj) => errors.push(obj) });
    await ticker.stop();
    expect(ticks).toBe(1);
    expect(errors).toHaveLength(1);
  });
});
