/**
 * The poll use cases (createPollService): create, vote, close, results, reminders, export. Time
 * comes from the Clock, the voter-key secret stays behind the VoterKeyHasher port.
 */
import { effectiveAnonymityThreshold } from "../anonymity/anonymity.js";
import { DomainError } from "../shared/errors.js";
import type { Actor, Locale } from "../shared/refs.js";
import { acceptsVotes, dayOf, type Poll } from "./poll.js";
import { assertMayClose, assertMayExport, assertSameAlliance, resultsHiddenReason } from "./poll-access.js";
import { buildPollCsv } from "./poll-csv.js";
import { applyChoiceChange, validateChoice, validateNewPoll, type ChoiceChange, type PollInput } from "./poll-rules.js";
import type { RecordBallotResult } from "./poll-repository.js";
import type { CastVoteResult, PollResults, PollService, PollServiceDeps, TemplatePollSettings } from "./poll-service-types.js";
import { tallyPoll, type PollTally } from "./poll-tally.js";
import { findPollTemplate } from "./poll-templates.js";
import { voterKeyFor } from "./voter-key.js";
import { createTtlCache } from "../shared/ttl-cache.js";

/**
 * How long a vote reuses a poll's definition without reading it. Question, options and mode never
 * change after creation; only the status does, and the ballot write re-checks "open" in the same
 * statement, so a poll closed by another instance still refuses the vote.
 */
const POLL_DEFINITION_TTL_MS = 5_000;

/** The id of a recurring poll's run at `runAt`'s minute: "<source id>-run-202611230800" (UTC). */
export function recurringRunId(sourceId: string, runAt: Date): string {
  return `${sourceId}-run-${runAt.toISOString().slice(0, 16).replace(/\D/g, "")}`;
}

/**
 * What a vote did. The repository re-checks "open" in the same write, so a close that lands
 * between the service's check and the write still refuses the vote.
 */
function voteOutcome(poll: Poll, result: RecordBallotResult): CastVoteResult {
  if (result.outcome === "closed") throw new DomainError("POLL_CLOSED", "poll closed");
  if (result.outcome === "not_found") throw new DomainError("NOT_FOUND", "poll not found");
  return { poll, ballot: result.ballot, changed: result.changed, replaced: result.changed && result.previousOptionIds !== null };
}

