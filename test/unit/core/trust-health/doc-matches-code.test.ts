// docs/trust-health.md must state the thresholds and weights the code uses: the steering
// committee checks numbers against the doc, so a silent drift would mislead them.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LIKERT_CALIBRATION, TRUST_HEALTH_CONSTANTS } from "#core/trust-health/trust-health-constants.js";

const doc = readFileSync(path.resolve(import.meta.dirname, "../../../../docs/trust-health.md"), "utf8");

/** Rows of the §10 table: | `NAME` | value | meaning |. */
function constantsTable(): Map<string, number> {
  const section = doc.split(/^## 10\. Constants$/m)[1]?.split(/^## /m)[0] ?? "";
  const rows = new Map<string, number>();
  for (const match of section.matchAll(/^\|\s*`([A-Z_]+)`\s*\|\s*(-?\d+(?:\.\d+)?)\s*\|/gm)) {
    rows.set(match[1] ?? "", Number(match[2]));
  }
  return rows;
}

describe("docs/trust-health.md matches the code", () => {
  const table = constantsTable();

  it("lists every constant of trust-health-constants.ts with the code's value", () => {
    for (const [name, value] of Object.entries(TRUST_HEALTH_CONSTANTS)) {
      expect(table.get(name), name).toBe(value);
    }
  });

  it("lists no constant the code does not have", () => {
    expect([...table.keys()].sort()).toEqual(Object.keys(TRUST_HEALTH_CONSTANTS).sort());
  });

  it("uses the code's values wherever the text says `NAME` = value", () => {
    const mentions = [...doc.matchAll(/`([A-Z_]+)`\s*=\s*(-?\d+(?:\.\d+)?)/g)];
    expect(mentions.length).toBeGreaterThan(10);
    for (const [, name, value] of mentions) {
      expect(TRUST_HEALTH_CONSTANTS, `${name} in the text`).toHaveProperty(name ?? "", Number(value));
    }
  });

  it("shows the calibration anchors the code uses (§1.1)", () => {
    const section = doc.split(/^### 1\.1 /m)[1]?.split(/^### /m)[0] ?? "";
    const row = (label: string) =>
      section
        .split("\n")
        .find((line) => line.startsWith(`| ${label}`))
        ?.split("|")
        .slice(2, -1)
        .map((cell) => Number(cell.trim()));
    expect(row("Mean answer")).toEqual(LIKERT_CALIBRATION.map(([answer]) => answer));
    expect(row("Calibrated score")).toEqual(LIKERT_CALIBRATION.map(([, score]) => score));
  });
});
