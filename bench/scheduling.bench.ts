// Scheduling: the cost of deciding what is due. A minute tick over many alliances (in memory, so
// this is the scheduler's own work, not the database's), and the slot math behind it.
// Baseline: one year of a weekly schedule's slots in one zone.
import { FixedClock } from "#core/shared/clock.js";
import { slotsBetween } from "#core/schedule/slots.js";
import type { JobHandlers, ScheduledAlliance } from "#scheduling/job-handlers.js";
import { Scheduler } from "#scheduling/scheduler.js";
import { InMemoryJobClaimStore } from "#storage/memory/in-memory-job-claim-store.js";
import { measure, type Benchmark } from "./lib.js";

const zones = ["Europe/Amsterdam", "America/New_York", "Asia/Kolkata", "Australia/Melbourne", "UTC"];
const noop = async () => {};
const handlers: JobHandlers = {
  runSummary: noop,
  runPulseRound: noop,
  runPulseReminders: noop,
  runCommitmentReminders: noop,
  runCommitmentCheckIns: noop,
  closeDuePolls: noop,
  runPollRecurrences: noop,
};

function alliances(n: number): ScheduledAlliance[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `alliance-${i}`,
    timezone: zones[i % zones.length]!,
    summary: { cadence: "weekly", weekday: 1 + (i % 7), hour: 9 },
    pulse: { cadence: "biweekly", weekday: 3, hour: 10 },
  }));
}

async function ticks(n: number, label: string) {
  const clock = new FixedClock(new Date("2026-11-30T00:00:00Z"));
  const list = alliances(n);
  const scheduler = new Scheduler({ claims: new InMemoryJobClaimStore(), handlers, alliances: async () => list, clock, instanceId: "bench" });
  await scheduler.tick(); // start-up: computes every alliance's slots and records the past as skipped
  return measure(label, async () => {
    clock.advance(60_000);
    await scheduler.tick();
  }, { iterations: 300 });
}

const benchmark: Benchmark = {
  title: "Scheduling: deciding what is due",
  async run() {
    const weekly = { cadence: "weekly", weekday: 1, hour: 9, timezone: "Europe/Amsterdam" } as const;
    return [
      await measure("baseline: a year of weekly slots (slot math)", () =>
        slotsBetween(weekly, new Date("2026-01-01T00:00:00Z"), new Date("2027-01-01T00:00:00Z")), { iterations: 50 }),
      await ticks(100, "minute tick, 100 alliances (steady state)"),
      await ticks(1000, "minute tick, 1000 alliances (steady state)"),
    ];
  },
};

export default benchmark;
