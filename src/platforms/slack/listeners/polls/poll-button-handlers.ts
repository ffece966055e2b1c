// The buttons under a poll message besides voting: close, see results, export as CSV. Each acks
// first and answers privately via response_url. (Remind has its own file: poll-remind-handler.ts.)
import { translate } from "../../../../core/i18n/catalogue.js";
import { buildPollView } from "../../../../core/polls/poll-views.js";
import { buttonActionSchema, entityIdValue } from "../../payloads.js";
import { renderPollMessage } from "../../render/poll-blocks.js";
import { afterAckAsMember, interactionIdentity, replyPrivately, respondWith } from "../common.js";
import type { ActionArgs } from "../handler-args.js";
import type { PollHandlerDeps } from "./poll-handler-deps.js";

/** Closes the poll (creator or steering) and updates its message at once. */
export function pollCloseHandler({ ctx, polls, publisher }: PollHandlerDeps) {
  return async function handlePollClose({ ack, body, action, respond, client }: ActionArgs): Promise<void> {
    await ack();
    const pollId = entityIdValue.parse(buttonActionSchema.parse(action).value);
    await afterAckAsMember(ctx, respond, () => interactionIdentity(body), client, async (actor) => {
      const { locale } = actor;
      const { changed } = await polls.closePoll(actor, pollId);
      await publisher.updateNow(pollId);
      await replyPrivately(respond, translate(locale, changed ? "slack.poll.closed" : "slack.poll.alreadyClosed"));
    });
  };
}

/** Shows the current results privately. */
export function pollResultsHandler({ ctx, polls }: PollHandlerDeps) {
  return async function handlePollResults({ ack, body, action, respond, client }: ActionArgs): Promise<void> {
    await ack();
    const pollId = entityIdValue.parse(buttonActionSchema.parse(action).value);
    await afterAckAsMember(ctx, respond, () => interactionIdentity(body), client, async (actor) => {
      const { locale } = actor;
      const results = await polls.getResults(actor, pollId);
      const message = renderPollMessage(buildPollView(results, { locale, timeZone: actor.alliance.timezone, now: ctx.clock.now() }));
      await respondWith(respond, message);
    });
  };
}

/** Sends the CSV export to the requester's DM: it is theirs to share. */
export function pollExportHandler({ ctx, polls }: PollHandlerDeps) {
  return async function handlePollExport({ ack, body, action, respond, client }: ActionArgs): Promise<void> {
    await ack();
    const pollId = entityIdValue.parse(buttonActionSchema.parse(action).value);
    await afterAckAsMember(ctx, respond, () => interactionIdentity(body), client, async (actor) => {
      const { locale } = actor;
      const poll = await polls.getPoll(actor, pollId);
      const csv = await polls.exportCsv(actor, pollId, locale);
      // The export goes to the requester's DM, not the channel: it is theirs to share.
      const channel = await ctx.messenger.openDirect({ teamId: actor.teamId, user: actor.userId });
      await ctx.messenger.uploadFile({ teamId: actor.teamId, channel, filename: csv.filename, title: translate(locale, "slack.poll.exportTitle", { question: poll.question }), content: csv.csv });
      await replyPrivately(respond, translate(locale, "slack.dmSent"));
    });
  };
}
