/**
 * Adapters from the other modules' published figures to the trust-health inputs. They are the
 * only place that knows those shapes, so a change there means a change here, not in the model.
 *
 * Windows: pass each period's OWN commitment figures to periodInputFromFigures; the model rolls
 * them over a recency-weighted window (record-window.ts). Pass the current period's figures to
 * commitmentEventsFromFigures for the events list.
 */
import type { CommitmentFigureRef, CommitmentFigures } from "../commitments/commitment-figures.js";
import type { Poll } from "../polls/poll.js";
import type { PollTally } from "../polls/poll-tally.js";
import { COLLABORATION_PRIORITIES_TEMPLATE } from "../polls/poll-templates.js";
import type { PulseCategoryFigures, PulseFigure, PulseFigures } from "../pulse/pulse-figures.js";
import { calibrateLikert } from "./calibration.js";
import { isPillar, PILLARS, type Pillar } from "./pillars.js";
import { reciprocityImbalance, type ReciprocityFlow } from "./reciprocity.js";
import type {
  CommitmentEventsInput,
  CommitmentRef,
  DirectionPeriodInput,
  GroupPillarScores,
  OrganizationPeriodInput,
  Perceived,
  SayInput,
  TrustHealthPeriodInput,
} from "./trust-health-inputs.js";

/**
 * A published pulse figure as a perceived score on the calibrated scale (calibration.ts): the
 * pulse module's linear 0–100 score is not comparable with a kept-rate, its mean is.
 */
export function perceivedFromPulse(figure: PulseFigure | undefined): Perceived | null {
  if (!figure) return null;
  return figure.kind === "hidden"
    ? { kind: "hidden" }
    : { kind: "score", score: calibrateLikert(figure.mean), mean: figure.mean, respondents: figure.respondents };
}

/**
 * Every direction giver → receiver between two different partners: what the giver owed the
 * receiver (byDirection), what it delivered (reciprocity pairs) and how the receiver's people see
 * the giver (perception cells receiver → giver, already k-anonymous: hidden cells stay hidden).
 */
function directionsFromFigures(commitments: CommitmentFigures | null, pulse: PulseFigures | null): DirectionPeriodInput[] {
  const directions = new Map<string, DirectionPeriodInput>();
  const direction = (from: string, to: string) => {
    const key = `${from}→${to}`;
    let d = directions.get(key);
    if (!d) {
      directions.set(key, (d = { fromOrganizationId: from, toOrganizationId: to, observed: null, delivered: 0, perceivedReliability: null, trust: null }));
    }
    return d;
  };
  for (const f of commitments?.byDirection ?? []) {
    if (f.reliability !== null && f.resolved > 0) direction(f.fromOrganizationId, f.toOrganizationId).observed = { keptRate: f.reliability, resolved: f.resolved };
  }
  for (const pair of commitments?.reciprocity ?? []) {
    if (pair.deliveredAToB > 0) direction(pair.organizationA, pair.organizationB).delivered = pair.deliveredAToB;
    if (pair.deliveredBToA > 0) direction(pair.organizationB, pair.organizationA).delivered = pair.deliveredBToA;
  }
  for (const cell of pulse?.perception ?? []) {
    if (cell.self) continue;
    // The cell is how `from`'s people see `to`: evidence about the giver `to` towards `from`.
    if (cell.category === "reliability") direction(cell.toOrganizationId, cell.fromOrganizationId).perceivedReliability = perceivedFromPulse(cell.figure);
    if (cell.category === "trust") direction(cell.toOrganizationId, cell.fromOrganizationId).trust = perceivedFromPulse(cell.figure);
  }
  return [...directions.values()];
}

function perceivedByPillar(figures: PulseCategoryFigures): TrustHealthPeriodInput["perceived"] {
  const perceived: TrustHealthPeriodInput["perceived"] = {};
  for (const pillar of PILLARS) {
    const value = perceivedFromPulse(figures[pillar]);
    if (value) perceived[pillar] = value;
  }
  return perceived;
}

