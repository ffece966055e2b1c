// Several scheduler instances on ONE database (PGlite, and PostgreSQL when TEST_DATABASE_URL is
// set) racing on the same slots: every run's handler is called once; downtime is caught up or
// recorded as skipped; a run whose instance died mid-way is taken over.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FixedClock } from "#core/shared/clock.js";
import { allianceRunsBetween } from "#scheduling/alliance-jobs.js";
import type { ScheduledAlliance } from "#scheduling/job-handlers.js";
import { Scheduler } from "#scheduling/scheduler.js";
import type { Database } from "#storage/database.js";
import { PrismaJobClaimStore } from "#storage/prisma/prisma-job-claim-store.js";
import { RecordingJobHandlers, type HandlerCall } from "../../support/recording-job-handlers.js";
import { storageTargets } from "../../support/databases.js";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function alliance(timezone: string, createdAt: Date): ScheduledAlliance {
  return {
    id: `alliance-${randomUUID()}`,
    timezone,
    summary: { cadence: "weekly", weekday: 1, hour: 9 },
    pulse: { cadence: "weekly", weekday: 3, hour: 10 },
    createdAt,
  };
}

const callKey = (c: HandlerCall) => `${c.handler}|${c.allianceId ?? "*"}|${c.periodKey ?? c.now.toISOString()}`;

