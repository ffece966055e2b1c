/**
 * Turns rounds, invites and answers into the published PulseFigures (pure; no storage, no clock).
 * The anonymity rules are described on PulseFigures. The figures are computed from per-round
 * aggregates (pulse-round-aggregates.ts), which storage computes without handing out answers;
 * `aggregatePulse` is the same from plain answers.
 */
import { decideSuppression, effectiveAnonymityThreshold, type GroupDecision } from "../anonymity/anonymity.js";
import { ScoreAccumulator, accumulatorIn, toHundredScale } from "./pulse-accumulator.js";
import type {
  OrganizationPulseFigures,
  PerceptionCell,
  PulseCategoryFigures,
  PulseComment,
  PulseFigure,
  PulseFigures,
  PulseParticipation,
} from "./pulse-figures.js";
import { PULSE_CATEGORIES, findPulseItem, type PulseCategory } from "./pulse-item-bank.js";
import { UNKNOWN_ORGANIZATION, cellKey, decideMatrix, splitCellKey } from "./pulse-matrix-suppression.js";
import { PeopleSet } from "./pulse-accumulator.js";
import { aggregateRoundAnswers, type PulseRoundAggregate } from "./pulse-round-aggregates.js";
import type { PulseAnswer, PulseInvite, PulseRound } from "./pulse-types.js";

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

/** The figures' input with each round already summed up. */
export interface PulseRoundsInput {
  allianceId: string;
  anonymityThreshold: number;
  organizations: ReadonlyArray<{ id: string; name: string }>;
  rounds: readonly PulseRoundAggregate[];
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

function participationOf(counts: ReadonlyArray<{ invited: number; completed: number }>): PulseParticipation {
  const invited = counts.reduce((sum, c) => sum + c.invited, 0);
  const completed = counts.reduce((sum, c) => sum + c.completed, 0);
  return { invited, completed, rate: invited === 0 ? null : completed / invited };
}

function verdictFigure(verdict: GroupDecision, acc: ScoreAccumulator): PulseFigure {
  return verdict.published ? scoreOf(acc, verdict.contributors) : { kind: "hidden", reason: verdict.hiddenReason! };
}

/** Computes the published pulse figures from plain answers. */
export function aggregatePulse(input: PulseAggregationInput): PulseFigures {
  return pulseFiguresFromRounds({
    ...input,
    rounds: input.rounds.map((round) => aggregateRoundAnswers(round, input.invites, input.answers)),
  });
}

/** Where an answered cell counts: a directional item about a partner is a matrix cell, anything else the row's rest. */
function partOf(item: { directional: boolean }, from: string, target: string): { cell: string | null } {
  return { cell: item.directional && target ? cellKey(from, target) : null };
}

/**
 * The accumulators of every category, filled from the rounds' sums and respondent groups, with
 * each map in the order its first answer was read (round id, then content order in the round).
 */
function accumulate(rounds: readonly PulseRoundAggregate[]): { data: Map<PulseCategory, CategoryData>; peopleByOrg: Map<string, PeopleSet> } {
  const order = new Map<ScoreAccumulator, [string, number]>();
  const staged = new Map<PulseCategory, { byOrg: Map<string, ScoreAccumulator>; nonDirectional: Map<string, ScoreAccumulator>; cells: Map<string, ScoreAccumulator> }>(
    PULSE_CATEGORIES.map((c) => [c, { byOrg: new Map(), nonDirectional: new Map(), cells: new Map() }]),
  );
  const peopleByOrg = new Map<string, PeopleSet>();
  const seen = (acc: ScoreAccumulator, roundId: string, first: number) => {
    const at = order.get(acc);
    if (!at || roundId < at[0] || (roundId === at[0] && first < at[1])) order.set(acc, [roundId, first]);
  };
  for (const { round, scores, respondents } of rounds) {
    for (const s of scores) {
      const item = findPulseItem(s.itemKey);
      if (!item || s.answers === 0) continue; // an item retired from the bank: its old answers no longer count
      const from = s.respondentOrganizationId ?? UNKNOWN_ORGANIZATION;
      const d = staged.get(item.category)!;
      const { cell } = partOf(item, from, s.targetOrganizationId);
      for (const acc of [accumulatorIn(d.byOrg, from), cell ? accumulatorIn(d.cells, cell) : accumulatorIn(d.nonDirectional, from)]) {
        acc.sum += s.sum;
        acc.answers += s.answers;
        seen(acc, round.id, s.first);
      }
    }
    respondents.forEach((group, index) => {
      // A group of people who answered alike is one member of every PeopleSet it belongs to.
      const id = `group:${index}`;
      const from = group.respondentOrganizationId ?? UNKNOWN_ORGANIZATION;
      let counted = false;
      for (const answered of group.answered) {
        const item = findPulseItem(answered.itemKey);
        if (!item) continue;
        counted = true;
        if (!answered.scored) continue;
        const d = staged.get(item.category)!;
        const { cell } = partOf(item, from, answered.targetOrganizationId);
        accumulatorIn(d.byOrg, from).people.add(round.id, id, group.count);
        (cell ? accumulatorIn(d.cells, cell) : accumulatorIn(d.nonDirectional, from)).people.add(round.id, id, group.count);
      }
      if (counted) {
        let people = peopleByOrg.get(from);
        if (!people) peopleByOrg.set(from, (people = new PeopleSet()));
        people.add(round.id, id, group.count);
      }
    });
  }
  const inOrder = (map: Map<string, ScoreAccumulator>) =>
    new Map(
      [...map].sort(([, a], [, b]) => {
        const [ra, fa] = order.get(a)!;
        const [rb, fb] = order.get(b)!;
        return ra < rb ? -1 : ra > rb ? 1 : fa - fb;
      }),
    );
  const data = new Map<PulseCategory, CategoryData>(
    PULSE_CATEGORIES.map((c) => {
      const d = staged.get(c)!;
      return [c, { byOrg: inOrder(d.byOrg), nonDirectional: d.nonDirectional, cells: inOrder(d.cells) }];
    }),
  );
  return { data, peopleByOrg };
}

/** Computes the published pulse figures from per-round aggregates. */
export function pulseFiguresFromRounds(input: PulseRoundsInput): PulseFigures {
  const k = effectiveAnonymityThreshold(input.anonymityThreshold);
  const { data, peopleByOrg } = accumulate(input.rounds);
  const commentsByOrg = new Map<string, PulseComment[]>();
  for (const { comments } of input.rounds) {
    for (const c of comments) {
      const item = findPulseItem(c.itemKey);
      if (!item) continue;
      const from = c.respondentOrganizationId ?? UNKNOWN_ORGANIZATION;
      const comment = { category: item.category, itemKey: item.key, targetOrganizationId: c.targetOrganizationId || null, text: c.text };
      commentsByOrg.set(from, [...(commentsByOrg.get(from) ?? []), comment]);
    }
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
      participation: participationOf(input.rounds.flatMap((r) => r.invites.filter((c) => c.organizationId === org.id))),
      ...figures,
      comments,
    };
  });

  return {
    allianceId: input.allianceId,
    periodKeys: [...new Set(input.rounds.map(({ round }) => round.periodKey))].sort(),
    k,
    overall,
    organizations,
    perception: perception.sort(
      (a, b) =>
        a.fromOrganizationId.localeCompare(b.fromOrganizationId) ||
        a.toOrganizationId.localeCompare(b.toOrganizationId) ||
        PULSE_CATEGORIES.indexOf(a.category) - PULSE_CATEGORIES.indexOf(b.category),
    ),
    participation: participationOf(input.rounds.flatMap((r) => r.invites)),
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
