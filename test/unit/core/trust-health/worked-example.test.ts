// The worked example of docs/trust-health.md §8: every number below was computed by hand in the doc.
import { describe, expect, it } from "vitest";
import { computeTrustHealth } from "#core/trust-health/trust-health-report.js";
import type { Pillar } from "#core/trust-health/pillars.js";
import { linkedInPoll, week10, week10Events, week9 } from "../../../fixtures/trust-health-worked-example.js";

function run(uncertainty: "low" | "medium" | "high") {
  return computeTrustHealth({ periods: [week9, week10], uncertainty, say: linkedInPoll, commitmentEvents: week10Events });
}

function pillar(report: ReturnType<typeof run>, name: Pillar) {
  const found = report.pillars.find((p) => p.pillar === name);
  if (!found) throw new Error(`no pillar ${name}`);
  return found;
}

describe("trust-health worked example (docs/trust-health.md §8)", () => {
  const report = run("high");

  it("blends observed and perceived reliability: 0.48·75 + 0.52·80 = 77.6, green, up 5.6", () => {
    const reliability = pillar(report, "reliability");
    expect(reliability.parts.observedWeight).toBeCloseTo(0.48, 10);
    expect(reliability.score).toBe(77.6);
    expect(reliability.rag).toBe("green");
    expect(reliability.trend).toEqual({ direction: "up", delta: 5.6 });
  });

  it("caps the observed weight at 0.6 for 12 commitments: clear agreements 0.6·75 + 0.4·55 = 67.0, down 4.0", () => {
    const clarity = pillar(report, "clear_agreements");
    expect(clarity.parts.observedWeight).toBeCloseTo(0.6, 10);
    expect(clarity.score).toBe(67);
    expect(clarity.rag).toBe("amber");
    expect(clarity.trend).toEqual({ direction: "down", delta: -4 });
  });

  it("scores reciprocity from balance 1 − 0.25: 0.48·75 + 0.52·65 = 69.8, amber just below green, steady", () => {
    const reciprocity = pillar(report, "reciprocity");
    expect(reciprocity.score).toBe(69.8);
    expect(reciprocity.rag).toBe("amber");
    expect(reciprocity.trend).toEqual({ direction: "steady", delta: -0.2 });
  });

  it("takes transparency and trust from perception only", () => {
    expect(pillar(report, "transparency")).toMatchObject({ score: 70, rag: "green", trend: { direction: "up", delta: 4 } });
    expect(pillar(report, "trust")).toMatchObject({ score: 55, rag: "amber", trend: { direction: "steady", delta: -1.5 } });
    expect(pillar(report, "trust").parts.observed).toBeNull();
  });

  it("computes the index per uncertainty level with backed trust and the gap penalty: high 59.4, medium 62.5, low 66.3", () => {
    // F = 71.1 > trust 55, so trust counts as 55; high: 449.4/7 − 0.3·16.1 = 64.2 − 4.83 = 59.4
    expect(report.index.score).toBe(59.4);
    expect(report.index.trend).toEqual({ direction: "steady", delta: -0.7 });
    expect(run("medium").index.score).toBe(62.5);
    expect(run("low").index.score).toBe(66.3);
    expect(report.index.cappedBy).toBeNull();
  });

  it("gives no verdict on 8 outcomes: 6 of 8 kept is 75.7 (54.9–90.1), which straddles 70", () => {
    expect(report.diagnosis).toMatchObject({
      diagnosis: "insufficient_data",
      subject: { kind: "alliance" },
      evidence: { record: { value: 75.7, low: 54.9, high: 90.1, basis: 8 }, trust: { value: 55, basis: 11 } },
      thresholds: { trustLowBelow: 70, fragileRecordBelow: 70 },
    });
    expect(run("medium").diagnosis.diagnosis).toBe("insufficient_data");
    expect(run("low").diagnosis.diagnosis).toBe("insufficient_data");
    expect(report.findings.map((f) => [f.subject, f.diagnosis])).toEqual([
      [{ kind: "organization", organizationId: "org-a" }, "insufficient_data"],
      [{ kind: "organization", organizationId: "org-b" }, "insufficient_data"],
    ]);
  });

  it("lists the broken and overdue commitments; Acme's 20-point participation drop from 10 people is within noise", () => {
    expect(report.events.map((e) => e.kind)).toEqual(["commitment_broken", "commitment_overdue"]);
  });

  it("says there is not enough data for say vs do with two periods", () => {
    expect(report.sayVsDo.finding).toBe("not_enough_data");
    expect(report.sayVsDo.topSaid).toBe("trust");
  });
});