for (const target of storageTargets) {
  describe(`scheduler on ${target.name}`, () => {
    let db: Database;
    beforeAll(async () => {
      db = await target.open();
    });
    afterAll(async () => {
      await db?.close();
    });

    const instances = (n: number, list: ScheduledAlliance[], clock: FixedClock, handlers: RecordingJobHandlers) =>
      Array.from({ length: n }, (_, i) =>
        new Scheduler({
          claims: new PrismaJobClaimStore(db.prisma),
          handlers,
          alliances: async () => list,
          clock,
          instanceId: `instance-${i}-${randomUUID().slice(0, 6)}`,
        }),
      );

    it("three instances ticking at once over a working week run every slot exactly once", async () => {
      // Monday to Saturday: the summary (Mon), the pulse round (Wed), its reminder (Fri), daily jobs.
      const start = new Date("2026-11-30T00:00:00Z");
      const end = new Date(start.getTime() + 5 * DAY);
      const list = [alliance("Europe/Amsterdam", start), alliance("America/New_York", start), alliance("Asia/Kolkata", start)];
      const clock = new FixedClock(start);
      const handlers = new RecordingJobHandlers();
      handlers.delayMs = 2; // widen the window between claim and completion
      const schedulers = instances(3, list, clock, handlers);
      let steps = 0;
      while (clock.now() < end) {
        await Promise.all(schedulers.map((s) => s.tick()));
        clock.advance(4 * HOUR); // runs start up to 4 h late: well inside the catch-up window
        steps += 1;
      }
      const keys = handlers.calls.map(callKey);
      expect(new Set(keys).size).toBe(keys.length); // nothing ran twice
      for (const a of list) {
        const expected = allianceRunsBetween(a, start, new Date(end.getTime() - 4 * HOUR));
        const ran = handlers.calls.filter((c) => c.allianceId === a.id);
        expect(ran).toHaveLength(expected.length); // nothing was lost
        expect(expected.filter((r) => r.job === "summary").map((r) => r.periodKey)).toEqual(["2026-W49"]);
        expect(expected.filter((r) => r.job === "pulse-reminders").map((r) => r.periodKey)).toEqual(["2026-W49"]);
      }
      expect(handlers.of("closeDuePolls")).toHaveLength(steps);
      const rows = await db.prisma.jobRun.groupBy({
        by: ["status"],
        where: { scope: { in: list.map((a) => a.id) } },
        _count: { _all: true },
      });
      expect(rows.map((r) => [r.status, r._count._all])).toEqual([["done", handlers.calls.filter((c) => c.allianceId).length]]);
    });

    it("eight instances racing on the same due summary call the handler once", async () => {
      const at = new Date("2026-11-30T08:00:00Z"); // Monday 09:00 in Amsterdam
      const list = [alliance("Europe/Amsterdam", new Date(at.getTime() - HOUR))];
      const clock = new FixedClock(at);
      const handlers = new RecordingJobHandlers();
      handlers.delayMs = 20;
      await Promise.all(instances(8, list, clock, handlers).map((s) => s.tick()));
      expect(handlers.of("runSummary").map((c) => c.periodKey)).toEqual(["2026-W49"]);
      expect(handlers.of("closeDuePolls")).toHaveLength(1);
    });

    it("after ten days down, a new instance runs the last 24 h once and records the rest as skipped", async () => {
      const start = new Date("2026-11-28T00:00:00Z");
      const list = [alliance("Europe/Amsterdam", start)];
      const clock = new FixedClock(start);
      const handlers = new RecordingJobHandlers();
      const [first] = instances(1, list, clock, handlers);
      for (let i = 0; i < 4 * 4; i++) {
        await first!.tick();
        clock.advance(6 * HOUR);
      }
      const downFrom = clock.now(); // 2026-12-02T00:00Z
      clock.advance(10 * DAY + 9 * HOUR); // back on Saturday 2026-12-12 10:00 Amsterdam
      const before = handlers.calls.length;
      const [second] = instances(1, list, clock, handlers);
      const report = await second!.tick();
      const caughtUp = handlers.calls.slice(before).filter((c) => c.allianceId);
      // Only runs due in the last 24 h: today's 09:00 commitment jobs (Friday's were 25 h ago). Friday's
      // 10:00 pulse reminder is 24 h ago, but its Wednesday round was skipped, so it is skipped too.
      expect(caughtUp.map((c) => `${c.handler}:${c.periodKey}`).sort()).toEqual([
        "runCommitmentCheckIns:2026-12-12",
        "runCommitmentReminders:2026-12-12",
      ]);
      const reminder = await db.prisma.jobRun.findFirst({ where: { scope: list[0]!.id, job: "pulse-reminders", periodKey: "2026-W50" } });
      expect(reminder).toMatchObject({ status: "skipped", error: "its pulse round was skipped" });
      const gap = allianceRunsBetween(list[0]!, downFrom, new Date(clock.now().getTime() - DAY));
      // The gap includes Friday's reminder (exactly 24 h ago), skipped because its round was.
      expect(report.skipped).toHaveLength(gap.length);
      const rows = await db.prisma.jobRun.findMany({ where: { scope: list[0]!.id, claimedAt: { gte: clock.now() } } });
      expect(rows.filter((r) => r.status === "skipped")).toHaveLength(gap.length);
      expect(rows.filter((r) => r.status === "skipped").map((r) => r.periodKey)).toEqual(
        expect.arrayContaining(["2026-W50", "2026-12-05"]),
      );
      // A further tick, or a third instance, does nothing more.
      clock.advance(MIN);
      const [third] = instances(1, list, clock, handlers);
      const again = [await second!.tick(), await third!.tick()];
      expect(again.flatMap((r) => [...r.skipped, ...r.ran.filter((k) => !k.startsWith("poll-"))])).toEqual([]);
    });

    it("takes over a run whose instance died after claiming it, once the claim is stale", async () => {
      const at = new Date("2026-11-30T08:00:00Z");
      const list = [alliance("Europe/Amsterdam", new Date(at.getTime() - HOUR))];
      const store = new PrismaJobClaimStore(db.prisma);
      // The dead instance claimed Monday's summary and never finished.
      expect(await store.claim({ job: "summary", scope: list[0]!.id, periodKey: "2026-W49" }, at, "dead")).toBe(true);
      const clock = new FixedClock(new Date(at.getTime() + MIN));
      const handlers = new RecordingJobHandlers();
      const [survivor] = instances(1, list, clock, handlers);
      await survivor!.tick();
      expect(handlers.of("runSummary")).toEqual([]); // still within the 15-minute lease
      clock.set(new Date(at.getTime() + 15 * MIN));
      await survivor!.tick();
      expect(handlers.of("runSummary").map((c) => c.periodKey)).toEqual(["2026-W49"]);
      const row = await db.prisma.jobRun.findFirst({ where: { scope: list[0]!.id, job: "summary" } });
      expect(row).toMatchObject({ status: "done", attempts: 2 });
    });
  });
}
