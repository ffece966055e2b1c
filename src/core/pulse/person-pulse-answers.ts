/**
 * One person, one respondent per pulse round — also for rounds that invited them twice (issue 10,
 * "People"). Anna is invited on her Slack membership and, before her Teams membership's e-mail is
 * verified, on the Teams one too, and answers from both: two invites and two respondents. When the
 * Teams membership becomes verified and thereby one person with the Slack one, every OPEN round
 * that invited several of her memberships is reconciled: the answers and invites of the newer
 * ones merge into the oldest invited membership's (PulseRepository.mergeRespondent), so the round
 * counts her once as invited, once as respondent and once per question. Later answers from any of
 * her memberships go to that same invite (pulse-service.ts resolves the person's invite).
 * Closed rounds stay as they were: their figures were already reported.
 *
 * Anonymity stays as it was: a respondent key is the keyed hash of (round, member), which the
 * server computes for any member it is told about (it does so for every answer). The merge only
 * re-keys answers to the person's key, names no one and logs nothing about what was answered.
 */
import type { MemberRepository } from "../alliance/member-repository.js";
import type { Clock } from "../shared/clock.js";
import { questionsFor, unanswered, type PulseOrganization } from "./pulse-questions.js";
import type { PulseRepository } from "./pulse-repository.js";

/** What the merger needs. */
export interface PersonPulseMergerDeps {
  repository: Pick<PulseRepository, "openInvitesOf" | "findInvite" | "findRound" | "mergeRespondent" | "answersOf" | "markInvite">;
  members: Pick<MemberRepository, "get" | "listByVerifiedEmail">;
  organizations: (allianceId: string) => Promise<PulseOrganization[]>;
  respondentKey: (roundId: string, memberId: string) => string;
  clock: Clock;
}

/** Reconciles one person's pulse invites and answers after one of their memberships became verified. */
export type PersonPulseMerger = (memberId: string) => Promise<string[]>;

/**
 * The merger: for the person `memberId` now belongs to (every current member of the alliance with
 * its verified e-mail, oldest first), merges in each open round the invites of the newer
 * memberships into the oldest invited one's. Returns the ids of the rounds that changed. A member
 * without a verified e-mail, or the only one with it, changes nothing.
 */
export function createPersonPulseMerger({ repository, members, organizations, respondentKey, clock }: PersonPulseMergerDeps): PersonPulseMerger {
  return async (memberId) => {
    const member = await members.get(memberId);
    if (!member || member.erasedAt || !member.emailVerified || !member.email) return [];
    const same = await members.listByVerifiedEmail(member.allianceId, member.email);
    if (same.length < 2) return [];
    const now = clock.now();
    // Open rounds → the person's invited memberships in them, oldest membership first.
    const invited = new Map<string, string[]>();
    for (const membership of same) {
      for (const invite of await repository.openInvitesOf(membership.id, now)) {
        invited.set(invite.roundId, [...(invited.get(invite.roundId) ?? []), membership.id]);
      }
    }
    const changed: string[] = [];
    for (const [roundId, [intoId, ...fromIds]] of invited) {
      if (intoId === undefined || fromIds.length === 0) continue;
      const into = { memberId: intoId, respondentKey: respondentKey(roundId, intoId) };
      let merged = false;
      for (const fromId of fromIds) {
        const result = await repository.mergeRespondent(roundId, into, { memberId: fromId, respondentKey: respondentKey(roundId, fromId) });
        merged ||= result.merged;
      }
      if (!merged) continue;
      changed.push(roundId);
      await completeIfAnswered(roundId, into, now);
    }
    return changed;
  };

  /** Answers from two memberships together may complete the person's round: mark it as the answering would. */
  async function completeIfAnswered(roundId: string, into: { memberId: string; respondentKey: string }, now: Date): Promise<void> {
    const [round, invite] = await Promise.all([repository.findRound(roundId), repository.findInvite(roundId, into.memberId)]);
    if (!round || !invite || invite.completedAt !== null) return;
    const questions = questionsFor(round, await organizations(round.allianceId), invite.organizationId);
    if (unanswered(questions, await repository.answersOf(roundId, into.respondentKey)).length === 0) {
      await repository.markInvite(invite.id, "completedAt", now);
    }
  }
}