/** Builds the poll service over its ports. */
export function createPollService({ polls, clock, hasher, directory, persons }: PollServiceDeps): PollService {
  /**
   * Who votes: the member standing for the voter's person (the oldest member with their verified
   * e-mail), so voting in a second space changes the same ballot instead of adding one.
   */
  const ballotOwner = async (voter: Actor): Promise<string> => (persons ? persons.personOf(voter.memberId) : voter.memberId);

  async function load(actor: Actor, pollId: string): Promise<Poll> {
    const poll = await polls.get(pollId);
    assertSameAlliance(poll, actor);
    return poll;
  }

  /** The poll as a vote needs it: open polls come from the definition cache (see above). */
  const definitions = createTtlCache<Poll>({ ttlMs: POLL_DEFINITION_TTL_MS });
  async function loadForVote(actor: Actor, pollId: string): Promise<Poll> {
    const poll = await definitions.get(pollId, async () => {
      const stored = await polls.get(pollId);
      return stored?.status === "open" ? stored : null;
    });
    if (poll !== null) {
      assertSameAlliance(poll, actor);
      return poll;
    }
    return load(actor, pollId);
  }

  async function loadSystem(pollId: string): Promise<Poll> {
    const poll = await polls.get(pollId);
    if (poll === null) throw new DomainError("NOT_FOUND", "poll not found");
    return poll;
  }

  async function results(viewer: Actor | null, poll: Poll): Promise<PollResults> {
    const [ballots, organizations, configuredK] = await Promise.all([
      polls.listBallots(poll.id),
      directory.organizations(poll.allianceId),
      directory.anonymityThreshold(poll.allianceId),
    ]);
    const hiddenReason = resultsHiddenReason(poll, viewer);
    const counted =
      hiddenReason === null
        ? tallyPoll(poll, ballots, {
            k: effectiveAnonymityThreshold(configuredK),
            organizationIds: organizations.map((org) => org.id),
          })
        : null;
    const live = counted !== null && poll.anonymous && poll.status === "open";
    const { tally, figuresAsOf } = live ? await stepped(poll.id, counted) : { tally: counted, figuresAsOf: null };
    return {
      poll,
      totalVoters: ballots.length,
      hiddenReason,
      tally,
      figuresAsOf,
      organizationNames: Object.fromEntries(organizations.map((org) => [org.id, org.name])),
    };
  }

  /**
   * The figures of an open anonymous poll move only in steps of at least k new voters: between
   * steps everyone sees the figures last published. Otherwise the message updated just after a
   * lone vote would show, by its difference, what that person chose. Per-organisation rows wait
   * for the close: a step of k voters may hold one person from an organisation, and comparing two
   * steps' rows would single them out. Closed polls show everything.
   */
  async function stepped(pollId: string, counted: PollTally): Promise<{ tally: PollTally; figuresAsOf: number | null }> {
    const current: PollTally = { ...counted, organizations: [], hiddenOrganizations: [] };
    if (!current.overallPublished) return { tally: current, figuresAsOf: null }; // fewer than k: nothing shown
    const published = await polls.getPublishedTally(pollId);
    if (published === null || current.totalVoters >= published.totalVoters + current.k) {
      // Losing a race to another instance is fine: its figures are a step as well.
      await polls.publishTally(pollId, current, published?.totalVoters ?? null);
      return { tally: current, figuresAsOf: null };
    }
    return { tally: published, figuresAsOf: published.totalVoters };
  }

  const service: PollService = {
    async createPoll(creator: Actor, input: PollInput) {
      return polls.create(validateNewPoll(input, { creator, now: clock.now() }));
    },

    async createPollFromTemplate(creator: Actor, templateKey: string, locale: Locale, settings: TemplatePollSettings = {}) {
      const template = findPollTemplate(templateKey);
      if (template === undefined) throw new DomainError("POLL_UNKNOWN_TEMPLATE", "unknown template", { templateKey });
      const input: PollInput = {
        anonymous: template.anonymous,
        ...settings,
        question: template.question[locale],
        options: template.options.map((option) => option.label[locale]),
        mode: template.mode,
        maxChoices: template.maxChoices,
      };
      return polls.create(validateNewPoll(input, { creator, now: clock.now(), templateKey }));
    },

    async createRecurringInstance(pollId: string, closesAt: Date | null, runAt?: Date) {
      const runId = runAt ? recurringRunId(pollId, runAt) : null;
      // A retried run finds its poll before validating again (its deadline may have passed since).
      const existing = runId ? await polls.get(runId) : null;
      if (existing) return existing;
      const source = await loadSystem(pollId);
      const now = clock.now();
      const creator: Actor = { memberId: source.createdById ?? "", allianceId: source.allianceId, organizationId: null, role: "member" };
      const draft = validateNewPoll(
        {
          question: source.question,
          options: source.options.map((option) => option.label),
          mode: source.mode,
          maxChoices: source.mode === "multiple" ? source.maxChoices : undefined,
          anonymous: source.anonymous,
          visibility: source.visibility,
          closesAt,
          recurrence: null,
          forAlliance: source.forAlliance,
        },
        { creator, now, templateKey: source.templateKey },
      );
      const instance = { ...draft, createdById: source.createdById };
      return runId ? (await polls.createOnce(runId, instance)).poll : polls.create(instance);
    },

    getPoll: load,

    findPoll: (pollId: string) => polls.get(pollId),

    async castVote(voter: Actor, pollId: string, optionIds: readonly string[]) {
      const poll = await loadForVote(voter, pollId);
      const now = clock.now();
      if (!acceptsVotes(poll, now)) throw new DomainError("POLL_CLOSED", "poll closed");
      const chosen = validateChoice(poll, optionIds);
      const owner = await ballotOwner(voter);
      const result = await polls.recordBallot(
        {
          pollId: poll.id,
          voterKey: voterKeyFor(poll, owner, hasher),
          memberId: poll.anonymous ? null : owner,
          organizationId: voter.organizationId,
          optionIds: chosen,
          castOn: dayOf(now),
        },
        now,
      );
      if (result.outcome === "closed") definitions.delete(poll.id);
      return voteOutcome(poll, result);
    },

    async changeChoice(voter: Actor, pollId: string, change: ChoiceChange) {
      const poll = await loadForVote(voter, pollId);
      const now = clock.now();
      if (!acceptsVotes(poll, now)) throw new DomainError("POLL_CLOSED", "poll closed");
      if (poll.mode === "single") return service.castVote(voter, pollId, change.select);
      // The change is applied to the stored choice inside the repository's atomic step, never to a
      // choice read in an earlier request: a concurrent click cannot be lost or undone.
      const owner = await ballotOwner(voter);
      const voterKey = voterKeyFor(poll, owner, hasher);
      const result = await polls.changeBallot(poll.id, voterKey, now, (current) => ({
        pollId: poll.id,
        voterKey,
        memberId: poll.anonymous ? null : owner,
        organizationId: voter.organizationId,
        optionIds: applyChoiceChange(poll, current?.optionIds ?? [], change),
        castOn: dayOf(now),
      }));
      if (result.outcome === "closed") definitions.delete(poll.id);
      return voteOutcome(poll, result);
    },

    async myChoice(voter: Actor, pollId: string) {
      const poll = await load(voter, pollId);
      const ballot = await polls.findBallot(poll.id, voterKeyFor(poll, await ballotOwner(voter), hasher));
      return ballot?.optionIds ?? null;
    },

    async closePoll(actor: Actor, pollId: string) {
      const poll = await load(actor, pollId);
      const now = clock.now();
      assertMayClose(poll, actor, now);
      const closed = await polls.close(poll.id, now);
      definitions.delete(poll.id);
      if (closed === null) throw new DomainError("NOT_FOUND", "poll not found");
      return closed;
    },

    async getResults(viewer: Actor | null, pollId: string) {
      const poll = viewer === null ? await loadSystem(pollId) : await load(viewer, pollId);
      return results(viewer, poll);
    },

    listDue: (now: Date) => polls.listDue(now),

    async closeExpired(now: Date) {
      const closed: Poll[] = [];
      for (const poll of await polls.listDue(now)) {
        // Close at the deadline, not at the (later) moment the scheduler noticed it.
        const result = await polls.close(poll.id, poll.closesAt ?? now);
        definitions.delete(poll.id);
        if (result?.changed) closed.push(result.poll);
      }
      return closed;
    },

    async nonVoters(pollId: string, eligibleMemberIds: readonly string[]) {
      const poll = await loadSystem(pollId);
      if (poll.anonymous) {
        throw new DomainError("POLL_ANONYMOUS_VOTERS_UNKNOWN", "anonymous polls do not track who voted");
      }
      const voted = new Set((await polls.listBallots(poll.id)).map((ballot) => ballot.memberId));
      // A person who voted in another space has voted; a person with two memberships here is reminded once.
      const reminded = new Set<string>();
      const missing: string[] = [];
      for (const id of new Set(eligibleMemberIds)) {
        const person = persons ? await persons.personOf(id) : id;
        if (voted.has(person) || reminded.has(person)) continue;
        reminded.add(person);
        missing.push(id);
      }
      return missing;
    },

    async exportCsv(actor: Actor, pollId: string, locale: Locale) {
      const poll = await load(actor, pollId);
      assertMayExport(poll, actor);
      const shown = await results(actor, poll);
      const ballots = poll.anonymous ? [] : await polls.listBallots(poll.id);
      const names = poll.anonymous
        ? new Map<string, string>()
        : await directory.memberNames(ballots.flatMap((ballot) => (ballot.memberId === null ? [] : [ballot.memberId])));
      return buildPollCsv(shown, ballots, names, locale);
    },

    async recordMessage(pollId, message) {
      await loadSystem(pollId);
      await polls.setMessage(pollId, message);
    },

    async recordCopy(pollId, copy) {
      await loadSystem(pollId);
      await polls.addCopy(pollId, copy);
    },
  };
  return service;
}
