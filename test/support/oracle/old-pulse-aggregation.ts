// THE OLD PATH, kept only as the oracle of the summary-sameness test (issue 12): pulse figures
// computed in JavaScript from every answer of the rounds, as the summary did before it read
// per-round aggregates. Not used in production; delete with that test.
/**
 * Turns rounds, invites and answers into the published PulseFigures (pure; no storage, no clock).
 * The anonymity rules are described on PulseFigures.
 */
import { decideSuppression, effectiveAnonymityThreshold, type GroupDecision } from "#core/anonymity/anonymity.js";
import { ScoreAccumulator, accumulatorIn, toHundredScale } from "./old-pulse-accumulator.js";
import type {
  OrganizationPulseFigures,
  PerceptionCell,
  PulseCategoryFigures,
  PulseComment,
  PulseFigure,
  PulseFigures,
  PulseParticipation,
} from "#core/pulse/pulse-figures.js";
import { PULSE_CATEGORIES, findPulseItem, type PulseCategory } from "#core/pulse/pulse-item-bank.js";
import { UNKNOWN_ORGANIZATION, cellKey, decideMatrix, splitCellKey } from "./old-pulse-matrix-suppression.js";
import { PeopleSet } from "./old-pulse-accumulator.js";
import type { PulseAnswer, PulseInvite, PulseRound } from "#core/pulse/pulse-types.js";

/** Everything the figures are computed from. */
export interface PulseAggregationInput {
  allianceId: string;
  /** The alliance's configured threshold; clamped to ≥ 3 by core/anonymity. */
  anonymityThreshold: number;
  organizations: ReadonlyArray<{ id: string; name: string }>;
  rounds: readonly PulseRound[];
  invites: readonly PulseInvite[];
  answers: readonly PulseAnswer[];
}

interface CategoryData {
  byOrg: Map<string, ScoreAccumulator>;
  nonDirectional: Map<string, ScoreAccumulator>;
  cells: Map<string, ScoreAccumulator>;
}

function scoreOf(acc: ScoreAccumulator, respondents: number = acc.people.size): PulseFigure {
  return { kind: "score", mean: acc.mean, score: toHundredScale(acc.mean), respondents };
}

function merged(accs: Iterable<ScoreAccumulator>): ScoreAccumulator {
  const total = new ScoreAccumulator();
  for (const acc of accs) {
    total.sum += acc.sum;
    total.answers += acc.answers;
    total.people.addAll(acc.people);
  }
  return total;
}

function participationOf(invites: readonly PulseInvite[]): PulseParticipation {
  const completed = invites.filter((invite) => invite.completedAt !== null).length;
  return { invited: invites.length, completed, rate: invites.length === 0 ? null : completed / invites.length };
}

function verdictFigure(verdict: GroupDecision, acc: ScoreAccumulator): PulseFigure {
  return verdict.published ? scoreOf(acc, verdict.contributors) : { kind: "hidden", reason: verdict.hiddenReason! };
}

