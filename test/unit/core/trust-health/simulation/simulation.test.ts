// The simulation suite checks the trust-health MODEL against a known truth, not the code against
// itself: alliance histories are generated from ground truths (alliance-history.ts) and played
// through the real commitment, pulse and summary services; for each clear case the summary must
// give the right verdict and name the right partner in at least 95% of the seeds, and a healthy
// alliance with noisy answers may raise a false alarm (any partner singled out, any red or amber
// verdict, any flag) in at most 5% of them. The confusion table is printed.
import { describe, expect, it } from "vitest";
import type { TrustHealthSummary } from "#core/summary/summary-model.js";
import { singledOut } from "#core/trust-health/diagnosis.js";
import { simulate, type Truth } from "./alliance-history.js";

const SEEDS = Number(process.env.SIMULATION_SEEDS ?? 40);

const base: Truth = {
  uncertainty: "medium",
  organizations: ["Acme", "Globex", "Initech"],
  people: 7,
  keep: {},
  defaultKeep: 0.93,
  trustIn: {},
  defaultTrust: 4.2,
  defaultVolume: 3,
  answerNoise: 0.9,
  missing: 0.15,
  weeks: 8,
};

interface Case {
  name: string;
  truth: Truth;
  expected: { diagnosis: TrustHealthSummary["diagnosis"]["diagnosis"]; partner: string | null };
}

const CASES: Case[] = [
  { name: "healthy, noisy answers", truth: base, expected: { diagnosis: "healthy", partner: null } },
  {
    name: "Globex keeps 25%, trust in it high",
    truth: { ...base, keep: { Globex: { Acme: 0.25, Initech: 0.25 } }, trustIn: { Globex: 4.3 }, ratedReliability: { Globex: 4 } },
    expected: { diagnosis: "fragile_trust", partner: "Globex" },
  },
  {
    name: "Globex keeps 25%, trust in it middling",
    truth: { ...base, keep: { Globex: { Acme: 0.25, Initech: 0.25 } }, trustIn: { Globex: 2.8 } },
    expected: { diagnosis: "foundations_weak", partner: "Globex" },
  },
  {
    name: "Initech keeps all, trust in it low (high uncertainty)",
    truth: { ...base, uncertainty: "high", defaultKeep: 0.95, trustIn: { Initech: 2.3 }, defaultTrust: 4.3 },
    expected: { diagnosis: "trust_lags", partner: "Initech" },
  },
  {
    name: "Globex keeps 45%, trust high (high uncertainty)",
    truth: { ...base, uncertainty: "high", keep: { Globex: { Acme: 0.45, Initech: 0.45 } }, trustIn: { Globex: 4.3 }, defaultTrust: 4.3 },
    expected: { diagnosis: "fragile_trust", partner: "Globex" },
  },
  {
    name: "two partners: Globex keeps 25% of what it owes Acme",
    truth: { ...base, organizations: ["Acme", "Globex"], people: 8, defaultVolume: 3, keep: { Globex: { Acme: 0.25 } }, trustIn: { Globex: 4.3 } },
    expected: { diagnosis: "fragile_trust", partner: "Globex" },
  },
];

/** Cases of a real drop the notable events must flag (and a healthy alliance must not). */
interface FlagCase {
  name: string;
  truth: Truth;
  /** The flag a steering committee should read. */
  flag: string;
}

const FLAG_CASES: FlagCase[] = [
  {
    name: "trust answers collapse in the last two weeks",
    truth: { ...base, change: { week: base.weeks - 2, trustMean: 1.5 } },
    flag: "pillar_turned_red:trust",
  },
  {
    name: "Globex stops answering the pulse in the last week",
    truth: { ...base, change: { week: base.weeks - 1, missing: { Globex: 1 } } },
    flag: "participation_falling:Globex",
  },
];

/** The noise-sensitive notable events (pillar turned red, falling participation) as "kind:what". */
function eventFlags(summary: TrustHealthSummary): string[] {
  return summary.events.flatMap(({ event }) => {
    if (event.kind === "pillar_turned_red") return [`${event.kind}:${event.pillar}`];
    if (event.kind === "participation_falling") return [`${event.kind}:${event.organizationId ?? "alliance"}`];
    return [];
  });
}

const AMBER_OR_RED = new Set(["fragile_trust", "foundations_weak", "trust_lags", "developing"]);

