// Posts poll messages and keeps them current. Updates go through the coalescer, so however many
// votes arrive, each poll message gets at most one chat.update per interval, always ending with
// the latest tally; the channel message shows what everyone may see (viewer null).
import type { AllianceService } from "../../../core/alliance/alliance-service.js";
import type { WorkspaceRepository } from "../../../core/alliance/workspace-repository.js";
import type { Poll } from "../../../core/polls/poll.js";
import type { PollResults, PollService } from "../../../core/polls/poll-service-types.js";
import { pollLocale, type PollCreatorSource } from "../../../core/polls/poll-locale.js";
import { buildPollView, type PollView } from "../../../core/polls/poll-views.js";
import type { Clock } from "../../../core/shared/clock.js";
import type { Logger } from "../../../logger.js";
import { renderPollMessage } from "../render/poll-blocks.js";
import type { SlackMessenger, SlackPostedMessage } from "../transport/slack-messenger.js";
import { createUpdateCoalescer, type UpdateClaim } from "./update-coalescer.js";

/** Posting and updating poll messages. */
export interface PollPublisher {
  /** Posts the poll into `channel` and remembers the message on the poll. */
  post(poll: Poll, target: { teamId: string; channel: string; workspaceId: string }): Promise<SlackPostedMessage>;
  /** Asks for the poll's message to be brought up to date (coalesced). */
  requestUpdate(pollId: string): void;
  /** Updates the message right away (close, reveal). */
  updateNow(pollId: string): Promise<void>;
  /** The public view of a poll, in the alliance's language. */
  channelView(pollId: string): Promise<PollView>;
  /** Sends pending updates (shutdown). */
  flush(): Promise<void>;
}

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
  /** The cross-instance lease (see update-coalescer.ts); keys are "slack:poll:<pollId>". */
  claim?: UpdateClaim | undefined;
}): PollPublisher {
  const viewOf = async (results: PollResults): Promise<PollView> => {
    const alliance = await deps.alliances.getAlliance(results.poll.allianceId);
    // One message, one language: the poll's (its creator's, whose words the question is).
    const locale = await pollLocale(results.poll, deps.members, alliance.locale);
    return buildPollView(results, { locale, timeZone: alliance.timezone, now: deps.clock.now() });
  };
  const channelView = async (pollId: string): Promise<PollView> => viewOf(await deps.polls.getResults(null, pollId));
  const update = async (pollId: string): Promise<void> => {
    // One read of the results serves both the message reference and the view.
    const results = await deps.polls.getResults(null, pollId);
    const message = results.poll.message;
    if (!message) return;
    const [view, workspace] = await Promise.all([viewOf(results), deps.workspaces.get(message.workspaceId)]);
    await deps.messenger.update(
      { teamId: workspace?.externalId ?? null, channel: message.conversationId, ts: message.messageId },
      renderPollMessage(view),
    );
  };
  const claim = deps.claim;
  const coalescer = createUpdateCoalescer(update, {
    ...(deps.intervalMs !== undefined ? { intervalMs: deps.intervalMs, leadingDelayMs: Math.min(300, deps.intervalMs / 5) } : {}),
    ...(claim ? { claim: (pollId: string, leaseMs: number) => claim(`slack:poll:${pollId}`, leaseMs) } : {}),
    logger: deps.logger,
  });
  return {
    async post(poll, target) {
      const posted = await deps.messenger.post({ teamId: target.teamId, channel: target.channel }, renderPollMessage(await channelView(poll.id)));
      await deps.polls.recordMessage(poll.id, { workspaceId: target.workspaceId, conversationId: posted.channel, messageId: posted.ts });
      return posted;
    },
    requestUpdate: (pollId) => coalescer.request(pollId),
    updateNow: update,
    channelView,
    flush: () => coalescer.flush(),
  };
}
