import { describe, expect, it } from "vitest";
import { buildTrustHealthSummary } from "#core/summary/build-summary.js";
import { parseStoredSummary } from "#core/summary/summary-schema.js";
import { isDomainError } from "#core/shared/errors.js";
import { workedInput } from "../../../fixtures/trust-health-worked-example.js";

const stored = JSON.parse(JSON.stringify(buildTrustHealthSummary(workedInput))) as Record<string, unknown>;

describe("parseStoredSummary", () => {
  it("reads back a stored summary unchanged", () => {
    expect(parseStoredSummary(stored)).toEqual(stored);
  });

  it("refuses a summary of another version with INVALID_INPUT", () => {
    expect(() => parseStoredSummary({ ...stored, version: 1 })).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
  });

  it("refuses a score outside 0–100 and names the field", () => {
    const index = { ...(stored.index as object), score: 140 };
    try {
      parseStoredSummary({ ...stored, index });
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, "INVALID_INPUT")).toBe(true);
      expect((error as Error).message).toContain("index.score");
    }
  });

  it("refuses a next step that is not in the catalogue", () => {
    const diagnosis = { ...(stored.diagnosis as object), steps: ["trustHealth.step.made_up"] };
    expect(() => parseStoredSummary({ ...stored, diagnosis })).toThrow(/diagnosis\.steps\.0/);
  });
});
