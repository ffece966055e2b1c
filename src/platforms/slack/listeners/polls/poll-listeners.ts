// /poll, the poll modal and the poll message's buttons. Every handler acks first; creating,
// voting and exporting happen after the ack and answer privately via response_url.
import type { App, RespondFn } from "@slack/bolt";
import { hasRole } from "../../../../core/alliance/roles.js";
import { translate } from "../../../../core/i18n/catalogue.js";
import type { PollService } from "../../../../core/polls/poll-service-types.js";
import { DomainError, isDomainError } from "../../../../core/shared/errors.js";
import type { Locale } from "../../../../core/shared/refs.js";
import { ACTION, MODAL } from "../../ids.js";
import { buttonActionSchema, pollVoteValue, entityIdValue, submittedViewSchema } from "../../payloads.js";
import { renderPollMessage, renderVoteReceipt } from "../../render/poll-blocks.js";
import type { PollPublisher } from "../../services/poll-publisher.js";
import type { SlackActor } from "../../session/slack-actor.js";
import { slackErrorCode } from "../../transport/slack-errors.js";
import type { SlackMessage } from "../../transport/slack-messenger.js";
import { afterAck, afterAckAsMember, errorText, interactionIdentity, replyPrivately, respondWith } from "../common.js";
import { channelLink, joinSlackText, slackText, textMessage } from "../../render/message.js";
import type { SlackListenerContext } from "../register.js";
import { registerSlashCommand } from "../slash-command.js";
import { answerCommandAsMember } from "../trust/org-choice.js";
import { parsePollCommand, type PollGrammarError } from "../../../../core/polls/poll-command.js";
import { PollPhraseError, pollInput, readPollDeadline, readPollRecurrence } from "../../../../core/polls/poll-command-input.js";
import { buildPollModal, pollErrorBlock, POLL_BLOCK, readPollModal } from "./poll-modal.js";
import { otherSpacesOf } from "../../../../core/polls/alliance-poll-relay.js";
import { buildPollView, buildRecurrenceConfirmation } from "../../../../core/polls/poll-views.js";

function grammarText(locale: Locale, error: PollGrammarError): string {
  const usage = translate(locale, "slack.poll.usage");
  if (error.code === "unclosed_quote") return translate(locale, "slack.grammar.unclosedQuote");
  if (error.code === "unknown_word") return translate(locale, "slack.poll.unknownWord", { word: error.word, usage });
  return usage;
}

function phraseText(locale: Locale, error: PollPhraseError): string {
  return translate(locale, error.field === "closes" ? "slack.poll.badDeadline" : "slack.poll.badRecurrence", { text: error.text });
}

