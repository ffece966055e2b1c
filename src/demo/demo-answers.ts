// How the demo's people answer the pulse and the culture assessment. The story: the partners
// keep their agreements (reliability strong), give and take is balanced and agreements are
// clear, but trust lags behind, rising only slowly; within each organisation trust goes up and
// down with how open the partners are about their interests (transparency), which is what the
// summary's say-vs-do should find. Waterbedrijf Delta keeps nearly everything, yet its partners
// rate it lower than its record and trust it least (the summary names it: trust lags behind);
// Ingenieursbureau Brug keeps less.
import type { PulseCategory } from "#core/pulse/pulse-item-bank.js";
import type { DemoOrgKey } from "./demo-cast.js";
import type { DemoRandom } from "./demo-random.js";

/** Openness felt inside each organisation: a standing difference plus a slight wave over the weeks. */
function climate(org: DemoOrgKey, week: number): number {
  const offset = { gemeente: 0.55, delta: 0, brug: -0.55 }[org];
  const phase = { gemeente: 0, delta: 2.1, brug: 4.2 }[org];
  return offset + 0.1 * Math.sin(week * 0.5 + phase);
}

/** Mean answer (1–5) of someone from `from` about `target` (null: not about an organisation) in `week`. */
export function meanAnswer(category: PulseCategory, from: DemoOrgKey, target: DemoOrgKey | null, week: number): number {
  const self = target === from;
  switch (category) {
    case "reliability": {
      const aboutPartner = { gemeente: 4.15, delta: 3.6, brug: 3.75 };
      return target === null ? 4.1 : self ? 4.3 : aboutPartner[target];
    }
    case "reciprocity":
      return 3.95;
    case "transparency":
      return 3.9 + climate(from, week);
    case "clear_agreements":
      return 4.05;
    case "trust": {
      // Low and rising slowly; it moves with the felt openness of one's own organisation. Delta's
      // partners trust it least, although it keeps nearly everything: trust lags behind its record.
      const aboutDelta = target === "delta" && !self ? -0.7 : 0;
      return 3.05 + 0.03 * week + climate(from, week) + aboutDelta;
    }
    case "culture":
      return 3.4;
  }
}

/** One answer: 1–5 around the mean, or null ("can't say") now and then. */
export function sampleAnswer(random: DemoRandom, mean: number): number | null {
  if (random.next() < 0.03) return null;
  return Math.min(5, Math.max(1, Math.round(random.normal(mean, 0.5))));
}

type Split = readonly [clan: number, adhocracy: number, market: number, hierarchy: number];

/** Culture profiles per organisation, now and preferred (points per quadrant, summing to 100). */
const PROFILES: Record<DemoOrgKey, { now: Split; preferred: Split }> = {
  gemeente: { now: [20, 10, 20, 50], preferred: [30, 20, 15, 35] },
  delta: { now: [20, 12, 33, 35], preferred: [28, 20, 27, 25] },
  brug: { now: [25, 38, 27, 10], preferred: [30, 35, 25, 10] },
};

/** Six aspects of whole points around the organisation's profile, each aspect summing to 100. */
function aspects(random: DemoRandom, split: Split): number[][] {
  return Array.from({ length: 6 }, () => {
    const raw = split.map((v) => Math.max(0, v + random.int(-6, 6)));
    const total = raw.reduce((a, b) => a + b, 0);
    const scaled = raw.map((v) => Math.floor((v / total) * 100));
    scaled[scaled.indexOf(Math.max(...scaled))]! += 100 - scaled.reduce((a, b) => a + b, 0);
    return scaled;
  });
}

const QUADRANTS = ["clan", "adhocracy", "market", "hierarchy"] as const;
const ASPECTS = ["dominant_characteristics", "leadership", "management_of_people", "organisation_glue", "strategic_emphasis", "criteria_of_success"] as const;

/** A culture assessment as the form would submit it, for a member of `org`. */
export function cultureAssessment(random: DemoRandom, org: DemoOrgKey) {
  const view = (split: Split) =>
    Object.fromEntries(aspects(random, split).map((points, i) => [ASPECTS[i], Object.fromEntries(points.map((p, q) => [QUADRANTS[q], p]))]));
  return {
    points: { now: view(PROFILES[org].now), preferred: view(PROFILES[org].preferred) },
    differences: { aware: random.int(3, 4), discussed: random.int(2, 3), adapt: random.int(2, 4), learn: random.int(3, 4) },
  };
}
