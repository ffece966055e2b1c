// The retention job is a sweep claimed once per hour across instances: erasing after a 30-day
// deadline needs no minute precision, and two instances must not both run it.
import { describe, expect, it } from "vitest";
import { FixedClock } from "#core/shared/clock.js";
import { Scheduler } from "#scheduling/scheduler.js";
import { InMemoryJobClaimStore } from "#storage/memory/in-memory-job-claim-store.js";
import { RecordingJobHandlers } from "../../support/recording-job-handlers.js";

class WithRetention extends RecordingJobHandlers {
  readonly erasures: Date[] = [];
  eraseUninstalledWorkspaces = async (now: Date) => {
    this.erasures.push(now);
  };
}

describe("the retention sweep", () => {
  it("runs once per hour however often and on however many instances the scheduler ticks", async () => {
    const clock = new FixedClock(new Date("2026-03-02T09:00:00Z"));
    const claims = new InMemoryJobClaimStore();
    const handlers = new WithRetention();
    const instances = [0, 1].map((i) => new Scheduler({ claims, handlers, alliances: async () => [], clock, instanceId: `i-${i}` }));
    for (let minute = 0; minute < 150; minute += 1) {
      for (const scheduler of instances) await scheduler.tick();
      clock.advance(60_000);
    }
    expect(handlers.erasures.map((d) => d.toISOString())).toEqual(["2026-03-02T09:00:00.000Z", "2026-03-02T10:00:00.000Z", "2026-03-02T11:00:00.000Z"]);
  });

  it("is retried the next hour when it failed", async () => {
    const clock = new FixedClock(new Date("2026-03-02T09:00:00Z"));
    const handlers = new WithRetention();
    let fail = true;
    handlers.eraseUninstalledWorkspaces = async (now) => {
      if (fail) {
        fail = false;
        throw new Error("database down");
      }
      handlers.erasures.push(now);
    };
    const scheduler = new Scheduler({ claims: new InMemoryJobClaimStore(), handlers, alliances: async () => [], clock, instanceId: "i" });
    const first = await scheduler.tick();
    expect(first.failed).toContain("retention/*/2026-03-02T09");
    clock.advance(3_600_000);
    await scheduler.tick();
    expect(handlers.erasures).toHaveLength(1);
  });
});
