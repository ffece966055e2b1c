// Posts poll messages and keeps them current. Updates go through the coalescer, so however many
// votes arrive, each poll message gets at most one chat.update per interval, always ending with
// the latest tally; the channel message shows what everyone may see (viewer null).
// An alliance poll has several messages: where it was created and a copy in the alliance channel
// of every linked space (core/polls/poll.ts pollMessages). Each Slack copy is coalesced and leased
// on its own (a 429 in one workspace does not hold back another); copies on Teams are the Teams
// adapter's (the alliance poll relay asks it).
import type { AllianceService } from "#core/alliance/alliance-service.js";
import type { WorkspaceRepository } from "#core/alliance/workspace-repository.js";
import { pollMessages, type Poll, type PollMessageRef } from "#core/polls/poll.js";
import type { PollResults, PollService } from "#core/polls/poll-service-types.js";
import { pollLocale, type PollCreatorSource } from "#core/polls/poll-locale.js";
import { buildPollView, type PollView } from "#core/polls/poll-views.js";
import type { Clock } from "#core/shared/clock.js";
import type { Logger } from "#src/logger.js";
import { renderPollMessage } from "../render/poll-blocks.js";
import type { SlackMessenger, SlackPostedMessage } from "../transport/slack-messenger.js";
import { createUpdateCoalescer, type UpdateClaim } from "./update-coalescer.js";

/** Posting and updating poll messages. */
export interface PollPublisher {
  /** Posts the poll into `channel` and remembers the message on the poll. */
  post(poll: Poll, target: { teamId: string; channel: string; workspaceId: string }): Promise<SlackPostedMessage>;
  /**
   * Asks for every Slack message of the poll to be brought up to date (coalesced per message).
   * `poll`, when the caller has it (a vote), names the messages without reading the poll again.
   */
  requestUpdate(pollId: string, poll?: Pick<Poll, "id" | "message" | "copies">): void;
  /** Updates every Slack message of the poll right away (close, reveal). */
  updateNow(pollId: string): Promise<void>;
  /** The public view of a poll, in the alliance's language. */
  channelView(pollId: string): Promise<PollView>;
  /** Sends pending updates (shutdown). */
  flush(): Promise<void>;
}

/**
 * The coalescing key of one message of a poll: the poll id for the message it was created as
 * (the key, and lease key, it always had), "<poll>|<space>|<channel>" for an alliance poll's copy.
 */
const messageKey = (poll: Pick<Poll, "id" | "message">, ref: PollMessageRef): string =>
  poll.message && poll.message.workspaceId === ref.workspaceId && poll.message.conversationId === ref.conversationId
    ? poll.id
    : `${poll.id}|${ref.workspaceId}|${ref.conversationId}`;

/** Builds the publisher. */
export function createPollPublisher(deps: {
  polls: PollService;
  alliances: AllianceService;
  members: PollCreatorSource;
  workspaces: WorkspaceRepository;
  messenger: SlackMessenger;
  clock: Clock;
  logger: Logger;
  intervalMs?: number | undefined;
  /** The cross-instance lease (see update-coalescer.ts); keys are "slack:poll:<message key>". */
  claim?: UpdateClaim | undefined;
}): PollPublisher {
  const viewOf = async (results: PollResults): Promise<PollView> => {
    const alliance = await deps.alliances.getAlliance(results.poll.allianceId);
    // One message, one language: the poll's (its creator's, whose words the question is).
    const locale = await pollLocale(results.poll, deps.members, alliance.locale);
    return buildPollView(results, { locale, timeZone: alliance.timezone, now: deps.clock.now() });
  };
  const channelView = async (pollId: string): Promise<PollView> => viewOf(await deps.polls.getResults(null, pollId));

  /**
   * Updates the poll's Slack messages whose key is in `keys` (all when null) to the current
   * results. With `onFailure` a failed message is handed to it and the others still go out;
   * without, the first failure is thrown (the coalescer retries it).
   */
  const updateMessages = async (pollId: string, keys: ReadonlySet<string> | null, onFailure?: (key: string, error: unknown) => void): Promise<void> => {
    // One read of the results serves every message reference and the view.
    const results = await deps.polls.getResults(null, pollId);
    const refs = pollMessages(results.poll).filter((ref) => keys === null || keys.has(messageKey(results.poll, ref)));
    if (refs.length === 0) return;
    const workspaces = await Promise.all(refs.map((ref) => deps.workspaces.get(ref.workspaceId)));
    const slack = refs.flatMap((ref, i) => (workspaces[i]?.platform === "slack" ? [{ ref, teamId: workspaces[i]!.externalId }] : []));
    if (slack.length === 0) return;
    const message = renderPollMessage(await viewOf(results));
    for (const { ref, teamId } of slack) {
      try {
        await deps.messenger.update({ teamId, channel: ref.conversationId, ts: ref.messageId }, message);
      } catch (error) {
        if (!onFailure) throw error;
        onFailure(messageKey(results.poll, ref), error);
      }
    }
  };
  const updateOne = (key: string): Promise<void> => updateMessages(key.split("|")[0]!, new Set([key]));

  const claim = deps.claim;
  const coalescer = createUpdateCoalescer(updateOne, {
    ...(deps.intervalMs !== undefined ? { intervalMs: deps.intervalMs, leadingDelayMs: Math.min(300, deps.intervalMs / 5) } : {}),
    ...(claim ? { claim: (key: string, leaseMs: number) => claim(`slack:poll:${key}`, leaseMs) } : {}),
    logger: deps.logger,
  });
  return {
    async post(poll, target) {
      const posted = await deps.messenger.post({ teamId: target.teamId, channel: target.channel }, renderPollMessage(await channelView(poll.id)));
      await deps.polls.recordMessage(poll.id, { workspaceId: target.workspaceId, conversationId: posted.channel, messageId: posted.ts });
      return posted;
    },
    requestUpdate(pollId, known) {
      // The poll's own message is asked for at once (as before copies existed); the copies once
      // the poll is known. Copies on another platform are skipped when their update runs.
      coalescer.request(pollId);
      const requestCopies = (poll: Pick<Poll, "id" | "message" | "copies"> | null) => {
        for (const ref of poll ? pollMessages(poll) : []) {
          const key = messageKey(poll!, ref);
          if (key !== pollId) coalescer.request(key);
        }
      };
      if (known) return requestCopies(known);
      void deps.polls
        .findPoll(pollId)
        .then(requestCopies)
        .catch((error: unknown) => deps.logger.warn({ err: error, pollId }, "could not list the copies of a poll to update"));
    },
    // A message Slack refuses now (429, 5xx) is left to the coalescer, which retries it; the
    // others are not held back by it.
    updateNow: (pollId) =>
      updateMessages(pollId, null, (key, error) => {
        deps.logger.warn({ err: error, pollId, key }, "poll message update failed; retrying through the coalescer");
        coalescer.request(key);
      }),
    channelView,
    flush: () => coalescer.flush(),
  };
}
