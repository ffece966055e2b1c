/**
 * The poll domain types (DESIGN.md §2.1): a question with 2–10 options, single or multiple choice,
 * anonymous or named, a results visibility, an optional deadline and recurrence rule.
 */

/** One choice or up to `maxChoices`. */
export type PollMode = "single" | "multiple";
export const POLL_MODES: readonly PollMode[] = ["single", "multiple"] as const;

/** Who sees results when: everyone while voting, everyone after close, or the steering committee only. */
export type PollVisibility = "live" | "after_close" | "steering";
export const POLL_VISIBILITIES: readonly PollVisibility[] = ["live", "after_close", "steering"] as const;

/** Open polls take votes; closed polls refuse them. */
export type PollStatus = "open" | "closed";

/** Limits of a poll; exported so forms and modals can enforce the same numbers. */
export const POLL_LIMITS = {
  minOptions: 2,
  maxOptions: 10,
  questionMaxLength: 300,
  /** Slack caps button text at 75 characters; Teams choice titles are shown in full. */
  optionMaxLength: 75,
  /** A deadline further ahead than this is almost certainly a typo. */
  maxDeadlineDays: 366,
} as const;

/** One answer option; `position` is 0-based and fixes the order (and the template key). */
export interface PollOption {
  id: string;
  position: number;
  label: string;
}

/** Where the poll message was posted, so platforms can update it as votes come in. */
export interface PollMessageRef {
  workspaceId: string;
  conversationId: string;
  /** Slack message ts | Teams activity id. */
  messageId: string;
}

/** A poll as stored. */
export interface Poll {
  id: string;
  allianceId: string;
  question: string;
  mode: PollMode;
  /** 1 for single choice; 2..options.length for multiple choice. */
  maxChoices: number;
  anonymous: boolean;
  visibility: PollVisibility;
  status: PollStatus;
  closesAt: Date | null;
  closedAt: Date | null;
  /** Five-field cron expression in the alliance's time zone; evaluated by the scheduler. */
  recurrence: string | null;
  /** Set when created from a template; with the option order it says what each option stands for. */
  templateKey: string | null;
  createdById: string | null;
  /** The message where the poll was created (or where the scheduler posted a run). */
  message: PollMessageRef | null;
  /**
   * An alliance poll: a copy is also posted into the alliance channel of every linked space
   * (Slack workspace or Teams organisation), each on its own platform, all with this one tally.
   */
  forAlliance: boolean;
  /** The copies posted into other spaces' alliance channels, oldest first (alliance polls). */
  copies: PollMessageRef[];
  createdAt: Date;
  /** Sorted by position. */
  options: PollOption[];
}

/**
 * Every posted message of the poll: where it was created and every copy in an alliance channel,
 * once each. Votes and the close update all of them.
 */
export function pollMessages(poll: Pick<Poll, "message" | "copies">): PollMessageRef[] {
  const all = [...(poll.message ? [poll.message] : []), ...poll.copies];
  const seen = new Set<string>();
  return all.filter((ref) => {
    const key = `${ref.workspaceId}\u0000${ref.conversationId}\u0000${ref.messageId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A validated poll ready to be stored; the repository assigns ids. */
export interface NewPoll
  extends Pick<Poll, "allianceId" | "question" | "mode" | "maxChoices" | "anonymous" | "visibility" | "closesAt" | "recurrence" | "templateKey" | "createdById" | "forAlliance" | "createdAt"> {
  /** Labels in order. */
  options: string[];
}

/**
 * One person's current choice. Anonymous ballots have `memberId` null and a keyed-hash `voterKey`;
 * `castOn` is always a date (UTC midnight), never a time, so ballots cannot be ordered by time.
 */
export interface PollBallot {
  pollId: string;
  voterKey: string;
  memberId: string | null;
  /** Needed for the per-organisation tally; null when the voter's organisation is unknown. */
  organizationId: string | null;
  /** Sorted by option position. */
  optionIds: string[];
  castOn: Date;
}

/** True when votes may still be cast at `now`: open and before the deadline. */
export function acceptsVotes(poll: Poll, now: Date): boolean {
  return poll.status === "open" && (poll.closesAt === null || now.getTime() < poll.closesAt.getTime());
}

/** The UTC calendar day of `at`, at midnight: the only time stored on a ballot. */
export function dayOf(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}
