/**
 * A pulse round summed up so that every published figure can be computed from it exactly, without
 * its individual answers (issue 12: the summary reads each round once, in SQL, and combines
 * rounds in JavaScript for every window it shows).
 *
 * - `scores`: sum and count of the scored answers per (item, respondent organisation, target).
 * - `respondents`: how many respondents of an organisation answered exactly the same set of
 *   (item, target) cells (and which of them with a score). The anonymity rules count DISTINCT
 *   people in unions of cells (a matrix row minus its published cells, pulse-matrix-suppression.ts);
 *   people with the same answered set are in the same cells, so counting them per set gives every
 *   such union exactly: the people in any set of cells are the groups whose answered set touches it.
 * - `first`: each scores row's position in the content order the answers are read in (round id,
 *   item, target, respondent key), so groups enter the suppression in the same order as before
 *   (core/anonymity breaks ties between equally small groups by that order).
 * - invites per organisation, and the comments with their item and target.
 *
 * `aggregateRoundAnswers` is the reference computation (the in-memory repository uses it; the
 * Prisma repository does the same in SQL, checked by the contract suite).
 */
import type { PulseAnswer, PulseInvite, PulseRound } from "./pulse-types.js";

/** One (item, target) cell a respondent answered; `scored` false for "can't say". */
export interface PulseAnsweredCell {
  itemKey: string;
  targetOrganizationId: string;
  scored: boolean;
}

/** The scored answers of one (item, respondent organisation, target). */
export interface PulseScoreSum {
  itemKey: string;
  respondentOrganizationId: string | null;
  targetOrganizationId: string;
  sum: number;
  answers: number;
  /** Position (0-based) of this group's first answer in content order within the round. */
  first: number;
}

/** Respondents of one organisation who answered exactly `answered` (sorted by item, then target). */
export interface PulseRespondentGroup {
  respondentOrganizationId: string | null;
  answered: PulseAnsweredCell[];
  count: number;
}

/** Invited and completed people of one organisation (null: unknown) in the round. */
export interface PulseInviteCount {
  organizationId: string | null;
  invited: number;
  completed: number;
}

/** A comment with what it was about; never with who or when. */
export interface PulseRoundComment {
  itemKey: string;
  respondentOrganizationId: string | null;
  targetOrganizationId: string;
  text: string;
}

/** Everything the figures need from one round. */
export interface PulseRoundAggregate {
  round: PulseRound;
  scores: PulseScoreSum[];
  respondents: PulseRespondentGroup[];
  invites: PulseInviteCount[];
  comments: PulseRoundComment[];
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Content order: item, target, respondent key (the round is fixed). */
function contentOrder(a: PulseAnswer, b: PulseAnswer): number {
  return compare(a.itemKey, b.itemKey) || compare(a.targetOrganizationId, b.targetOrganizationId) || compare(a.respondentKey, b.respondentKey);
}

/** The reference aggregation of one round's invites and answers (rules in the module header). */
export function aggregateRoundAnswers(round: PulseRound, invites: readonly PulseInvite[], answers: readonly PulseAnswer[]): PulseRoundAggregate {
  const own = answers.filter((a) => a.roundId === round.id).sort(contentOrder);
  const scores = new Map<string, PulseScoreSum & { firstKey: string }>();
  const people = new Map<string, { respondentOrganizationId: string | null; answered: PulseAnsweredCell[] }>();
  const comments: PulseRoundComment[] = [];
  for (const a of own) {
    const person = `${a.respondentOrganizationId ?? "\u0001"}\u0000${a.respondentKey}`;
    let p = people.get(person);
    if (!p) people.set(person, (p = { respondentOrganizationId: a.respondentOrganizationId, answered: [] }));
    p.answered.push({ itemKey: a.itemKey, targetOrganizationId: a.targetOrganizationId, scored: a.score !== null });
    if (a.comment !== null) {
      comments.push({ itemKey: a.itemKey, respondentOrganizationId: a.respondentOrganizationId, targetOrganizationId: a.targetOrganizationId, text: a.comment });
    }
    if (a.score === null) continue;
    const key = `${a.itemKey}\u0000${a.respondentOrganizationId ?? "\u0001"}\u0000${a.targetOrganizationId}`;
    let s = scores.get(key);
    if (!s) {
      scores.set(key, (s = { itemKey: a.itemKey, respondentOrganizationId: a.respondentOrganizationId, targetOrganizationId: a.targetOrganizationId, sum: 0, answers: 0, first: 0, firstKey: a.respondentKey }));
    }
    s.sum += a.score;
    s.answers += 1;
  }
  // Rank by (item, target, first respondent key): the order the first answers were read in.
  const ranked = [...scores.values()].sort(
    (a, b) => compare(a.itemKey, b.itemKey) || compare(a.targetOrganizationId, b.targetOrganizationId) || compare(a.firstKey, b.firstKey),
  );
  const groups = new Map<string, PulseRespondentGroup>();
  for (const p of people.values()) {
    const answered = p.answered.sort((a, b) => compare(a.itemKey, b.itemKey) || compare(a.targetOrganizationId, b.targetOrganizationId));
    const key = JSON.stringify([p.respondentOrganizationId, answered]);
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { respondentOrganizationId: p.respondentOrganizationId, answered, count: 1 });
  }
  const inviteCounts = new Map<string | null, PulseInviteCount>();
  for (const invite of invites) {
    if (invite.roundId !== round.id) continue;
    let c = inviteCounts.get(invite.organizationId);
    if (!c) inviteCounts.set(invite.organizationId, (c = { organizationId: invite.organizationId, invited: 0, completed: 0 }));
    c.invited++;
    if (invite.completedAt !== null) c.completed++;
  }
  return {
    round,
    scores: ranked.map(({ firstKey: _, ...s }, first) => ({ ...s, first })),
    respondents: [...groups.values()],
    invites: [...inviteCounts.values()],
    comments,
  };
}
