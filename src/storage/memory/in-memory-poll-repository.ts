// In-memory PollRepository for unit tests and the contract suite's reference run. Same guarantees
// as the Prisma one: one ballot per (poll, voter key), votes only while open, close once.
import { randomUUID } from "node:crypto";
import type { NewPoll, Poll, PollBallot, PollMessageRef } from "#core/polls/poll.js";
import { acceptsVotes } from "#core/polls/poll.js";
import type { MergeBallotsResult, PollFilter, PollRepository, RecordBallotResult } from "#core/polls/poll-repository.js";
import { pickMergedBallot } from "#core/polls/person-ballots.js";
import type { PollTally } from "#core/polls/poll-tally.js";
import { newPollColumns } from "../new-poll-columns.js";

const copy = <T>(value: T): T => structuredClone(value);

function sameChoice(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

/** A PollRepository in memory. */
export class InMemoryPollRepository implements PollRepository {
  private readonly polls = new Map<string, Poll>();
  /** pollId → voterKey → ballot. */
  private readonly ballots = new Map<string, Map<string, PollBallot>>();
  private readonly published = new Map<string, PollTally>();

  async createOnce(id: string, draft: NewPoll): Promise<{ poll: Poll; created: boolean }> {
    const existing = this.polls.get(id);
    if (existing) return { poll: copy(existing), created: false };
    return { poll: this.insert(id, draft), created: true };
  }

  async create(draft: NewPoll): Promise<Poll> {
    return this.insert(randomUUID(), draft);
  }

  private insert(id: string, draft: NewPoll): Poll {
    const poll: Poll = {
      id,
      ...newPollColumns(draft),
      status: "open",
      closedAt: null,
      message: null,
      copies: [],
      options: draft.options.map((label, position) => ({ id: randomUUID(), position, label })),
    };
    this.polls.set(id, poll);
    this.ballots.set(id, new Map());
    return copy(poll);
  }

  async get(pollId: string): Promise<Poll | null> {
    const poll = this.polls.get(pollId);
    return poll ? copy(poll) : null;
  }

  async listByAlliance(allianceId: string, filter: PollFilter = {}): Promise<Poll[]> {
    return [...this.polls.values()]
      .filter((poll) => poll.allianceId === allianceId)
      .filter((poll) => filter.status === undefined || poll.status === filter.status)
      .filter((poll) => filter.templateKey === undefined || poll.templateKey === filter.templateKey)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id))
      .map(copy);
  }

  async listDue(now: Date): Promise<Poll[]> {
    return [...this.polls.values()]
      .filter((poll) => poll.status === "open" && poll.closesAt !== null && poll.closesAt.getTime() <= now.getTime())
      .sort((a, b) => (a.closesAt?.getTime() ?? 0) - (b.closesAt?.getTime() ?? 0) || a.id.localeCompare(b.id))
      .map(copy);
  }

  async listRecurring(): Promise<Poll[]> {
    return [...this.polls.values()]
      .filter((poll) => poll.recurrence !== null)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
      .map(copy);
  }

  async listClosedSince(since: Date): Promise<Poll[]> {
    return [...this.polls.values()]
      .filter((poll) => poll.status === "closed" && poll.closedAt !== null && poll.closedAt.getTime() >= since.getTime())
      .sort((a, b) => a.closedAt!.getTime() - b.closedAt!.getTime() || a.id.localeCompare(b.id))
      .map(copy);
  }

  async setMessage(pollId: string, message: PollMessageRef): Promise<void> {
    const poll = this.polls.get(pollId);
    if (poll) poll.message = { ...message };
  }

  async addCopy(pollId: string, copy: PollMessageRef): Promise<void> {
    const poll = this.polls.get(pollId);
    if (!poll) return;
    const same = (ref: PollMessageRef) => ref.workspaceId === copy.workspaceId && ref.conversationId === copy.conversationId;
    const existing = poll.copies.findIndex(same);
    if (existing >= 0) poll.copies[existing] = { ...copy };
    else poll.copies.push({ ...copy });
  }

  async close(pollId: string, closedAt: Date): Promise<{ poll: Poll; changed: boolean } | null> {
    const poll = this.polls.get(pollId);
    if (!poll) return null;
    if (poll.status === "closed") return { poll: copy(poll), changed: false };
    poll.status = "closed";
    poll.closedAt = new Date(closedAt.getTime());
    return { poll: copy(poll), changed: true };
  }

  async recordBallot(ballot: PollBallot, now: Date): Promise<RecordBallotResult> {
    const poll = this.polls.get(ballot.pollId);
    if (!poll) return { outcome: "not_found" };
    if (!acceptsVotes(poll, now)) return { outcome: "closed" };
    return this.write(ballot);
  }

  async changeBallot(pollId: string, voterKey: string, now: Date, next: (current: PollBallot | null) => PollBallot): Promise<RecordBallotResult> {
    const poll = this.polls.get(pollId);
    if (!poll) return { outcome: "not_found" };
    if (!acceptsVotes(poll, now)) return { outcome: "closed" };
    // No await between reading and writing: in one process that is the atomic step.
    const current = this.ballots.get(pollId)?.get(voterKey);
    return this.write({ ...next(current ? copy(current) : null), pollId, voterKey });
  }

  async mergeBallots(pollId: string, into: { voterKey: string; memberId: string | null }, fromKeys: readonly string[], now: Date): Promise<MergeBallotsResult> {
    const poll = this.polls.get(pollId);
    if (!poll) return { outcome: "not_found" };
    if (!acceptsVotes(poll, now)) return { outcome: "closed" };
    // No await from here on: in one process that is the atomic step.
    const byVoter = this.ballots.get(pollId) as Map<string, PollBallot>;
    const from = [...new Set(fromKeys)].filter((key) => key !== into.voterKey).flatMap((key) => byVoter.get(key) ?? []);
    if (from.length === 0) return { outcome: "unchanged" };
    const kept = pickMergedBallot(byVoter.get(into.voterKey) ?? null, from);
    const ballot: PollBallot = { ...copy(kept), pollId, voterKey: into.voterKey, memberId: into.memberId };
    for (const old of from) byVoter.delete(old.voterKey);
    byVoter.set(into.voterKey, ballot);
    return { outcome: "merged", ballot: copy(ballot), removed: from.length };
  }

  private write(ballot: PollBallot): RecordBallotResult {
    const byVoter = this.ballots.get(ballot.pollId) as Map<string, PollBallot>;
    const previous = byVoter.get(ballot.voterKey);
    if (previous && sameChoice(previous.optionIds, ballot.optionIds) && previous.organizationId === ballot.organizationId) {
      return { outcome: "recorded", ballot: copy(previous), changed: false, previousOptionIds: [...previous.optionIds] };
    }
    byVoter.set(ballot.voterKey, copy(ballot));
    return { outcome: "recorded", ballot: copy(ballot), changed: true, previousOptionIds: previous ? [...previous.optionIds] : null };
  }

  async getPublishedTally(pollId: string): Promise<PollTally | null> {
    const tally = this.published.get(pollId);
    return tally ? copy(tally) : null;
  }

  async publishTally(pollId: string, tally: PollTally, expectedVoters: number | null): Promise<boolean> {
    if (!this.polls.has(pollId) || (this.published.get(pollId)?.totalVoters ?? null) !== expectedVoters) return false;
    this.published.set(pollId, copy(tally));
    return true;
  }

  async findBallot(pollId: string, voterKey: string): Promise<PollBallot | null> {
    const ballot = this.ballots.get(pollId)?.get(voterKey);
    return ballot ? copy(ballot) : null;
  }

  async listBallots(pollId: string): Promise<PollBallot[]> {
    // Ordered by voter key (a hash for anonymous polls), never by arrival.
    return [...(this.ballots.get(pollId)?.values() ?? [])]
      .sort((a, b) => a.voterKey.localeCompare(b.voterKey))
      .map(copy);
  }

  async listNamedBallotsOf(memberId: string, allianceId: string): Promise<PollBallot[]> {
    return this.ballotsOf(memberId, allianceId).map(copy);
  }

  async unlinkMember(memberId: string, allianceId: string): Promise<number> {
    const found = this.ballotsOf(memberId, allianceId);
    for (const ballot of found) {
      const byVoter = this.ballots.get(ballot.pollId) as Map<string, PollBallot>;
      byVoter.delete(ballot.voterKey);
      const voterKey = `x:${randomUUID()}`;
      byVoter.set(voterKey, { ...ballot, voterKey, memberId: null });
    }
    return found.length;
  }

  private ballotsOf(memberId: string, allianceId: string): PollBallot[] {
    return [...this.polls.values()]
      .filter((poll) => poll.allianceId === allianceId)
      .flatMap((poll) => [...(this.ballots.get(poll.id)?.values() ?? [])])
      .filter((ballot) => ballot.memberId === memberId)
      .sort((a, b) => a.pollId.localeCompare(b.pollId));
  }
}
