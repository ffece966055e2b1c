// Creating a poll: /poll with a question (parsed by the core's grammar) or without (the modal),
// and the modal's submission. Both post the poll message through the publisher.
import { otherSpacesOf } from "#core/polls/alliance-poll-relay.js";
import type { RespondFn } from "@slack/bolt";
import { translate } from "#core/i18n/catalogue.js";
import { isDomainError } from "#core/shared/errors.js";
import type { Locale } from "#core/shared/refs.js";
import { parsePollCommand, type PollGrammarError } from "#core/polls/poll-command.js";
import { PollPhraseError, pollInput, readPollDeadline, readPollRecurrence } from "#core/polls/poll-command-input.js";
import { buildRecurrenceConfirmation } from "#core/polls/poll-views.js";
import { submittedViewSchema } from "../../payloads.js";
import { textMessage } from "../../render/message.js";
import type { SlackActor } from "../../session/slack-actor.js";
import { slackErrorCode } from "../../transport/slack-errors.js";
import { afterAck, errorText, interactionIdentity, replyPrivately } from "../common.js";
import type { ViewSubmissionArgs } from "../handler-args.js";
import type { SlashCommandWork } from "../listener-context.js";
import { answerCommandAsMember } from "../trust/org-choice.js";
import type { PollHandlerDeps } from "./poll-handler-deps.js";
import { buildPollModal, pollErrorBlock, POLL_BLOCK, readPollModal } from "./poll-modal.js";

function grammarText(locale: Locale, error: PollGrammarError): string {
  const usage = translate(locale, "slack.poll.usage");
  if (error.code === "unclosed_quote") return translate(locale, "slack.grammar.unclosedQuote");
  if (error.code === "unknown_word") return translate(locale, "slack.poll.unknownWord", { word: error.word, usage });
  return usage;
}

function phraseText(locale: Locale, error: PollPhraseError): string {
  return translate(locale, error.field === "closes" ? "slack.poll.badDeadline" : "slack.poll.badRecurrence", { text: error.text });
}

/** Deadlines are read in the member's own zone and language. */
function phraseContext(deps: PollHandlerDeps, actor: SlackActor) {
  return { now: deps.ctx.clock.now(), timeZone: actor.timeZone, locale: actor.locale };
}

/** Posts a created poll in `channel`; a recurring poll's creator also hears the rule in words. */
async function publishPoll({ ctx, polls, publisher }: PollHandlerDeps, actor: SlackActor, pollId: string, channel: string, respond: RespondFn | undefined): Promise<void> {
  const poll = await polls.getPoll(actor, pollId);
  try {
    await publisher.post(poll, { teamId: actor.teamId, channel, workspaceId: actor.workspaceId });
  } catch (error) {
    const code = (error as { failure?: { reason?: string } }).failure?.reason ?? slackErrorCode(error);
    if ((code === "not_in_channel" || code === "channel_not_found") && respond) {
      await replyPrivately(respond, translate(actor.locale, "slack.notInChannel"));
      return;
    }
    throw error;
  }
  // An alliance poll: its copies go into the other spaces' alliance channels through the outbox.
  const copies = poll.forAlliance && ctx.pollRelay ? await ctx.pollRelay.postCopies(poll.id) : 0;
  // A recurring poll: tell its creator the rule in words and when the next run appears.
  const alliance = await ctx.alliances.getAlliance(actor.allianceId);
  const recurrence = buildRecurrenceConfirmation(poll, { locale: actor.locale, timeZone: alliance.timezone, now: ctx.clock.now() });
  const confirmation = [copies > 0 ? translate(actor.locale, "polls.create.forAllianceQueued", { count: copies }) : null, recurrence].filter(Boolean).join("\n");
  if (!confirmation) return;
  if (respond) await replyPrivately(respond, confirmation);
  else await ctx.messenger.postEphemeral({ teamId: actor.teamId, channel, user: actor.userId }, textMessage(confirmation));
}