/** Computes the published pulse figures. */
export function oldAggregatePulse(input: PulseAggregationInput): PulseFigures {
  const k = effectiveAnonymityThreshold(input.anonymityThreshold);
  const data = new Map<PulseCategory, CategoryData>(
    PULSE_CATEGORIES.map((c) => [c, { byOrg: new Map(), nonDirectional: new Map(), cells: new Map() }]),
  );
  const peopleByOrg = new Map<string, PeopleSet>();
  const commentsByOrg = new Map<string, PulseComment[]>();

  for (const answer of input.answers) {
    const item = findPulseItem(answer.itemKey);
    if (!item) continue; // an item retired from the bank: its old answers no longer count
    const from = answer.respondentOrganizationId ?? UNKNOWN_ORGANIZATION;
    let people = peopleByOrg.get(from);
    if (!people) peopleByOrg.set(from, (people = new PeopleSet()));
    people.add(answer.roundId, answer.respondentKey);
    if (answer.comment) {
      const target = answer.targetOrganizationId || null;
      const comment = { category: item.category, itemKey: item.key, targetOrganizationId: target, text: answer.comment };
      commentsByOrg.set(from, [...(commentsByOrg.get(from) ?? []), comment]);
    }
    if (answer.score === null) continue;
    const d = data.get(item.category)!;
    accumulatorIn(d.byOrg, from).add(answer.roundId, answer.respondentKey, answer.score);
    const part =
      item.directional && answer.targetOrganizationId
        ? accumulatorIn(d.cells, cellKey(from, answer.targetOrganizationId))
        : accumulatorIn(d.nonDirectional, from);
    part.add(answer.roundId, answer.respondentKey, answer.score);
  }

  const overall: PulseCategoryFigures = {};
  const orgFigures = new Map(
    input.organizations.map((org) => [
      org.id,
      { answeredBy: {} as PulseCategoryFigures, seenByPartners: {} as PulseCategoryFigures, selfPerception: {} as PulseCategoryFigures },
    ]),
  );
  const perception: PerceptionCell[] = [];

  for (const category of PULSE_CATEGORIES) {
    const d = data.get(category)!;
    if (d.byOrg.size === 0) continue;
    const groups = [...d.byOrg].map(([id, acc]) => ({
      id,
      contributors: acc.people.size,
      reportable: id !== UNKNOWN_ORGANIZATION && orgFigures.has(id),
    }));
    const decision = decideSuppression({ groups, k, publishTotal: true });
    overall[category] = decision.totalPublished
      ? scoreOf(merged(d.byOrg.values()), decision.totalContributors)
      : { kind: "hidden", reason: "below_threshold" };
    const byId = new Map(decision.groups.map((g) => [g.id, g]));
    for (const [id, acc] of d.byOrg) {
      const target = orgFigures.get(id);
      if (target) target.answeredBy[category] = verdictFigure(byId.get(id)!, acc);
    }

    const matrix = decideMatrix({
      cells: d.cells,
      nonDirectional: d.nonDirectional,
      rowPublished: (from) => byId.get(from)?.published === true,
      k,
    });
    for (const [key, acc] of d.cells) {
      const { from, to } = splitCellKey(key);
      const reason = matrix.hidden.get(key);
      const figure: PulseFigure = reason ? { kind: "hidden", reason } : scoreOf(acc);
      if (from !== UNKNOWN_ORGANIZATION) {
        perception.push({ fromOrganizationId: from, toOrganizationId: to, self: from === to, category, figure });
      }
      if (from === to) {
        const target = orgFigures.get(to);
        if (target) target.selfPerception[category] = figure;
      }
    }
    for (const [to, column] of matrix.columns) {
      const target = orgFigures.get(to);
      if (!target) continue;
      const accs = [...d.cells].filter(([key]) => splitCellKey(key).to === to && splitCellKey(key).from !== to);
      target.seenByPartners[category] = column.totalPublished
        ? scoreOf(merged(accs.map(([, acc]) => acc)), column.totalContributors)
        : { kind: "hidden", reason: "below_threshold" };
    }
  }

  const commentDecision = decideSuppression({
    groups: [...peopleByOrg].map(([id, people]) => ({
      id,
      contributors: people.size,
      reportable: id !== UNKNOWN_ORGANIZATION && orgFigures.has(id),
    })),
    k,
    // No alliance-wide comment list exists, so nothing can be recovered by subtraction.
    publishTotal: false,
  });
  const commentVerdicts = new Map(commentDecision.groups.map((g) => [g.id, g]));

  const organizations: OrganizationPulseFigures[] = input.organizations.map((org) => {
    const figures = orgFigures.get(org.id)!;
    const verdict = commentVerdicts.get(org.id);
    const comments: OrganizationPulseFigures["comments"] =
      verdict && !verdict.published
        ? { kind: "hidden", reason: verdict.hiddenReason! }
        : { kind: "comments", items: sortComments(commentsByOrg.get(org.id) ?? []) };
    return {
      organizationId: org.id,
      name: org.name,
      participation: participationOf(input.invites.filter((invite) => invite.organizationId === org.id)),
      ...figures,
      comments,
    };
  });

  return {
    allianceId: input.allianceId,
    periodKeys: [...new Set(input.rounds.map((round) => round.periodKey))].sort(),
    k,
    overall,
    organizations,
    perception: perception.sort(
      (a, b) =>
        a.fromOrganizationId.localeCompare(b.fromOrganizationId) ||
        a.toOrganizationId.localeCompare(b.toOrganizationId) ||
        PULSE_CATEGORIES.indexOf(a.category) - PULSE_CATEGORIES.indexOf(b.category),
    ),
    participation: participationOf(input.invites),
  };
}

function sortComments(comments: PulseComment[]): PulseComment[] {
  // Sorted by content, never by time, so the order says nothing about who answered when.
  return [...comments].sort(
    (a, b) =>
      PULSE_CATEGORIES.indexOf(a.category) - PULSE_CATEGORIES.indexOf(b.category) ||
      a.itemKey.localeCompare(b.itemKey) ||
      (a.targetOrganizationId ?? "").localeCompare(b.targetOrganizationId ?? "") ||
      a.text.localeCompare(b.text),
  );
}
