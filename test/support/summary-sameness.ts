// Builds the same summaries through the new summary service (aggregates from storage) and the old
// one (test/support/oracle: every period's rows read and counted in JavaScript), over the same
// repositories, for the summary-sameness tests (issue 12).
import type { Alliance, Organization } from "#core/alliance/alliance.js";
import { createCommitmentService } from "#core/commitments/commitment-service.js";
import type { CommitmentRepository } from "#core/commitments/commitment-repository.js";
import { periodKeyFor, shiftPeriodKey } from "#core/pulse/pulse-period.js";
import type { PulseRepository } from "#core/pulse/pulse-repository.js";
import { createPulseService } from "#core/pulse/pulse-service.js";
import { FixedClock } from "#core/shared/clock.js";
import type { TrustHealthSummary } from "#core/summary/summary-model.js";
import { createSummaryService, reportedPeriodKey } from "#core/summary/summary-service.js";
import { InMemorySummaryRepository } from "#storage/memory/in-memory-summary-repository.js";
import { fixedScope } from "./alliance-scope.js";
import { oldFigureSources } from "./oracle/old-figure-sources.js";
import { createOldSummaryService } from "./oracle/old-summary-service.js";

/** One summary built both ways. */
export interface SummaryPair {
  label: string;
  now: Date;
  periodKey: string;
  fresh: TrustHealthSummary;
  old: TrustHealthSummary;
}

/**
 * The summaries of the reported period at `now`, the two periods before it, and the period still
 * running at `now` three days later (judged at an instant inside the period), built both ways.
 */
export async function summariesBothWays(
  stores: { commitments: CommitmentRepository; pulse: PulseRepository },
  alliance: Alliance,
  organizations: readonly Organization[],
  now: Date,
): Promise<SummaryPair[]> {
  const clock = new FixedClock(now);
  const orgs = async () => organizations.map((o) => ({ id: o.id, name: o.name }));
  const common = {
    alliances: { getAlliance: async () => alliance, listOrganizations: async () => [...organizations] },
    polls: { listByAlliance: async () => [], getResults: async () => Promise.reject(new Error("no polls here")) },
    culture: { periods: async () => [], profiles: async () => Promise.reject(new Error("no culture fit here")) },
    summaries: new InMemorySummaryRepository(),
    clock,
  };
  const fresh = createSummaryService({
    ...common,
    commitments: createCommitmentService({ commitments: stores.commitments, clock, scope: fixedScope({}) }),
    pulse: createPulseService({ repository: stores.pulse, respondentKey: (r, m) => `${r}:${m}`, directory: { organizations: orgs, members: async () => [] } }),
  });
  const old = createOldSummaryService({ ...common, ...oldFigureSources({ ...stores, organizations: orgs, now: () => clock.now() }) });
  const cadence = alliance.summary.cadence;
  const reported = reportedPeriodKey(alliance, now);
  const later = new Date(now.getTime() + 3 * 86_400_000);
  const asked = [
    { label: "reported period", key: reported, at: now },
    { label: "one period earlier", key: shiftPeriodKey(cadence, reported, -1), at: now },
    { label: "two periods earlier", key: shiftPeriodKey(cadence, reported, -2), at: now },
    { label: "the running period, mid-way", key: periodKeyFor(cadence, later, alliance.timezone), at: later },
  ];
  const pairs: SummaryPair[] = [];
  for (const { label, key, at } of asked) {
    pairs.push({ label, now: at, periodKey: key, fresh: await fresh.build(alliance.id, key, at), old: await old.build(alliance.id, key, at) });
  }
  return pairs;
}

/**
 * The paths where two summaries differ: exactly, except numbers that differ by less than a
 * relative 1e-12 (floating-point sums taken in another order). Empty when they are the same.
 */
export function summaryDifferences(a: unknown, b: unknown, path = "$"): string[] {
  if (typeof a === "number" && typeof b === "number") {
    if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return [];
    return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b)) ? [] : [`${path}: ${a} ≠ ${b}`];
  }
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") {
    return Object.is(a, b) ? [] : [`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`];
  }
  if (Array.isArray(a) !== Array.isArray(b)) return [`${path}: array vs object`];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const out: string[] = [];
  for (const key of keys) out.push(...summaryDifferences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`));
  return out;
}