/** /poll: the modal when empty, usage on help, otherwise a poll from the one-line grammar. */
export function pollCommandHandler(deps: PollHandlerDeps): SlashCommandWork {
  const { ctx, polls } = deps;
  return async function handlePollCommand(cmd, respond, client) {
    await answerCommandAsMember(ctx, respond, cmd, client, async (actor) => {
      const { locale } = actor;
      const text = cmd.text.trim();
      if (text === "") {
        // The alliance channels of the other spaces, if any, make the "every space" option worth showing.
        const others = ctx.pollRelay ? otherSpacesOf(await ctx.pollRelay.targets(actor.allianceId), actor.workspaceId) : [];
        await client.views.open({ trigger_id: cmd.trigger_id, view: buildPollModal(actor.locale, cmd.channel_id, others) });
        return;
      }
      if (/^(help|hulp|\?)$/i.test(text)) return await replyPrivately(respond, translate(locale, "slack.poll.usage"));
      const parsed = parsePollCommand(text);
      if (!parsed.ok) return await replyPrivately(respond, grammarText(locale, parsed.error));
      let closesAt: Date | null;
      let recurrence: string | null;
      try {
        closesAt = readPollDeadline(parsed.draft.deadlineText, phraseContext(deps, actor));
        recurrence = readPollRecurrence(parsed.draft.recurrenceText);
      } catch (error) {
        if (error instanceof PollPhraseError) return await replyPrivately(respond, phraseText(locale, error));
        throw error;
      }
      const poll = await polls.createPoll(actor, pollInput(parsed.draft, closesAt, recurrence));
      await publishPoll(deps, actor, poll.id, cmd.channel_id, respond);
    });
  };
}

/**
 * The poll modal's submission. Its errors must come back in the ack (response_action: errors), so
 * this handler does its (fast) validation and creation before acking, and posts the message afterwards.
 */
export function pollModalSubmitHandler(deps: PollHandlerDeps) {
  const { ctx, polls } = deps;
  const { resolveActor } = ctx;
  return async function handlePollModalSubmit({ ack, body, view, client }: ViewSubmissionArgs): Promise<void> {
    const { state, private_metadata } = submittedViewSchema.parse(view);
    const channel = (JSON.parse(private_metadata || "{}") as { c?: string }).c ?? "";
    const actor = await resolveActor(interactionIdentity(body), client);
    const input = readPollModal(state.values);
    const fail = (block: string, text: string) => ack({ response_action: "errors", errors: { [block]: text } });
    let pollId: string;
    try {
      const closesAt = readPollDeadline(input.closesText, phraseContext(deps, actor));
      const recurrence = readPollRecurrence(input.recurrenceText);
      if (input.templateKey && !input.question && input.options.length === 0) {
        pollId = (await polls.createPollFromTemplate(actor, input.templateKey, actor.locale, { anonymous: input.anonymous, visibility: input.visibility, closesAt, recurrence, forAlliance: input.forAlliance })).id;
      } else {
        if (!input.question) return fail(POLL_BLOCK.question, translate(actor.locale, "slack.poll.modal.questionRequired"));
        pollId = (await polls.createPoll(actor, { ...pollInput(input, closesAt, recurrence), forAlliance: input.forAlliance })).id;
      }
    } catch (error) {
      if (error instanceof PollPhraseError) return fail(error.field === "closes" ? POLL_BLOCK.closes : POLL_BLOCK.recurrence, phraseText(actor.locale, error));
      if (isDomainError(error)) return fail(pollErrorBlock(error.code), errorText(actor.locale, error));
      throw error;
    }
    await ack();
    await afterAck(ctx, undefined, () => actor.locale, async () => {
      try {
        await publishPoll(deps, actor, pollId, channel, undefined);
      } catch (error) {
        await ctx.messenger.sendDirect({ teamId: actor.teamId, user: actor.userId }, textMessage(errorText(actor.locale, error)));
      }
    });
  };
}
