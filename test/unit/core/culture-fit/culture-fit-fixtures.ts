// Shared test data: the hand-computed fixture of research-anchors.md §4.6.
import type { CultureAssessment } from "#core/culture-fit/culture-fit-types.js";
import type { AspectPoints } from "#core/culture-fit/cvf-instrument.js";

export const six = (split: number[]): AspectPoints => Array.from({ length: 6 }, () => [...split]);
export const R1_NOW: AspectPoints = [
  [40, 20, 20, 20],
  [30, 30, 20, 20],
  [50, 10, 20, 20],
  [40, 20, 10, 30],
  [20, 30, 30, 20],
  [30, 20, 30, 20],
];
export const R2_NOW = six([10, 20, 30, 40]);
export const R1_PREF = six([40, 30, 15, 15]);
export const R2_PREF = six([25, 25, 25, 25]);

let counter = 0;
/** An assessment of `organizationId` with the given points. */
export function assessment(
  organizationId: string,
  now: AspectPoints,
  preferred: AspectPoints,
  differences: CultureAssessment["differences"] = {},
): CultureAssessment {
  counter += 1;
  return {
    allianceId: "al",
    organizationId,
    respondentKey: `key-${counter}`,
    periodKey: "2026-Q4",
    now,
    preferred,
    differences,
    submittedOn: new Date("2026-11-27T00:00:00Z"),
  };
}
