import { describe, expect, it } from "vitest";
import { diagnose, reliabilityRecord } from "../../../../src/core/trust-health/diagnosis.js";
import type { Pillar } from "../../../../src/core/trust-health/pillars.js";

type Scores = Record<Pillar, number | null>;
const foundations = (value: number | null, trust: number | null): Scores => ({
  reliability: value,
  reciprocity: value,
  transparency: value,
  clear_agreements: value,
  trust,
});

describe("diagnose", () => {
  it("is insufficient_data without a trust score", () => {
    expect(diagnose(foundations(80, null), null, "medium").diagnosis).toBe("insufficient_data");
  });

  it("is insufficient_data without a reliability score", () => {
    const scores = { ...foundations(80, 60), reliability: null };
    expect(diagnose(scores, null, "medium").diagnosis).toBe("insufficient_data");
  });

  it("is insufficient_data with reliability as the only foundation pillar", () => {
    const scores: Scores = { reliability: 80, reciprocity: null, transparency: null, clear_agreements: null, trust: 60 };
    expect(diagnose(scores, null, "medium").diagnosis).toBe("insufficient_data");
  });

  it("is fragile_trust when trust is high but the observed kept-rate is weak", () => {
    const result = diagnose(foundations(75, 80), { keptRate: 0.4, resolved: 10 }, "medium");
    expect(result.diagnosis).toBe("fragile_trust");
    expect(result.basis).toMatchObject({ reliabilityRecord: 40, reliabilityRecordSource: "observed", foundations: 75 });
  });

  it("is fragile_trust when trust is high but the foundations average is weak", () => {
    expect(diagnose(foundations(45, 75), null, "low").diagnosis).toBe("fragile_trust");
  });

  it("is foundations_weak when both are weak", () => {
    expect(diagnose(foundations(45, 40), null, "medium").diagnosis).toBe("foundations_weak");
  });

  it("is foundations_weak when the foundations are weak and trust is middling", () => {
    expect(diagnose(foundations(45, 65), null, "low").diagnosis).toBe("foundations_weak");
  });

  it("is trust_lags when the foundations and the record are strong but trust is low", () => {
    const result = diagnose(foundations(80, 45), { keptRate: 0.9, resolved: 12 }, "low");
    expect(result.diagnosis).toBe("trust_lags");
    expect(result.basis.trustLowBelow).toBe(50);
  });

  it("is healthy when the foundations are strong and trust is not low", () => {
    expect(diagnose(foundations(80, 75), { keptRate: 0.9, resolved: 12 }, "high").diagnosis).toBe("healthy");
  });

  it("is developing when the foundations are amber", () => {
    expect(diagnose(foundations(60, 65), null, "medium").diagnosis).toBe("developing");
  });

  it("is developing when the foundations average is strong but the record is only amber", () => {
    expect(diagnose(foundations(80, 40), { keptRate: 0.6, resolved: 10 }, "high").diagnosis).toBe("developing");
  });

  it("makes low trust the headline sooner as uncertainty rises", () => {
    const strong = foundations(80, 55);
    expect(diagnose(strong, null, "low").diagnosis).toBe("healthy");
    expect(diagnose(strong, null, "medium").diagnosis).toBe("trust_lags");
    expect(diagnose(strong, null, "high").diagnosis).toBe("trust_lags");
    const trust65 = foundations(80, 65);
    expect(diagnose(trust65, null, "medium").diagnosis).toBe("healthy");
    expect(diagnose(trust65, null, "high").diagnosis).toBe("trust_lags");
    // At exactly the bar trust is no longer low.
    expect(diagnose(foundations(80, 60), null, "medium").diagnosis).toBe("healthy");
    expect(diagnose(foundations(80, 70), null, "high").diagnosis).toBe("healthy");
  });
});

describe("reliabilityRecord", () => {
  it("uses the kept-rate from 5 resolved commitments", () => {
    expect(reliabilityRecord({ keptRate: 0.6, resolved: 5 }, 80)).toEqual({ value: 60, source: "observed" });
  });

  it("falls back to the reliability pillar with fewer than 5 resolved", () => {
    expect(reliabilityRecord({ keptRate: 0.2, resolved: 4 }, 75)).toEqual({ value: 75, source: "pillar" });
    expect(reliabilityRecord(null, null)).toEqual({ value: null, source: null });
  });
});
