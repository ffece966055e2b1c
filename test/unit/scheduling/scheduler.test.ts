import { describe, expect, it } from "vitest";
import { FixedClock } from "#core/shared/clock.js";
import { isoWeekKey, toZoned } from "#core/shared/zoned-time.js";
import type { ScheduledAlliance } from "#scheduling/job-handlers.js";
import { Scheduler, type SchedulerOptions } from "#scheduling/scheduler.js";
import { InMemoryJobClaimStore } from "#storage/memory/in-memory-job-claim-store.js";
import { RecordingJobHandlers } from "../../support/recording-job-handlers.js";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function alliance(id: string, timezone: string, summary: Partial<ScheduledAlliance["summary"]> = {}): ScheduledAlliance {
  return {
    id,
    timezone,
    summary: { cadence: "weekly", weekday: 1, hour: 9, ...summary },
    pulse: { cadence: "weekly", weekday: 3, hour: 10 },
    createdAt: new Date("2025-12-01T00:00:00Z"),
  };
}

function setup(alliances: ScheduledAlliance[], start: Date, options: Partial<SchedulerOptions> = {}, instances = 1) {
  const clock = new FixedClock(start);
  const claims = new InMemoryJobClaimStore();
  const handlers = new RecordingJobHandlers();
  const list = [...alliances];
  const schedulers = Array.from(
    { length: instances },
    (_, i) => new Scheduler({ claims, handlers, alliances: async () => list, clock, instanceId: `instance-${i}` }, options),
  );
  return { clock, claims, handlers, list, schedulers, scheduler: schedulers[0]! };
}

/** Ticks every `step` from the clock's time until `until`. */
async function runUntil(clock: FixedClock, schedulers: Scheduler[], until: Date, step: number): Promise<void> {
  while (clock.now() < until) {
    for (const s of schedulers) await s.tick();
    clock.advance(step);
  }
}

describe.each(["Europe/Amsterdam", "America/New_York"])("weekly summaries over 52 weeks in %s", (timezone) => {
  it("post exactly once every week, on local time, including both DST weeks and a slot in the skipped hour", async () => {
    const start = new Date("2025-12-28T12:00:00Z");
    const alliances = [
      { ...alliance("monday-0900", timezone), createdAt: start },
      { ...alliance("sunday-0230", timezone, { weekday: 7, hour: 2, minute: 30 }), createdAt: start },
      { ...alliance("sunday-0130", timezone, { weekday: 7, hour: 1, minute: 30 }), createdAt: start },
    ];
    const { clock, claims, handlers, scheduler } = setup(alliances, start);
    // A tick every 30 minutes (on :00 and :30, where all three slots fall) for the ISO year 2026:
    // 53 weeks, Monday 2025-12-29 to Sunday 2027-01-03.
    await runUntil(clock, [scheduler], new Date("2027-01-04T00:00:00Z"), 30 * MIN);
    const localTimes = (id: string) => handlers.of("runSummary", id).map((c) => {
      const z = toZoned(c.now, timezone);
      expect(isoWeekKey(z)).toBe(c.periodKey);
      return `${String(z.hour).padStart(2, "0")}:${String(z.minute).padStart(2, "0")}`;
    });
    for (const id of ["monday-0900", "sunday-0230", "sunday-0130"]) {
      const periods = handlers.of("runSummary", id).map((c) => c.periodKey);
      expect(periods).toHaveLength(53);
      expect(new Set(periods).size).toBe(53);
      expect(claims.all().filter((r) => r.scope === id && r.job === "summary" && r.status !== "done")).toEqual([]);
    }
    const times = (id: string) => {
      const counts = new Map<string, number>();
      for (const t of localTimes(id)) counts.set(t, (counts.get(t) ?? 0) + 1);
      return [...counts];
    };
    expect(times("monday-0900")).toEqual([["09:00", 53]]);
    // 02:30 does not exist on the spring-forward Sunday: that week it runs at 03:00, once.
    expect(times("sunday-0230").sort()).toEqual([["02:30", 52], ["03:00", 1]]);
    // 01:30 happens twice on New York's fall-back Sunday: it still runs once.
    expect(times("sunday-0130")).toEqual([["01:30", 53]]);
  }, 30_000);
});