/** Anything a steering committee would read as an alarm. */
function alarms(summary: TrustHealthSummary): string[] {
  const found: string[] = [];
  if (AMBER_OR_RED.has(summary.diagnosis.diagnosis)) found.push(`verdict ${summary.diagnosis.diagnosis}`);
  if (singledOut(summary.diagnosis.subject) !== null) found.push(`partner ${singledOut(summary.diagnosis.subject)}`);
  if (summary.index.rag === "amber" || summary.index.rag === "red") found.push(`index ${summary.index.rag}`);
  for (const f of summary.findings) {
    if (AMBER_OR_RED.has(f.diagnosis)) found.push(`finding ${f.diagnosis}`);
    if (f.gap?.flagged) found.push("gap flag");
  }
  if (summary.organizations.some((o) => o.gapMarked)) found.push("org gap flag");
  if (summary.reciprocity.pairs.some((p) => p.lopsidedGiver !== null)) found.push("lopsided");
  found.push(...eventFlags(summary));
  return found;
}

describe("simulation: the summary tells the truth about each partner", () => {
  const table = new Map<string, Map<string, number>>();
  const falseAlarms = new Map<string, number>();
  const count = (name: string, key: string) => {
    const row = table.get(name) ?? new Map<string, number>();
    row.set(key, (row.get(key) ?? 0) + 1);
    table.set(name, row);
  };

  for (const c of CASES) {
    it(`${c.name}: ${c.expected.diagnosis}${c.expected.partner ? ` naming ${c.expected.partner}` : ""} in ≥ 95% of ${SEEDS} seeds`, async () => {
      let right = 0;
      let alarmed = 0;
      for (let seed = 1; seed <= SEEDS; seed++) {
        const summary = await simulate(c.truth, seed * 7919 + c.name.length);
        const named = singledOut(summary.diagnosis.subject);
        count(c.name, `${summary.diagnosis.diagnosis}${named ? `:${named}` : ""}`);
        if (summary.diagnosis.diagnosis === c.expected.diagnosis && named === c.expected.partner) right++;
        if (alarms(summary).length > 0) alarmed++;
      }
      falseAlarms.set(c.name, alarmed);
      expect(right / SEEDS, `right in ${right}/${SEEDS}`).toBeGreaterThanOrEqual(0.95);
      if (c.expected.diagnosis === "healthy") expect(alarmed / SEEDS, `false alarms in ${alarmed}/${SEEDS}`).toBeLessThanOrEqual(0.05);
    }, 120_000);
  }

  const flagged = new Map<string, number>();
  for (const c of FLAG_CASES) {
    it(`${c.name}: flagged as ${c.flag} in ≥ 95% of ${SEEDS} seeds`, async () => {
      let hits = 0;
      for (let seed = 1; seed <= SEEDS; seed++) {
        const summary = await simulate(c.truth, seed * 7919 + c.name.length);
        if (eventFlags(summary).includes(c.flag)) hits++;
      }
      flagged.set(c.name, hits);
      expect(hits / SEEDS, `flagged in ${hits}/${SEEDS}`).toBeGreaterThanOrEqual(0.95);
    }, 120_000);
  }

  it("prints the confusion table", () => {
    const columns = [...new Set([...table.values()].flatMap((row) => [...row.keys()]))].sort();
    const lines = [
      `| truth (${SEEDS} seeds) | expected | ${columns.join(" | ")} | any alarm |`,
      `|---|---|${columns.map(() => "---").join("|")}|---|`,
      ...CASES.map((c) => {
        const row = table.get(c.name) ?? new Map();
        const expected = `${c.expected.diagnosis}${c.expected.partner ? `:${c.expected.partner}` : ""}`;
        return `| ${c.name} | ${expected} | ${columns.map((k) => row.get(k) ?? 0).join(" | ")} | ${falseAlarms.get(c.name) ?? "–"} |`;
      }),
    ];
    const flagLines = [
      `| real drop (${SEEDS} seeds) | flag | flagged |`,
      "|---|---|---|",
      ...FLAG_CASES.map((c) => `| ${c.name} | ${c.flag} | ${flagged.get(c.name) ?? "–"} |`),
    ];
    console.log(`\nConfusion table (verdict:partner named)\n${lines.join("\n")}\n\n${flagLines.join("\n")}\n`);
    expect(table.size).toBe(CASES.length);
  });
});
