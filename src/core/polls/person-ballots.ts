/**
 * One person, one ballot — also for ballots cast before the bot knew it was one person (issue 10,
 * "People"). Anna votes on Slack and, before her Teams membership's e-mail is verified, on the
 * Teams copy of the same alliance poll: two ballots under two voter keys. When the Teams
 * membership becomes verified and thereby one person with the Slack one, every OPEN poll of the
 * alliance is reconciled: her ballots under the keys of all her memberships become the one ballot
 * under the key of her oldest membership (the key every later vote of hers uses, see
 * core/alliance/person.ts), and each poll that changed is reported so its messages are updated.
 * Closed polls stay as they were: their results were already reported.
 *
 * Which choice is kept: the latest cast. A ballot records only the day it was cast (on purpose:
 * no time of day that could be matched to a message), so on the same day the ballot of the oldest
 * membership stays — that is the one the person has been changing since they became one person.
 *
 * Anonymous polls are reconciled too, without weakening them: an anonymous voter key is the keyed
 * hash of (poll, member), which the server can compute for any member it is told about (it does
 * the same for every vote). The merge names no one: it deletes one sealed row and re-seals the
 * kept choice under the person's key; nothing is logged or stored about who chose what.
 */
import type { Member } from "../alliance/member.js";
import type { MemberRepository } from "../alliance/member-repository.js";
import type { Clock } from "../shared/clock.js";
import type { PollBallot } from "./poll.js";
import type { PollRepository } from "./poll-repository.js";
import { voterKeyFor, type VoterKeyHasher } from "./voter-key.js";

/**
 * The ballot a merge keeps: the latest cast of `current` (the person's ballot) and `others` (the
 * same person's ballots under other keys, in the order given); on the same day the earlier in
 * that order, `current` first. Shared by both repository implementations so they agree.
 */
export function pickMergedBallot(current: PollBallot | null, others: readonly PollBallot[]): PollBallot {
  const candidates = current ? [current, ...others] : [...others];
  const first = candidates[0];
  if (first === undefined) throw new RangeError("pickMergedBallot needs at least one ballot");
  return candidates.reduce((kept, ballot) => (ballot.castOn.getTime() > kept.castOn.getTime() ? ballot : kept), first);
}

/** What the merger needs. */
export interface PersonBallotMergerDeps {
  polls: Pick<PollRepository, "listByAlliance" | "mergeBallots">;
  members: Pick<MemberRepository, "get" | "listByVerifiedEmail">;
  hasher: VoterKeyHasher;
  clock: Clock;
}

/** Reconciles one person's ballots after one of their memberships became verified. */
export type PersonBallotMerger = (memberId: string) => Promise<string[]>;

/**
 * The merger: for the person `memberId` now belongs to (every current member of the alliance with
 * its verified e-mail, oldest first), merges their ballots in each open poll of the alliance into
 * the oldest membership's. Returns the ids of the polls whose ballots changed (to update their
 * messages). A member without a verified e-mail, or the only one with it, changes nothing.
 */
export function createPersonBallotMerger({ polls, members, hasher, clock }: PersonBallotMergerDeps): PersonBallotMerger {
  return async (memberId) => {
    const member = await members.get(memberId);
    if (!member || member.erasedAt || !member.emailVerified || !member.email) return [];
    const same: Member[] = await members.listByVerifiedEmail(member.allianceId, member.email);
    const [owner, ...others] = same;
    if (owner === undefined || others.length === 0) return [];
    const changed: string[] = [];
    for (const poll of await polls.listByAlliance(member.allianceId, { status: "open" })) {
      const into = { voterKey: voterKeyFor(poll, owner.id, hasher), memberId: poll.anonymous ? null : owner.id };
      const fromKeys = others.map((other) => voterKeyFor(poll, other.id, hasher));
      const result = await polls.mergeBallots(poll.id, into, fromKeys, clock.now());
      if (result.outcome === "merged") changed.push(poll.id);
    }
    return changed;
  };
}