describe("scheduler", () => {
  it("runs each due slot once when three instances tick the same store", async () => {
    const start = new Date("2026-11-29T00:00:00Z");
    const { clock, handlers, schedulers } = setup(
      [{ ...alliance("a", "Europe/Amsterdam"), createdAt: start }, { ...alliance("b", "America/New_York"), createdAt: start }],
      start,
      {},
      3,
    );
    await runUntil(clock, schedulers, new Date("2026-12-14T00:00:00Z"), 15 * MIN);
    for (const id of ["a", "b"]) {
      expect(handlers.of("runSummary", id).map((c) => c.periodKey)).toEqual(["2026-W49", "2026-W50"]);
      expect(handlers.of("runPulseRound", id).map((c) => c.periodKey)).toEqual(["2026-W49", "2026-W50"]);
      expect(handlers.of("runPulseReminders", id).map((c) => c.periodKey)).toEqual(["2026-W49", "2026-W50"]);
      expect(handlers.of("runCommitmentReminders", id)).toHaveLength(15);
      expect(handlers.of("runCommitmentCheckIns", id)).toHaveLength(15);
    }
    // Sweeps: once per tick minute, not once per instance.
    expect(handlers.of("closeDuePolls")).toHaveLength(15 * 24 * 4);
  });

  it("sends the pulse reminder two local days after the round, for the round's period", async () => {
    const { clock, handlers, scheduler } = setup([alliance("a", "Europe/Amsterdam")], new Date("2026-11-29T00:00:00Z"));
    await runUntil(clock, [scheduler], new Date("2026-12-06T00:00:00Z"), 15 * MIN);
    const [round] = handlers.of("runPulseRound", "a");
    const [reminder] = handlers.of("runPulseReminders", "a");
    expect(round?.now.toISOString()).toBe("2026-12-02T09:00:00.000Z"); // Wednesday 10:00 CET
    expect(reminder?.now.toISOString()).toBe("2026-12-04T09:00:00.000Z"); // Friday 10:00 CET
    expect(reminder?.periodKey).toBe(round?.periodKey);
  });

  it("after downtime runs a run missed within 24 h once, and records older ones as skipped", async () => {
    // Down from before Monday 2026-11-16 until Monday 2026-11-30 10:30 Amsterdam (09:30 UTC).
    const { clock, claims, handlers, scheduler } = setup([alliance("a", "Europe/Amsterdam")], new Date("2026-11-30T09:30:00Z"), {
      horizonMs: 20 * DAY,
    });
    const first = await scheduler.tick();
    await scheduler.tick();
    expect(handlers.of("runSummary", "a").map((c) => c.periodKey)).toEqual(["2026-W49"]);
    expect(first.ran).toContain("summary/a/2026-W49");
    const summaries = claims.all().filter((r) => r.job === "summary").sort((x, y) => x.periodKey.localeCompare(y.periodKey));
    expect(summaries.map((r) => [r.periodKey, r.status])).toEqual([
      ["2026-W47", "skipped"],
      ["2026-W48", "skipped"],
      ["2026-W49", "done"],
    ]);
    expect(summaries[0]?.error).toMatch(/missed: due 2026-11-16T08:00:00.000Z/);
    // Today's commitment run (09:00 local, 1.5 h ago) catches up; yesterday's (25.5 h ago) is skipped.
    expect(handlers.of("runCommitmentReminders", "a").map((c) => c.periodKey)).toEqual(["2026-11-30"]);
    expect(claims.all().find((r) => r.job === "commitment-reminders" && r.periodKey === "2026-11-29")?.status).toBe("skipped");
    clock.advance(MIN);
    expect((await scheduler.tick()).skipped).toEqual([]);
  });

  it("retries a failed summary with backoff and runs it successfully once", async () => {
    const { clock, claims, handlers, scheduler } = setup([alliance("a", "Europe/Amsterdam")], new Date("2026-11-30T07:59:00Z"));
    handlers.failNext("runSummary", 2);
    await runUntil(clock, [scheduler], new Date("2026-11-30T08:30:00Z"), MIN);
    expect(handlers.of("runSummary", "a")).toHaveLength(1);
    const run = claims.all().find((r) => r.job === "summary" && r.periodKey === "2026-W49");
    expect(run).toMatchObject({ status: "done", attempts: 3 });
    // First try 08:00, retry after 1 min (08:01), then after 2 more (08:03).
    expect(handlers.of("runSummary", "a")[0]?.now.toISOString()).toBe("2026-11-30T08:03:00.000Z");
  });

  it("keeps serving other alliances when one has an unknown time zone", async () => {
    const { handlers, scheduler } = setup(
      [alliance("broken", "Mars/Olympus"), alliance("ok", "Europe/Amsterdam")],
      new Date("2026-11-30T08:00:00Z"),
    );
    await scheduler.tick();
    expect(handlers.of("runSummary", "ok")).toHaveLength(1);
    expect(handlers.of("runSummary", "broken")).toHaveLength(0);
  });

  it("picks up a changed summary day from the next tick", async () => {
    const { clock, handlers, list, scheduler } = setup([alliance("a", "Europe/Amsterdam")], new Date("2026-11-30T06:00:00Z"));
    await scheduler.tick(); // Monday 07:00 in Amsterdam: this week's 09:00 summary is not due yet
    list[0] = alliance("a", "Europe/Amsterdam", { weekday: 2, hour: 9 }); // moved to Tuesdays
    await runUntil(clock, [scheduler], new Date("2026-12-03T00:00:00Z"), 15 * MIN);
    expect(handlers.of("runSummary", "a").map((c) => [c.periodKey, c.now.toISOString()])).toEqual([
      ["2026-W49", "2026-12-01T08:00:00.000Z"],
    ]);
  });

  it("never runs slots from before the alliance existed", async () => {
    const fresh = { ...alliance("a", "Europe/Amsterdam"), createdAt: new Date("2026-11-30T08:30:00Z") };
    const { claims, handlers, scheduler } = setup([fresh], new Date("2026-11-30T09:00:00Z"));
    await scheduler.tick();
    expect(handlers.of("runSummary", "a")).toEqual([]);
    expect(claims.all().filter((r) => r.scope === "a")).toEqual([]);
  });
});
