// The buttons under a poll message besides voting: close, see results, export as CSV. Each acks
// first and answers privately via response_url. (Remind has its own file: poll-remind-handler.ts.)
import { translate } from "#core/i18n/catalogue.js";
import { buildPollView } from "#core/polls/poll-views.js";
import { renderPollMessage } from "../../render/poll-blocks.js";
import { replyPrivately, respondWith } from "../common.js";
import type { ActionHandler } from "../handler-args.js";
import { pollButtonHandler, type PollHandlerDeps } from "./poll-handler-deps.js";

/** Closes the poll (creator or steering) and updates its message at once. */
export function pollCloseHandler({ ctx, polls, publisher }: PollHandlerDeps): ActionHandler {
  return pollButtonHandler(ctx, async function closePoll(actor, pollId, respond) {
    const { locale } = actor;
    const { changed, poll } = await polls.closePoll(actor, pollId);
    // Closing one copy closes them all: the other platform's copies are updated too.
    if (poll.forAlliance) ctx.pollRelay?.changed(pollId, "slack");
    await publisher.updateNow(pollId);
    await replyPrivately(respond, translate(locale, changed ? "slack.poll.closed" : "slack.poll.alreadyClosed"));
  });
}

/** Shows the current results privately. */
export function pollResultsHandler({ ctx, polls }: PollHandlerDeps): ActionHandler {
  return pollButtonHandler(ctx, async function showPollResults(actor, pollId, respond) {
    const { locale } = actor;
    const results = await polls.getResults(actor, pollId);
    const message = renderPollMessage(buildPollView(results, { locale, timeZone: actor.alliance.timezone, now: ctx.clock.now() }));
    await respondWith(respond, message);
  });
}

/** Sends the CSV export to the requester's DM: it is theirs to share. */
export function pollExportHandler({ ctx, polls }: PollHandlerDeps): ActionHandler {
  return pollButtonHandler(ctx, async function exportPollCsv(actor, pollId, respond) {
    const { locale } = actor;
    const poll = await polls.getPoll(actor, pollId);
    const csv = await polls.exportCsv(actor, pollId, locale);
    // The export goes to the requester's DM, not the channel: it is theirs to share.
    const channel = await ctx.messenger.openDirect({ teamId: actor.teamId, user: actor.userId });
    await ctx.messenger.uploadFile({ teamId: actor.teamId, channel, filename: csv.filename, title: translate(locale, "slack.poll.exportTitle", { question: poll.question }), content: csv.csv });
    await replyPrivately(respond, translate(locale, "slack.dmSent"));
  });
}
