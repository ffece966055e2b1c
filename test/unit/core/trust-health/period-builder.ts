// Builds small periods for the rule tests: perceived scores per pillar, optional observed figures.
import type { Pillar } from "#core/trust-health/pillars.js";
import type { TrustHealthPeriodInput } from "#core/trust-health/trust-health-inputs.js";

/** A period whose pillars are perceived-only with the given scores (missing = no answers). */
export function perceivedPeriod(
  index: number,
  scores: Partial<Record<Pillar, number>>,
  extra: Partial<TrustHealthPeriodInput> = {},
): TrustHealthPeriodInput {
  const perceived: TrustHealthPeriodInput["perceived"] = {};
  for (const [pillar, score] of Object.entries(scores) as Array<[Pillar, number]>) {
    perceived[pillar] = { kind: "score", score, respondents: 10 };
  }
  return {
    periodKey: `2026-W${String(index).padStart(2, "0")}`,
    label: `week ${index}`,
    perceived,
    observed: { reliability: null, clarity: null, reciprocity: null },
    organizations: [],
    groups: [],
    ...extra,
  };
}
