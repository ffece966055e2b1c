// `npm run demo` without the command line: opens its own embedded database, seeds the sample
// alliance through the core services, builds the summary the steering committee would get on
// the Monday after the story's twelve weeks, and writes it with its charts into a folder.
import { rm } from "node:fs/promises";
import { buildCoreServices } from "#src/compose-services.js";
import { FixedClock } from "#core/shared/clock.js";
import type { Locale } from "#core/shared/refs.js";
import { addDays, toZoned, type LocalDate } from "#core/shared/zoned-time.js";
import type { TrustHealthSummary } from "#core/summary/summary-model.js";
import { openDatabase } from "#storage/database.js";
import { writeSummaryFolder, type WrittenSummary } from "./demo-output.js";
import { DEMO_TIMEZONE, demoCalendar } from "./demo-timeline.js";
import { seedDemo, type SeededDemo } from "./seed-demo.js";

/** Options of one demo run. */
export interface DemoOptions {
  /** PGlite data directory (wiped first), or "memory://" for an in-memory database. */
  dataDir: string;
  /** Where summary.md and the PNGs go (emptied first). */
  outDir: string;
  locale: Locale;
  /** The Monday the summary is made (local date); default: this week's Monday. */
  summaryMonday?: LocalDate;
  fontDirs?: readonly string[];
  /** First week with a pulse round (default 4); later means fewer answers and a faster run. */
  firstPulseWeek?: number;
}

/** What a run produced and how long its steps took. */
export interface DemoResult {
  seeded: SeededDemo;
  summary: TrustHealthSummary;
  written: WrittenSummary;
  timings: { openMs: number; seedMs: number; summaryMs: number; writeMs: number; totalMs: number };
}

/** This week's Monday in the demo's time zone. */
export function currentMonday(now: Date = new Date()): LocalDate {
  const local = toZoned(now, DEMO_TIMEZONE);
  const weekday = (new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay() + 6) % 7; // 0 = Monday
  return addDays({ year: local.year, month: local.month, day: local.day }, -weekday);
}

/** Runs the demo end to end. */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const started = performance.now();
  const lap = (() => {
    let last = started;
    return () => {
      const now = performance.now();
      const ms = Math.round(now - last);
      last = now;
      return ms;
    };
  })();
  if (!options.dataDir.startsWith("memory://")) await rm(options.dataDir, { recursive: true, force: true });
  const database = await openDatabase({ kind: "pglite", dataDir: options.dataDir });
  try {
    const openMs = lap();
    const calendar = demoCalendar(options.summaryMonday ?? currentMonday());
    const clock = new FixedClock(calendar.at(1, 0, 8));
    const services = buildCoreServices({ prisma: database.prisma, clock, secret: "demo-secret-not-for-production" });
    const seeded = await seedDemo(services, clock, calendar, options.firstPulseWeek ? { firstPulseWeek: options.firstPulseWeek } : {});
    const seedMs = lap();
    const summary = await services.summary.buildCurrent(seeded.alliance.id, calendar.end);
    const summaryMs = lap();
    const written = await writeSummaryFolder(summary, options.locale, options.outDir, options.fontDirs ? { fontDirs: options.fontDirs } : {});
    const writeMs = lap();
    return { seeded, summary, written, timings: { openMs, seedMs, summaryMs, writeMs, totalMs: Math.round(performance.now() - started) } };
  } finally {
    await database.close();
  }
}
