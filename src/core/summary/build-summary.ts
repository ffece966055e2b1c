/**
 * Builds the trust-health summary of the current period from the model's inputs: a pure
 * function, so the scheduler, `/trust health` and the demo all get the same content.
 */
import type { Alliance } from "../alliance/alliance.js";
import { eventStep } from "../trust-health/next-steps.js";
import { participationRate } from "../trust-health/notable-events.js";
import { perceptionGap } from "../trust-health/partner-findings.js";
import { round1 } from "../trust-health/pillar-scores.js";
import type {
  CommitmentEventsInput,
  OrganizationPeriodInput,
  Participation,
  SayInput,
  TrustHealthPeriodInput,
} from "../trust-health/trust-health-inputs.js";
import { rollPeriod } from "../trust-health/record-window.js";
import { computeTrustHealth } from "../trust-health/trust-health-report.js";
import type {
  CultureFitHighlights,
  HiddenMarker,
  ParticipationFigure,
  SummaryOrganization,
  TrustHealthSummary,
} from "./summary-model.js";

/** Everything needed for one summary. */
export interface SummaryInput {
  alliance: Pick<Alliance, "id" | "name" | "uncertainty" | "anonymityThreshold">;
  /** Oldest first, the current period last; up to 8 (or more) for the series. */
  periods: readonly TrustHealthPeriodInput[];
  say: SayInput | null;
  commitmentEvents: CommitmentEventsInput;
  cultureFit: CultureFitHighlights | null;
  generatedAt: Date;
}

function participationFigure(participation: Participation | null): ParticipationFigure | null {
  return participation ? { ...participation, rate: participationRate(participation) } : null;
}

function organizationRow(org: OrganizationPeriodInput): SummaryOrganization {
  const keptRate = org.observed && org.observed.resolved > 0 ? round1(org.observed.keptRate * 100) : null;
  const perceived = org.perceivedByPartners?.kind === "score" ? round1(org.perceivedByPartners.score) : null;
  const gap = perceptionGap(org.observed, org.perceivedByPartners);
  return {
    organizationId: org.organizationId,
    name: org.name,
    keptRate,
    resolved: org.observed?.outcomes ?? org.observed?.resolved ?? 0,
    perceivedReliability: perceived,
    perceivedHidden: org.perceivedByPartners?.kind === "hidden",
    gap: gap?.gap ?? null,
    gapMarked: gap?.flagged ?? false,
    participation: participationFigure(org.participation),
  };
}

function totalParticipation(orgs: readonly OrganizationPeriodInput[]): ParticipationFigure | null {
  const counted = orgs.flatMap((o) => (o.participation ? [o.participation] : []));
  if (counted.length === 0) return null;
  return participationFigure({
    invited: counted.reduce((a, p) => a + p.invited, 0),
    responded: counted.reduce((a, p) => a + p.responded, 0),
  });
}

function hiddenMarkers(summary: Omit<TrustHealthSummary, "hidden">): HiddenMarker[] {
  return [
    ...summary.pillars.filter((p) => p.perceivedHidden).map((p): HiddenMarker => ({ kind: "pillar_perception", pillar: p.pillar })),
    ...summary.organizations
      .filter((o) => o.perceivedHidden)
      .map((o): HiddenMarker => ({ kind: "organization_reliability", organizationId: o.organizationId })),
    ...summary.findings.flatMap((f): HiddenMarker[] =>
      (f.hidden.trust || f.hidden.perceivedReliability) && f.subject.kind === "pair"
        ? [{ kind: "pair_perception", fromOrganizationId: f.subject.fromOrganizationId, toOrganizationId: f.subject.toOrganizationId }]
        : [],
    ),
    ...(summary.cultureFit?.organizations ?? [])
      .filter((o) => o.hidden)
      .map((o): HiddenMarker => ({ kind: "culture_profile", organizationId: o.organizationId })),
  ];
}

/** The summary of the last period in `input.periods`. */
export function buildTrustHealthSummary(input: SummaryInput): TrustHealthSummary {
  const report = computeTrustHealth({
    periods: input.periods,
    uncertainty: input.alliance.uncertainty,
    say: input.say,
    commitmentEvents: input.commitmentEvents,
  });
  // The record window as the model rolled it, so the rows show what the verdicts rest on.
  const current = rollPeriod(input.periods, input.periods.length - 1); // computeTrustHealth refused an empty list
  const { reciprocity, clarity } = current.observed;
  const withoutHidden: Omit<TrustHealthSummary, "hidden"> = {
    version: 2,
    alliance: { ...input.alliance },
    period: { key: report.periodKey, label: report.label },
    generatedAt: input.generatedAt.toISOString(),
    index: report.index,
    pillars: report.pillars.map((p) => ({
      pillar: p.pillar,
      score: p.score,
      rag: p.rag,
      trend: p.trend,
      series: p.series,
      observed: p.parts.observed,
      perceived: p.parts.perceived,
      observedWeight: p.parts.observedWeight,
      perceivedHidden: p.parts.perceivedHidden,
      weight: p.weight,
    })),
    organizations: current.organizations.map(organizationRow),
    reciprocity: {
      imbalance: reciprocity ? reciprocity.imbalance : null,
      balance: reciprocity ? round1((1 - reciprocity.imbalance) * 100) : null,
      exchanges: round1(reciprocity?.exchanges ?? 0),
      pairs: report.reciprocityPairs,
    },
    findings: report.findings,
    clarity: {
      share: clarity && clarity.commitments > 0 ? round1(clarity.share * 100) : null,
      commitments: round1(clarity?.commitments ?? 0),
    },
    diagnosis: report.diagnosis,
    sayVsDo: report.sayVsDo,
    events: report.events.map((event) => ({ event, step: eventStep(event.kind) })),
    participation: totalParticipation(current.organizations),
    cultureFit: input.cultureFit,
  };
  return { ...withoutHidden, hidden: hiddenMarkers(withoutHidden) };
}
