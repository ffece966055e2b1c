// Issue 12: the summary built from per-period aggregates is the summary the old path built from
// every row — every number identical (or within floating-point epsilon) — on randomised
// histories with fixed seeds, in memory. The same comparison runs on PGlite / PostgreSQL and on
// the demo alliance in test/integration/summary/summary-sameness.test.ts.
import { describe, expect, it } from "vitest";
import { InMemoryCommitmentRepository } from "#storage/memory/in-memory-commitment-repository.js";
import { InMemoryPulseRepository } from "#storage/memory/in-memory-pulse-repository.js";
import { seedRandomHistory } from "../../../support/random-alliance-history.js";
import { summariesBothWays, summaryDifferences } from "../../../support/summary-sameness.js";

const SEEDS = Array.from({ length: 40 }, (_, i) => 1_000 + i * 7);

describe("the weekly summary from aggregates", () => {
  it.each(SEEDS)("is the old summary, number for number, on random history %i (in memory)", async (seed) => {
    const commitments = new InMemoryCommitmentRepository();
    const pulse = new InMemoryPulseRepository();
    let orgCounter = 0;
    const history = await seedRandomHistory(
      {
        commitments,
        pulse,
        createAlliance: async (_alliance, names) => ({ allianceId: `al-${seed}`, organizationIds: names.map(() => `org-${seed}-${orgCounter++}`) }),
      },
      seed,
    );
    const pairs = await summariesBothWays({ commitments, pulse }, history.alliance, history.organizations, history.now);
    for (const pair of pairs) {
      expect(summaryDifferences(pair.fresh, pair.old), `${pair.label} (${pair.periodKey})`).toEqual([]);
    }
    // Not a vacuous comparison: the histories have resolved agreements and published pulse figures.
    expect(pairs[0]!.old.organizations.some((o) => o.resolved > 0)).toBe(true);
  });
});
