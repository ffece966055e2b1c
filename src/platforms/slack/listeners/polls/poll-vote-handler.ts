// A vote button on a poll message: the core records the vote (or the added/removed choice), the
// message update is scheduled, and the voter gets a private receipt.
import { translate } from "#core/i18n/catalogue.js";
import type { Locale } from "#core/shared/refs.js";
import { buttonActionSchema, pollVoteValue } from "../../payloads.js";
import type { SlackMessage } from "../../render/message.js";
import { renderVoteReceipt } from "../../render/poll-blocks.js";
import type { SlackActor } from "../../session/slack-actor.js";
import { afterAckAsMember, interactionIdentity, respondWith } from "../common.js";
import type { ActionArgs } from "../handler-args.js";
import type { PollHandlerDeps } from "./poll-handler-deps.js";

export function pollVoteHandler({ ctx, polls, publisher }: PollHandlerDeps) {
  return async function handlePollVote({ ack, body, action, respond, client }: ActionArgs): Promise<void> {
    await ack();
    const { pollId, optionId, intent } = pollVoteValue.parse(buttonActionSchema.parse(action).value);
    let confirm: ((locale: Locale) => SlackMessage) | null = null;
    let voter: SlackActor | null = null;
    await afterAckAsMember(ctx, respond, () => interactionIdentity(body), client, async (actor) => {
      voter = actor;
      // A multiple-choice button says "add" or "take away", and the core applies it to the stored
      // choice atomically: two quick clicks on "Yes" add Yes once instead of undoing it.
      const result =
        intent === "single"
          ? await polls.castVote(actor, pollId, [optionId])
          : await polls.changeChoice(actor, pollId, intent === "select" ? { select: [optionId], unselect: [] } : { select: [], unselect: [optionId] });
      // Committed and counted: the message update is scheduled before any Slack call is made.
      if (result.changed) {
        publisher.requestUpdate(pollId, result.poll);
        // One tally, every copy: an alliance poll's copies on the other platform show it too.
        if (result.poll.forAlliance) ctx.pollRelay?.changed(pollId, "slack");
      }
      const chosen = result.ballot.optionIds.map((id) => ({ optionId: id, label: result.poll.options.find((o) => o.id === id)?.label ?? "?" }));
      const key = !result.changed ? "polls.vote.unchanged" : result.replaced ? "polls.vote.changed" : "polls.vote.recorded";
      const multiple = result.poll.mode === "multiple";
      confirm = (locale) =>
        renderVoteReceipt(`${translate(locale, key, { choices: chosen.map((o) => o.label).join(", ") })} ${translate(locale, "polls.vote.changeHint")}`, { pollId, multiple, chosen, locale });
    }, { lazyProfile: true });
    // The private receipt is a Slack round trip: sent after the work slot is released, so a slow
    // Slack never holds back the next votes' database work. It waits for the voter's profile
    // (already on its way), so a newcomer is still answered in their own language.
    const done = confirm as ((locale: Locale) => SlackMessage) | null;
    const who = voter as SlackActor | null;
    if (done && who) {
      await respondWith(respond, done(await who.settledLocale())).catch((error: unknown) => ctx.logger.warn({ err: error }, "vote confirmation failed"));
    }
  };
}