/** Registers /poll and the poll interactions. */
export function registerPollListeners(app: App, ctx: SlackListenerContext, polls: PollService, publisher: PollPublisher): void {
  const { clock, resolveActor } = ctx;
  // Deadlines are read in the member's own zone and language.
  const phraseContext = (actor: SlackActor) => ({ now: clock.now(), timeZone: actor.timeZone, locale: actor.locale });

  const publish = async (actor: SlackActor, pollId: string, channel: string, respond: RespondFn | undefined): Promise<void> => {
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
  };

  registerSlashCommand(app, ctx, "/poll", async (cmd, respond, client) => {
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
        closesAt = readPollDeadline(parsed.draft.deadlineText, phraseContext(actor));
        recurrence = readPollRecurrence(parsed.draft.recurrenceText);
      } catch (error) {
        if (error instanceof PollPhraseError) return await replyPrivately(respond, phraseText(locale, error));
        throw error;
      }
      const poll = await polls.createPoll(actor, pollInput(parsed.draft, closesAt, recurrence));
      await publish(actor, poll.id, cmd.channel_id, respond);
    });
  });

  // The modal's errors must come back in the ack (response_action: errors), so this handler does
  // its (fast) validation and creation before acking, and posts the message afterwards.
  app.view(MODAL.pollCreate, async ({ ack, body, view, client }) => {
    const { state, private_metadata } = submittedViewSchema.parse(view);
    const channel = (JSON.parse(private_metadata || "{}") as { c?: string }).c ?? "";
    const actor = await resolveActor(interactionIdentity(body), client);
    const input = readPollModal(state.values);
    const fail = (block: string, text: string) => ack({ response_action: "errors", errors: { [block]: text } });
    let pollId: string;
    try {
      const closesAt = readPollDeadline(input.closesText, phraseContext(actor));
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
        await publish(actor, pollId, channel, undefined);
      } catch (error) {
        await ctx.messenger.sendDirect({ teamId: actor.teamId, user: actor.userId }, textMessage(errorText(actor.locale, error)));
      }
    });
  });

  app.action(ACTION.pollVote, async ({ ack, body, action, respond, client }) => {
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
  });

  app.action(ACTION.pollClose, async ({ ack, body, action, respond, client }) => {
    await ack();
    const pollId = entityIdValue.parse(buttonActionSchema.parse(action).value);
    await afterAckAsMember(ctx, respond, () => interactionIdentity(body), client, async (actor) => {
      const { locale } = actor;
      const { changed, poll } = await polls.closePoll(actor, pollId);
      // Closing one copy closes them all: the other platform's copies are updated too.
      if (poll.forAlliance) ctx.pollRelay?.changed(pollId, "slack");
      await publisher.updateNow(pollId);
      await replyPrivately(respond, translate(locale, changed ? "slack.poll.closed" : "slack.poll.alreadyClosed"));
    });
  });

  app.action(ACTION.pollResults, async ({ ack, body, action, respond, client }) => {
    await ack();
    const pollId = entityIdValue.parse(buttonActionSchema.parse(action).value);
    await afterAckAsMember(ctx, respond, () => interactionIdentity(body), client, async (actor) => {
      const { locale } = actor;
      const results = await polls.getResults(actor, pollId);
      const message = renderPollMessage(buildPollView(results, { locale, timeZone: actor.alliance.timezone, now: clock.now() }));
      await respondWith(respond, message);
    });
  });

  app.action(ACTION.pollRemind, async ({ ack, body, action, respond, client }) => {
    await ack();
    const pollId = entityIdValue.parse(buttonActionSchema.parse(action).value);
    await afterAckAsMember(ctx, respond, () => interactionIdentity(body), client, async (actor) => {
      const { locale } = actor;
      const poll = await polls.getPoll(actor, pollId);
      if (poll.createdById !== actor.memberId && !hasRole(actor, "steering")) throw new DomainError("FORBIDDEN", "only the creator or steering may remind");
      // Only members of this Slack workspace can be reached from here.
      const members = (await ctx.memberRepository.list(actor.allianceId)).filter((m) => m.workspaceId === actor.workspaceId);
      const missing = new Set(await polls.nonVoters(pollId, members.map((m) => m.id)));
      let count = 0;
      for (const member of members.filter((m) => missing.has(m.id))) {
        const memberLocale = member.locale ?? actor.alliance.locale;
        const text = poll.closesAt
          ? translate(memberLocale, "polls.reminder", { question: poll.question, at: poll.closesAt.toISOString().slice(0, 16).replace("T", " ") })
          : translate(memberLocale, "polls.reminder.noDeadline", { question: poll.question });
        const reminder = poll.message ? joinSlackText(slackText(text), channelLink(poll.message.conversationId)) : slackText(text);
        await ctx.messenger.sendDirect({ teamId: actor.teamId, user: member.externalId }, { text: reminder });
        count += 1;
      }
      await replyPrivately(respond, count === 0 ? translate(locale, "slack.poll.remindedNone") : translate(locale, "slack.poll.reminded", { count }));
    });
  });

  app.action(ACTION.pollExport, async ({ ack, body, action, respond, client }) => {
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
  });
}