/** What each organisation delivered to and received from partners, from the reciprocity pairs. */
export function reciprocityFlows(figures: CommitmentFigures): ReciprocityFlow[] {
  const flows = new Map<string, ReciprocityFlow>();
  const flow = (id: string) => {
    let f = flows.get(id);
    if (!f) flows.set(id, (f = { organizationId: id, delivered: 0, received: 0 }));
    return f;
  };
  for (const pair of figures.reciprocity) {
    flow(pair.organizationA).delivered += pair.deliveredAToB;
    flow(pair.organizationB).received += pair.deliveredAToB;
    flow(pair.organizationB).delivered += pair.deliveredBToA;
    flow(pair.organizationA).received += pair.deliveredBToA;
  }
  return [...flows.values()];
}

/** One respondent group per organisation whose own people's pillar scores were published. */
function groupsFromPulse(pulse: PulseFigures): GroupPillarScores[] {
  return pulse.organizations.flatMap((org) => {
    const scores: Partial<Record<Pillar, number>> = {};
    for (const pillar of PILLARS) {
      const figure = org.answeredBy[pillar];
      if (figure?.kind === "score") scores[pillar] = calibrateLikert(figure.mean);
    }
    return scores.trust === undefined ? [] : [{ groupId: org.organizationId, scores }];
  });
}

/** Builds one period's input from the commitment and pulse figures (either may be missing). */
export function periodInputFromFigures(args: {
  periodKey: string;
  label: string;
  organizations: ReadonlyArray<{ id: string; name: string }>;
  commitments: CommitmentFigures | null;
  pulse: PulseFigures | null;
}): TrustHealthPeriodInput {
  const { commitments, pulse } = args;
  const overall = commitments?.overall;
  const organizations = args.organizations.map((org): OrganizationPeriodInput => {
    const owned = commitments?.byOrganization.find((f) => f.organizationId === org.id);
    const pulseOrg = pulse?.organizations.find((o) => o.organizationId === org.id);
    return {
      organizationId: org.id,
      name: org.name,
      observed: owned && owned.reliability !== null && owned.resolved > 0 ? { keptRate: owned.reliability, resolved: owned.resolved } : null,
      perceivedByPartners: perceivedFromPulse(pulseOrg?.seenByPartners.reliability),
      trustByPartners: perceivedFromPulse(pulseOrg?.seenByPartners.trust),
      participation: pulseOrg ? { invited: pulseOrg.participation.invited, responded: pulseOrg.participation.completed } : null,
    };
  });
  return {
    periodKey: args.periodKey,
    label: args.label,
    perceived: pulse ? perceivedByPillar(pulse.overall) : {},
    observed: {
      reliability: overall && overall.reliability !== null ? { keptRate: overall.reliability, resolved: overall.resolved } : null,
      clarity:
        commitments && commitments.clarity.share !== null
          ? { share: commitments.clarity.share, commitments: commitments.clarity.commitments }
          : null,
      reciprocity: commitments ? reciprocityImbalance(reciprocityFlows(commitments)) : null,
    },
    organizations,
    directions: directionsFromFigures(commitments, pulse),
    groups: pulse ? groupsFromPulse(pulse) : [],
  };
}

function ref(c: CommitmentFigureRef): CommitmentRef {
  return {
    id: c.id,
    text: c.text,
    ownerOrganizationId: c.ownerOrganizationId,
    beneficiaryOrganizationId: c.beneficiaryOrganizationId,
    dueDate: c.dueDate,
  };
}

/** The broken, disputed and overdue commitments of the current period. */
export function commitmentEventsFromFigures(figures: CommitmentFigures): CommitmentEventsInput {
  return {
    broken: figures.broken.map(ref),
    disputed: figures.disputed.map(ref),
    overdue: figures.overdue.map((c) => ({ ...ref(c), daysOverdue: c.daysOverdue })),
  };
}

/**
 * "Say" from a tally of the brief's poll (template collaboration-priorities): the share of voters
 * per pillar. Null for other polls or when the tally is not published (anonymous, fewer than k).
 */
export function sayFromPollTally(poll: Pick<Poll, "id" | "templateKey">, tally: PollTally): SayInput | null {
  if (poll.templateKey !== COLLABORATION_PRIORITIES_TEMPLATE || !tally.overallPublished || tally.totalVoters === 0) {
    return null;
  }
  const shares: SayInput["shares"] = {};
  for (const option of tally.options) {
    if (option.key !== null && isPillar(option.key)) shares[option.key] = option.percent / 100;
  }
  return { pollId: poll.id, respondents: tally.totalVoters, shares };
}
