// Housekeeping is a sweep claimed once per UTC day across instances: it deletes expired
// message-update leases and link audit rows past their retention, and one failing pruner does
// not keep the others from running.
import { describe, expect, it } from "vitest";
import { FixedClock } from "#core/shared/clock.js";
import { DEFAULT_HOUSEKEEPING_RETENTION, housekeepingPruners, type Pruner } from "#scheduling/housekeeping.js";
import { Scheduler } from "#scheduling/scheduler.js";
import { InMemoryJobClaimStore } from "#storage/memory/in-memory-job-claim-store.js";
import { InMemoryUpdateLeaseStore } from "#storage/memory/in-memory-update-lease-store.js";
import { RecordingJobHandlers } from "../../support/recording-job-handlers.js";

const MIN = 60_000;
const DAY = 86_400_000;

describe("the housekeeping sweep", () => {
  it("runs once per UTC day however often and on however many instances the scheduler ticks", async () => {
    const clock = new FixedClock(new Date("2026-03-02T22:00:00Z"));
    const claims = new InMemoryJobClaimStore();
    const runs: string[] = [];
    const pruners: Pruner[] = [{ name: "probe", prune: async (now) => (runs.push(now.toISOString()), 0) }];
    const handlers = new RecordingJobHandlers();
    const instances = [0, 1].map((i) => new Scheduler({ claims, handlers, alliances: async () => [], clock, instanceId: `i-${i}`, pruners }));
    for (let minute = 0; minute < 26 * 60; minute += 10) {
      for (const scheduler of instances) await scheduler.tick();
      clock.advance(10 * MIN);
    }
    expect(runs).toEqual(["2026-03-02T22:00:00.000Z", "2026-03-03T00:00:00.000Z"]);
  });

  it("deletes the update leases expired for more than a day and leaves the others", async () => {
    const clock = new FixedClock(new Date("2026-03-02T09:00:00Z"));
    const leases = new InMemoryUpdateLeaseStore(() => clock.now());
    await leases.claim("slack:poll:old", MIN);
    clock.advance(DAY + 2 * MIN);
    await leases.claim("slack:poll:recent", MIN);
    const linkAudit = { cutoffs: [] as Date[], pruneEvents: async (before: Date) => (linkAudit.cutoffs.push(before), 0) };
    const scheduler = new Scheduler({
      claims: new InMemoryJobClaimStore(),
      handlers: new RecordingJobHandlers(),
      alliances: async () => [],
      clock,
      instanceId: "i",
      pruners: housekeepingPruners({ updateLeases: leases, linkAudit }),
    });
    const report = await scheduler.tick();
    expect(report.ran).toContain("housekeeping/*/2026-03-03");
    expect(leases.keys()).toEqual(["slack:poll:recent"]);
    expect(linkAudit.cutoffs).toEqual([new Date(clock.now().getTime() - DEFAULT_HOUSEKEEPING_RETENTION.linkAuditMs)]);
    expect(DEFAULT_HOUSEKEEPING_RETENTION.linkAuditMs).toBe(365 * DAY);
  });

  it("runs every pruner when one fails, records the run as failed and tries again the next day", async () => {
    const clock = new FixedClock(new Date("2026-03-02T09:00:00Z"));
    const ran: string[] = [];
    let broken = true;
    const pruners: Pruner[] = [
      { name: "broken", prune: async () => { if (broken) throw new Error("database down"); ran.push("broken"); return 0; } },
      { name: "fine", prune: async () => (ran.push("fine"), 1) },
    ];
    const scheduler = new Scheduler({ claims: new InMemoryJobClaimStore(), handlers: new RecordingJobHandlers(), alliances: async () => [], clock, instanceId: "i", pruners });
    const first = await scheduler.tick();
    expect(first.failed).toEqual(["housekeeping/*/2026-03-02"]);
    expect(ran).toEqual(["fine"]);
    broken = false;
    clock.advance(DAY);
    expect((await scheduler.tick()).ran).toContain("housekeeping/*/2026-03-03");
    expect(ran).toEqual(["fine", "broken", "fine"]);
  });
});
