/** The types of the poll service: its dependencies, what it returns, and its interface. */
import type { Clock } from "../shared/clock.js";
import type { Actor, Locale } from "../shared/refs.js";
import type { Poll, PollBallot, PollMessageRef } from "./poll.js";
import type { ResultsHiddenReason } from "./poll-access.js";
import type { PollRepository } from "./poll-repository.js";
import type { ChoiceChange, PollInput } from "./poll-rules.js";
import type { PollTally } from "./poll-tally.js";
import type { VoterKeyHasher } from "./voter-key.js";
import type { PersonDirectory } from "../alliance/person.js";

/** Alliance facts the poll service reads; the composition root adapts the alliance repositories. */
export interface PollDirectory {
  /** The alliance's configured anonymity threshold k (the service clamps it to ≥ 3). */
  anonymityThreshold(allianceId: string): Promise<number>;
  /** The alliance's partner organisations, in display order. */
  organizations(allianceId: string): Promise<ReadonlyArray<{ id: string; name: string }>>;
  /** Display names for named-poll exports; missing ids show as "former member". */
  memberNames(memberIds: readonly string[]): Promise<ReadonlyMap<string, string>>;
}

/** What createPollService needs. */
export interface PollServiceDeps {
  polls: PollRepository;
  clock: Clock;
  hasher: VoterKeyHasher;
  directory: PollDirectory;
  /**
   * One person in several spaces votes with one ballot (core/alliance/person.ts); without it
   * every member is a person of their own.
   */
  persons?: PersonDirectory | undefined;
}

/** Results as one viewer may see them. */
/** A poll's CSV export, ready to send (built by poll-csv.ts). */
export interface PollCsv {
  filename: string;
  rows: string[][];
  csv: string;
}

export interface PollResults {
  poll: Poll;
  /** How many people voted; shown even when the figures are hidden. */
  totalVoters: number;
  /** Why this viewer sees no figures, or null. */
  hiddenReason: ResultsHiddenReason | null;
  /** Null when `hiddenReason` is set. Check `tally.overallPublished` for the too-few-voters case. */
  tally: PollTally | null;
  /**
   * Open anonymous polls: the figures in `tally` are those published at this many voters (they
   * move in steps of at least k), or null when they are the current ones.
   */
  figuresAsOf: number | null;
  /** Names of the alliance's organisations by id, for breakdown rows. */
  organizationNames: Record<string, string>;
}

/** What castVote did. */
export interface CastVoteResult {
  poll: Poll;
  ballot: PollBallot;
  /** False when the same choice was already stored (double click, platform retry). */
  changed: boolean;
  /** True when this replaced an earlier, different choice. */
  replaced: boolean;
}

/** Settings for a poll made from a template (question and options come from the template). */
export type TemplatePollSettings = Omit<PollInput, "question" | "options" | "mode" | "maxChoices">;

/** The poll use cases. */
export interface PollService {
  createPoll(creator: Actor, input: PollInput): Promise<Poll>;
  createPollFromTemplate(creator: Actor, templateKey: string, locale: Locale, settings?: TemplatePollSettings): Promise<Poll>;
  /**
   * A fresh open copy of a recurring poll (no recurrence, no message) for the scheduler to post.
   * With `runAt` (the minute its rule fired) the copy is that run's, under an id derived from the
   * source and the minute: asking again returns the same poll, so a retried run makes no second copy.
   */
  createRecurringInstance(pollId: string, closesAt: Date | null, runAt?: Date): Promise<Poll>;
  getPoll(viewer: Actor, pollId: string): Promise<Poll>;
  /** System read (no viewer): the poll, e.g. to find every message of it to update; null when gone. */
  findPoll(pollId: string): Promise<Poll | null>;
  castVote(voter: Actor, pollId: string, optionIds: readonly string[]): Promise<CastVoteResult>;
  /**
   * A click on a multiple-choice poll: adds `select` to and removes `unselect` from the voter's
   * stored choice atomically, so repeating a click changes nothing (single choice: castVote).
   */
  changeChoice(voter: Actor, pollId: string, change: ChoiceChange): Promise<CastVoteResult>;
  /** The voter's own current choice (to pre-fill a form), or null. */
  myChoice(voter: Actor, pollId: string): Promise<string[] | null>;
  closePoll(actor: Actor, pollId: string): Promise<{ poll: Poll; changed: boolean }>;
  /** `viewer` null: the public channel message everyone in the conversation sees. */
  getResults(viewer: Actor | null, pollId: string): Promise<PollResults>;
  /** Open polls whose deadline has passed at `now`. */
  listDue(now: Date): Promise<Poll[]>;
  /** Closes every poll past its deadline; returns the ones this call closed (to post the reveal). */
  closeExpired(now: Date): Promise<Poll[]>;
  /** For reminders (system use): the eligible members who have not voted. Named polls only. */
  nonVoters(pollId: string, eligibleMemberIds: readonly string[]): Promise<string[]>;
  exportCsv(actor: Actor, pollId: string, locale: Locale): Promise<PollCsv>;
  /** Remembers the posted message so platforms can update it as votes come in. */
  recordMessage(pollId: string, message: PollMessageRef): Promise<void>;
  /** Remembers a copy of an alliance poll posted into another space's alliance channel. */
  recordCopy(pollId: string, copy: PollMessageRef): Promise<void>;
}
