// The per-subject rules (docs/trust-health.md §5): a verdict only when the whole interval clears
// the threshold, fragile trust sooner at higher uncertainty, and the alliance's headline the worst
// material partner verdict, naming the partner.
import { describe, expect, it } from "vitest";
import {
  allianceDiagnosis,
  diagnoseSubject,
  singledOut,
  thresholdsFor,
  type SubjectDiagnosis,
  type SubjectEvidence,
} from "#core/trust-health/diagnosis.js";
import { keptRateEstimate, likertEstimate } from "#core/trust-health/estimates.js";

const est = (value: number, low: number, high: number, basis = 20) => ({ value, low, high, basis });
const evidence = (record: [number, number, number] | null, trust: [number, number, number] | null): SubjectEvidence => ({
  record: record ? est(...record) : null,
  trust: trust ? est(...trust) : null,
  perceivedReliability: null,
});
const medium = thresholdsFor("medium");

describe("diagnoseSubject", () => {
  it("is fragile_trust when trust is clearly high and the record clearly below the bar", () => {
    expect(diagnoseSubject(evidence([30, 20, 45], [85, 75, 92]), medium)).toBe("fragile_trust");
  });

  it("makes a middling record under high trust fragile only at higher uncertainty", () => {
    const e = evidence([52, 40, 65], [85, 75, 92]);
    expect(diagnoseSubject(e, thresholdsFor("high"))).toBe("fragile_trust");
    expect(diagnoseSubject(e, thresholdsFor("low"))).toBe("insufficient_data");
  });

  it("is foundations_weak when the record is clearly below amber and trust is not clearly high", () => {
    expect(diagnoseSubject(evidence([30, 20, 45], [55, 40, 72]), medium)).toBe("foundations_weak");
    expect(diagnoseSubject(evidence([30, 20, 45], null), medium)).toBe("foundations_weak");
  });

  it("is trust_lags when the record is clearly strong and trust clearly low", () => {
    expect(diagnoseSubject(evidence([92, 80, 98], [45, 35, 55]), medium)).toBe("trust_lags");
  });

  it("is healthy when the record is clearly strong and trust clearly not low", () => {
    expect(diagnoseSubject(evidence([92, 80, 98], [85, 75, 92]), medium)).toBe("healthy");
  });

  it("is developing when the record is clearly between amber and green", () => {
    expect(diagnoseSubject(evidence([60, 52, 68], [65, 50, 75]), medium)).toBe("developing");
  });

  it("gives no verdict when an interval straddles a threshold or a figure is missing", () => {
    expect(diagnoseSubject(evidence([45, 25, 65], [85, 75, 92]), medium)).toBe("insufficient_data");
    expect(diagnoseSubject(evidence(null, [85, 75, 92]), medium)).toBe("insufficient_data");
    expect(diagnoseSubject(evidence([92, 80, 98], null), medium)).toBe("insufficient_data");
  });

  it("gives no verdict that one extra outcome would overturn: 0 of 3 kept is not yet weak", () => {
    const record = keptRateEstimate(0, 3, 3);
    expect(diagnoseSubject({ record, trust: likertEstimate(4.5, 10), perceivedReliability: null }, medium)).toBe("insufficient_data");
    const more = keptRateEstimate(2, 16, 16);
    expect(diagnoseSubject({ record: more, trust: likertEstimate(4.5, 10), perceivedReliability: null }, medium)).toBe("fragile_trust");
  });
});

describe("allianceDiagnosis", () => {
  const subject = (s: SubjectDiagnosis["subject"], diagnosis: SubjectDiagnosis["diagnosis"], e = evidence([90, 80, 95], [85, 75, 92])): SubjectDiagnosis => ({
    subject: s,
    diagnosis,
    evidence: e,
  });
  const alliance = subject({ kind: "alliance" }, "healthy");

  it("is the worst partner verdict and names the partner", () => {
    const result = allianceDiagnosis(
      [
        alliance,
        subject({ kind: "organization", organizationId: "acme" }, "healthy"),
        subject({ kind: "organization", organizationId: "globex" }, "fragile_trust", evidence([25, 15, 40], [85, 75, 92])),
        subject({ kind: "pair", fromOrganizationId: "globex", toOrganizationId: "acme" }, "insufficient_data"),
      ],
      "medium",
    );
    expect(result.diagnosis).toBe("fragile_trust");
    expect(singledOut(result.subject)).toBe("globex");
  });

  it("singles nobody out when every organisation shares the worst verdict", () => {
    const weak = evidence([30, 20, 45], [50, 40, 60]);
    const result = allianceDiagnosis(
      [
        subject({ kind: "alliance" }, "foundations_weak", weak),
        subject({ kind: "organization", organizationId: "acme" }, "foundations_weak", weak),
        subject({ kind: "organization", organizationId: "globex" }, "foundations_weak", weak),
      ],
      "medium",
    );
    expect(result).toMatchObject({ diagnosis: "foundations_weak", subject: { kind: "alliance" } });
  });

  it("is healthy only when the alliance as a whole is, and no partner's record is clearly short of strong", () => {
    const healthyAcme = subject({ kind: "organization", organizationId: "acme" }, "healthy");
    expect(allianceDiagnosis([alliance, healthyAcme], "medium").diagnosis).toBe("healthy");
    const unclear = subject({ kind: "alliance" }, "insufficient_data");
    expect(allianceDiagnosis([unclear, healthyAcme], "medium").diagnosis).toBe("insufficient_data");
    const doubtful = subject({ kind: "organization", organizationId: "globex" }, "insufficient_data", evidence([50, 30, 65], [85, 75, 92]));
    expect(allianceDiagnosis([alliance, healthyAcme, doubtful], "medium").diagnosis).toBe("insufficient_data");
  });
});
