/**
 * Storage port for polls and ballots. Implementations: src/storage/memory/in-memory-poll-repository.ts
 * and src/storage/prisma/prisma-poll-repository.ts; both pass test/contract/poll-repository.contract.test.ts.
 */
import type { NewPoll, Poll, PollBallot, PollMessageRef, PollStatus } from "./poll.js";
import type { PollTally } from "./poll-tally.js";

/** What recording a ballot did. */
export type RecordBallotResult =
  /** The poll was closed or past its deadline at `now`: nothing written. */
  | { outcome: "closed" }
  /** The poll does not exist. */
  | { outcome: "not_found" }
  /** Stored; `changed` is false when the same voter already had exactly this ballot (a no-op). */
  | { outcome: "recorded"; ballot: PollBallot; changed: boolean; previousOptionIds: string[] | null };

/** What merging one person's ballots did (see PollRepository.mergeBallots). */
export type MergeBallotsResult =
  | { outcome: "closed" }
  | { outcome: "not_found" }
  /** Nothing to merge: no ballot under any of the `from` keys. */
  | { outcome: "unchanged" }
  /** `ballot` is the person's one ballot now; `removed` ballots under the `from` keys were deleted. */
  | { outcome: "merged"; ballot: PollBallot; removed: number };

/** Filters for listing an alliance's polls. */
export interface PollFilter {
  status?: PollStatus;
  templateKey?: string;
}

/** Storage port for polls. */
export interface PollRepository {
  /** Stores a new poll with its options (ids assigned here). */
  create(poll: NewPoll): Promise<Poll>;
  /**
   * Stores the poll under `id` unless a poll with that id exists, and returns the stored one, so
   * repeating it (a scheduled run retried after a crash) creates nothing new, also when two
   * callers race.
   */
  createOnce(id: string, poll: NewPoll): Promise<{ poll: Poll; created: boolean }>;
  get(pollId: string): Promise<Poll | null>;
  /** Newest first. */
  listByAlliance(allianceId: string, filter?: PollFilter): Promise<Poll[]>;
  /** Open polls whose deadline is at or before `now`, oldest deadline first. */
  listDue(now: Date): Promise<Poll[]>;
  /** Polls with a recurrence rule (the scheduler evaluates the rules). */
  listRecurring(): Promise<Poll[]>;
  /** Closed polls whose closedAt is at or after `since`, oldest close first (the close sweep's recovery). */
  listClosedSince(since: Date): Promise<Poll[]>;
  /** Remembers where the poll message was posted. */
  setMessage(pollId: string, message: PollMessageRef): Promise<void>;
  /**
   * Remembers a copy of an alliance poll posted into another space's alliance channel. One copy per
   * (poll, workspace, conversation): recording it again (a retried delivery) replaces the message id.
   */
  addCopy(pollId: string, copy: PollMessageRef): Promise<void>;
  /**
   * Closes an open poll at `closedAt`. `changed` is false when it was already closed (the stored
   * poll is returned unchanged), so two instances closing at once close it once.
   */
  close(pollId: string, closedAt: Date): Promise<{ poll: Poll; changed: boolean } | null>;
  /**
   * Inserts or replaces the ballot of (pollId, voterKey) in one atomic step, only while the poll is
   * open at `now` (status open and before closesAt). A ballot identical to the stored one is a no-op.
   * Concurrent calls for the same voter leave exactly one ballot.
   */
  recordBallot(ballot: PollBallot, now: Date): Promise<RecordBallotResult>;
  /**
   * Replaces the ballot of (pollId, voterKey) with `next(current)` in one atomic step, only while
   * the poll is open at `now`. Calls for the same voter are serialised: each `next` sees the ballot
   * the previous call left, so two concurrent "add Yes" clicks both add to the stored choice and
   * neither undoes the other. Whatever `next` throws is rethrown with nothing written.
   */
  changeBallot(pollId: string, voterKey: string, now: Date, next: (current: PollBallot | null) => PollBallot): Promise<RecordBallotResult>;
  findBallot(pollId: string, voterKey: string): Promise<PollBallot | null>;
  /**
   * One person's ballots under several voter keys (cast from two memberships before they were
   * known to be one person) become the one ballot under `into.voterKey`, in one atomic step and
   * only while the poll is open at `now`. The choice kept is the latest cast (castOn); on the same
   * day the one already under `into.voterKey`, else the first of `fromKeys` that has a ballot. It
   * is stored under `into` (an anonymous ballot sealed again under its new key) and every ballot
   * under `fromKeys` is deleted. Serialised with recordBallot/changeBallot of those keys.
   */
  mergeBallots(pollId: string, into: { voterKey: string; memberId: string | null }, fromKeys: readonly string[], now: Date): Promise<MergeBallotsResult>;
  /** The figures last published for an open anonymous poll (see the poll service), or null. */
  getPublishedTally(pollId: string): Promise<PollTally | null>;
  /**
   * Stores `tally` as the published figures, only while the stored ones still count
   * `expectedVoters` (null: none stored yet); false when another caller published first.
   */
  publishTally(pollId: string, tally: PollTally, expectedVoters: number | null): Promise<boolean>;
  /** Every ballot of the poll, in no meaningful order (never insertion order for anonymous polls). */
  listBallots(pollId: string): Promise<PollBallot[]>;
  /** The member's named ballots in the alliance's polls (anonymous ballots carry no member id). */
  listNamedBallotsOf(memberId: string, allianceId: string): Promise<PollBallot[]>;
  /**
   * "Forget me": unlinks the member's named ballots in the alliance's polls (member id cleared,
   * voter key replaced by a random one) so tallies stay right but no ballot points at them.
   * Idempotent; returns how many ballots it unlinked.
   */
  unlinkMember(memberId: string, allianceId: string): Promise<number>;
}
