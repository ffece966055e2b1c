/** Turns one period's assessments into the published CultureFitFigures (pure). */
import { decideSuppression, effectiveAnonymityThreshold, type GroupDecision } from "../anonymity/anonymity.js";
import type { CultureFitFigures, CultureHidden, CultureProfileFigures, MaturityScore, OrganizationDifference, RadarSeries } from "./culture-fit-figures.js";
import type { CultureAssessment } from "./culture-fit-types.js";
import { combineProfiles, compareProfiles, congruenceOf, dominantOf, profileOf, profileScores, round3, type ExactProfile } from "./culture-scoring.js";
import { CULTURE_VIEWS, DIFFERENCE_ITEMS, QUADRANTS } from "./cvf-instrument.js";

/** What the figures are computed from. */
export interface CultureFitAggregationInput {
  allianceId: string;
  periodKey: string | null;
  anonymityThreshold: number;
  /** Alliance.cultureFlagThreshold: a shift or difference of at least this many points is flagged. */
  flagThreshold: number;
  organizations: ReadonlyArray<{ id: string; name: string }>;
  assessments: readonly CultureAssessment[];
}

interface Group {
  now: ExactProfile;
  preferred: ExactProfile;
  respondents: number;
}

function groupOf(assessments: readonly CultureAssessment[]): Group {
  return {
    now: combineProfiles(assessments.map((a) => profileOf(a.now))),
    preferred: combineProfiles(assessments.map((a) => profileOf(a.preferred))),
    respondents: assessments.length,
  };
}

function profileFigures(group: Group, threshold: number): CultureProfileFigures {
  const shift = compareProfiles(group.preferred, group.now, threshold);
  return {
    kind: "profile",
    respondents: group.respondents,
    now: profileScores(group.now),
    preferred: profileScores(group.preferred),
    shift: shift.delta,
    shiftDistance: shift.distance,
    shiftFlags: shift.flags,
    dominantNow: dominantOf(group.now),
    dominantPreferred: dominantOf(group.preferred),
    congruenceNow: congruenceOf(group.now),
    congruencePreferred: congruenceOf(group.preferred),
  };
}

/** Sum and count of the 1–5 answers on cultural differences, and how many people gave one. */
function maturityOf(assessments: readonly CultureAssessment[]): { sum: number; answers: number; respondents: number } {
  let sum = 0;
  let answers = 0;
  let respondents = 0;
  for (const a of assessments) {
    const scores = DIFFERENCE_ITEMS.map((item) => a.differences[item]).filter((v): v is number => typeof v === "number");
    sum += scores.reduce((s, v) => s + v, 0);
    answers += scores.length;
    if (scores.length > 0) respondents += 1;
  }
  return { sum, answers, respondents };
}

function maturityFigure(m: { sum: number; answers: number }, respondents: number): MaturityScore {
  const mean = m.sum / m.answers;
  return { kind: "score", mean: round3(mean), score: round3(((mean - 1) / 4) * 100), respondents };
}

const hidden = (verdict: GroupDecision | undefined): CultureHidden => ({
  kind: "hidden",
  reason: verdict?.hiddenReason ?? "not_reportable",
});

/** Computes the published culture-fit figures of one period. */
export function aggregateCultureFit(input: CultureFitAggregationInput): CultureFitFigures {
  const k = effectiveAnonymityThreshold(input.anonymityThreshold);
  const known = new Set(input.organizations.map((o) => o.id));
  const byOrg = new Map<string, CultureAssessment[]>();
  for (const a of input.assessments) byOrg.set(a.organizationId, [...(byOrg.get(a.organizationId) ?? []), a]);

  const decision = decideSuppression({
    groups: [...byOrg].map(([id, list]) => ({ id, contributors: list.length, reportable: known.has(id) })),
    k,
    publishTotal: true,
  });
  const verdicts = new Map(decision.groups.map((g) => [g.id, g]));
  const groups = new Map([...byOrg].map(([id, list]) => [id, groupOf(list)]));

  const alliance =
    input.assessments.length === 0
      ? null
      : decision.totalPublished
        ? profileFigures(groupOf(input.assessments), input.flagThreshold)
        : ({ kind: "hidden", reason: "below_threshold" } as const);

  const organizations = input.organizations.map((org) => {
    const group = groups.get(org.id);
    const verdict = verdicts.get(org.id);
    return {
      organizationId: org.id,
      name: org.name,
      respondents: group?.respondents ?? 0,
      profile: !group ? null : verdict?.published ? profileFigures(group, input.flagThreshold) : hidden(verdict),
    };
  });

  const shown = input.organizations.filter((org) => verdicts.get(org.id)?.published);
  const differences: OrganizationDifference[] = [];
  for (let i = 0; i < shown.length; i++) {
    for (let j = i + 1; j < shown.length; j++) {
      const a = groups.get(shown[i]!.id)!;
      const b = groups.get(shown[j]!.id)!;
      for (const view of CULTURE_VIEWS) {
        const diff = compareProfiles(a[view], b[view], input.flagThreshold);
        differences.push({ a: shown[i]!.id, b: shown[j]!.id, view, ...diff });
      }
    }
  }

  const maturityGroups = [...byOrg].map(([id, list]) => ({ id, ...maturityOf(list) }));
  const maturityDecision = decideSuppression({
    groups: maturityGroups.map((g) => ({ id: g.id, contributors: g.respondents, reportable: known.has(g.id) })),
    k,
    publishTotal: true,
  });
  const overallMaturity = maturityOf(input.assessments);
  const byOrganization: Record<string, MaturityScore | CultureHidden> = {};
  for (const g of maturityGroups) {
    if (g.respondents === 0 || !known.has(g.id)) continue;
    const verdict = maturityDecision.groups.find((d) => d.id === g.id);
    byOrganization[g.id] = verdict?.published ? maturityFigure(g, g.respondents) : hidden(verdict);
  }

  const series: RadarSeries[] = [];
  for (const view of CULTURE_VIEWS) {
    if (alliance?.kind === "profile") {
      series.push({ organizationId: null, label: null, view, values: QUADRANTS.map((q) => alliance[view][q]) });
    }
    for (const org of organizations) {
      if (org.profile?.kind === "profile") {
        const profile = org.profile;
        series.push({ organizationId: org.organizationId, label: org.name, view, values: QUADRANTS.map((q) => profile[view][q]) });
      }
    }
  }

  return {
    allianceId: input.allianceId,
    periodKey: input.periodKey,
    k,
    threshold: input.flagThreshold,
    respondents: input.assessments.length,
    alliance,
    organizations,
    differences,
    maturity: {
      overall:
        overallMaturity.respondents === 0
          ? null
          : maturityDecision.totalPublished
            ? maturityFigure(overallMaturity, maturityDecision.totalContributors)
            : { kind: "hidden", reason: "below_threshold" },
      byOrganization,
    },
    radar: { axes: [...QUADRANTS], series },
  };
}
