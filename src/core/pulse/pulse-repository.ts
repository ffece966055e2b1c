/** The storage port of pulse check-ins; implemented in memory and with Prisma (src/storage). */
import type { PulseRoundAggregate } from "./pulse-round-aggregates.js";
import type { NewPulseInvite, NewPulseRound, PulseAnswer, PulseInvite, PulseRound } from "./pulse-types.js";

/** Rounds, invites and answers. Every write that a platform may retry is idempotent. */
export interface PulseRepository {
  /**
   * Creates the round, or returns the existing one for (allianceId, periodKey) unchanged:
   * opening the same period twice (two scheduler instances, a retry) yields one round.
   */
  openRound(round: NewPulseRound): Promise<PulseRound>;
  findRound(roundId: string): Promise<PulseRound | null>;
  findRoundByPeriod(allianceId: string, periodKey: string): Promise<PulseRound | null>;
  /** Rounds of the alliance whose periodKey is in `periodKeys`. */
  roundsByPeriods(allianceId: string, periodKeys: readonly string[]): Promise<PulseRound[]>;
  /** Rounds (of any alliance) open at `now`: openedAt ≤ now < closesAt. */
  openRoundsAt(now: Date): Promise<PulseRound[]>;

  /** Adds invites; one per (round, member), existing ones are left as they are. */
  addInvites(invites: readonly NewPulseInvite[]): Promise<void>;
  invitesOfRound(roundId: string): Promise<PulseInvite[]>;
  findInvite(roundId: string, memberId: string): Promise<PulseInvite | null>;
  /** Invites of the member in rounds open at `now`. */
  openInvitesOf(memberId: string, now: Date): Promise<PulseInvite[]>;
  /** Sets sentAt / completedAt / remindedAt where still empty (first write wins). */
  markInvite(inviteId: string, field: "sentAt" | "completedAt" | "remindedAt", at: Date): Promise<void>;
  /** The member's invites in the alliance's rounds, with each round's period, oldest round first. */
  invitesOfMember(allianceId: string, memberId: string): Promise<Array<PulseInvite & { periodKey: string }>>;
  /** Deletes every invite of the member in the alliance ("forget me"); returns how many were deleted. */
  deleteInvitesOf(allianceId: string, memberId: string): Promise<number>;

  /**
   * One person answered the round from two memberships (issue 10, "People"): merges `from` into
   * `into` (both members invited to the round). Each of `from`'s answers (under
   * `from.respondentKey`) to a question `into` has not answered becomes `into`'s (under
   * `into.respondentKey`, with `into`'s invite organisation); the others are dropped — the
   * answers carry only the round's date, so nothing says which is newer, and `into`'s is the one
   * the person keeps changing. Then `from`'s invite is deleted, its sentAt / completedAt /
   * remindedAt filling `into`'s where those are empty. All or nothing. `merged: false` (and no
   * change) when either invite does not exist.
   */
  mergeRespondent(
    roundId: string,
    into: { memberId: string; respondentKey: string },
    from: { memberId: string; respondentKey: string },
  ): Promise<{ merged: boolean; movedAnswers: number }>;

  /**
   * Stores the answer, replacing the one with the same (roundId, itemKey, respondentKey,
   * targetOrganizationId): a changed answer replaces the old one, a repeated one changes nothing.
   */
  saveAnswer(answer: PulseAnswer): Promise<void>;
  /** Answers of one respondent in one round (to show them their own answers). */
  answersOf(roundId: string, respondentKey: string): Promise<PulseAnswer[]>;
  /** All answers of the given rounds, in a stable order that does not reveal answering order. */
  answersOfRounds(roundIds: readonly string[]): Promise<PulseAnswer[]>;
  /**
   * The alliance's rounds whose periodKey is in `periodKeys` (by periodKey), each summed up as
   * aggregateRoundAnswers (pulse-round-aggregates.ts) does, reading each answer and invite once.
   */
  roundAggregates(allianceId: string, periodKeys: readonly string[]): Promise<PulseRoundAggregate[]>;
}
