// Pulse check-ins in Slack: /pulse sends the member's open questions as DMs; each question has
// 1–5 buttons, "can't say" and "add a comment" (a modal); the message then changes to show what
// was saved. Answers are stored by the pulse service under a keyed hash, never the member id.
import type { App } from "@slack/bolt";
import { z } from "zod";
import { translate } from "../../../../core/i18n/catalogue.js";
import type { PendingPulse, PulseService } from "../../../../core/pulse/pulse-service.js";
import { buildNoPulseOpenText, buildPulseAnsweredView, buildPulseQuestionView, buildPulseThankYouView, type PulseViewOptions } from "../../../../core/pulse/pulse-views.js";
import { ACTION, MODAL } from "../../ids.js";
import { actionContainerSchema, buttonActionSchema, inputValue, pulseButtonValue, submittedViewSchema } from "../../payloads.js";
import { plain } from "../../render/blocks.js";
import { BLOCK_KIT } from "../../render/limits.js";
import { renderMessages } from "../../render/render-view.js";
import type { SlackActor } from "../../session/slack-actor.js";
import { afterAckAsMember, errorText, interactionIdentity, replyPrivately } from "../common.js";
import type { SlackListenerContext } from "../listener-context.js";
import { registerSlashCommand } from "../slash-command.js";
import { answerCommandAsMember } from "../trust/org-choice.js";

const optionsOf = (actor: SlackActor): PulseViewOptions => ({ locale: actor.locale, timeZone: actor.alliance.timezone, k: actor.alliance.anonymityThreshold });

/** Sends the member's open pulse questions as DMs; returns how many were sent. */
export async function sendPendingPulse(ctx: SlackListenerContext, pulse: PulseService, actor: SlackActor): Promise<number> {
  const pending = await pulse.pendingFor(actor, ctx.clock.now());
  let sent = 0;
  for (const round of pending) {
    let sentOfRound = 0;
    for (let i = 0; i < round.questions.length; i++) {
      if (round.questions[i]?.answer !== null) continue;
      const { messages } = renderMessages(buildPulseQuestionView(round, i, optionsOf(actor)));
      for (const message of messages) await ctx.messenger.sendDirect({ teamId: actor.teamId, user: actor.userId }, message);
      sentOfRound += 1;
    }
    // Delivery starts the reminder clock (first delivery wins in the service).
    if (sentOfRound > 0) await pulse.markSent(round.invite.id, ctx.clock.now());
    sent += sentOfRound;
  }
  return sent;
}

function findQuestion(pending: PendingPulse[], roundId: string, itemKey: string, target: string) {
  const round = pending.find((p) => p.round.id === roundId);
  const question = round?.questions.find((q) => q.itemKey === itemKey && q.targetOrganizationId === target);
  return round && question ? { round, question } : null;
}

const commentMeta = z.object({ r: z.string(), i: z.string(), t: z.string(), c: z.string(), ts: z.string() });

/** Registers /pulse, the answer buttons and the comment modal. */
export function registerPulseListeners(app: App, ctx: SlackListenerContext, pulse: PulseService): void {
  registerSlashCommand(app, ctx, "/pulse", async (cmd, respond, client) => {
    await answerCommandAsMember(ctx, respond, cmd, client, async (actor) => {
      const { locale } = actor;
      const sent = await sendPendingPulse(ctx, pulse, actor);
      if (sent > 0) return void (await replyPrivately(respond, translate(locale, "slack.pulse.sent")));
      const alliance = await ctx.alliances.getAlliance(actor.allianceId);
      await replyPrivately(respond, buildNoPulseOpenText(alliance, ctx.clock.now(), locale));
    });
  });

  app.action(ACTION.homeOpenPulse, async ({ ack, body, client, respond }) => {
    await ack();
    await afterAckAsMember(ctx, respond, () => interactionIdentity(body), client, async (actor) => {
      await sendPendingPulse(ctx, pulse, actor);
    });
  });

  /** Saves an answer and turns the question message into its "answered" state. */
  const answer = async (actor: SlackActor, input: { roundId: string; itemKey: string; targetOrganizationId: string; score: number | null; comment?: string | null }, at: { channel: string; ts: string }) => {
    const recorded = await pulse.recordAnswer(actor, input, ctx.clock.now());
    const pending = await pulse.pendingFor(actor, ctx.clock.now());
    const found = findQuestion(pending, input.roundId, input.itemKey, input.targetOrganizationId);
    if (found) {
      const [message] = renderMessages(buildPulseAnsweredView(found.round, found.question, input.score, optionsOf(actor))).messages;
      if (message) await ctx.messenger.update({ teamId: actor.teamId, channel: at.channel, ts: at.ts }, message);
    }
    if (recorded.completed) {
      for (const message of renderMessages(buildPulseThankYouView(optionsOf(actor))).messages) await ctx.messenger.post({ teamId: actor.teamId, channel: at.channel }, message);
    }
  };

  app.action(ACTION.pulseScore, async ({ ack, body, action, respond, client }) => {
    await ack();
    const value = pulseButtonValue.parse(buttonActionSchema.parse(action).value);
    const container = actionContainerSchema.parse(body);
    const at = { channel: container.channel?.id ?? container.container?.channel_id ?? "", ts: container.message?.ts ?? container.container?.message_ts ?? "" };
    await afterAckAsMember(ctx, respond, () => interactionIdentity(body), client, async (actor) => {
      if (value.score === "comment") return;
      await answer(actor, { roundId: value.roundId, itemKey: value.itemKey, targetOrganizationId: value.targetOrganizationId, score: value.score }, at);
    });
  });

  // The comment button opens a modal at once (trigger_id lives 3 s), before any database work.
  app.action(ACTION.pulseComment, async ({ ack, body, action, client, respond }) => {
    await ack();
    const value = pulseButtonValue.parse(buttonActionSchema.parse(action).value);
    const container = actionContainerSchema.parse(body);
    const triggerId = (body as { trigger_id?: string }).trigger_id ?? "";
    await afterAckAsMember(ctx, respond, () => interactionIdentity(body), client, async (actor) => {
      const { locale } = actor;
      const meta = { r: value.roundId, i: value.itemKey, t: value.targetOrganizationId, c: container.channel?.id ?? container.container?.channel_id ?? "", ts: container.message?.ts ?? container.container?.message_ts ?? "" };
      await client.views.open({
        trigger_id: triggerId,
        view: {
          type: "modal",
          callback_id: MODAL.pulseComment,
          title: plain(translate(locale, "pulse.comment.label"), BLOCK_KIT.modalTitle),
          submit: plain(translate(locale, "common.submit"), BLOCK_KIT.modalButton),
          private_metadata: JSON.stringify(meta),
          blocks: [{ type: "input", block_id: "p.comment", label: plain(translate(locale, "pulse.comment.label"), BLOCK_KIT.inputLabel), element: { type: "plain_text_input", action_id: "value", multiline: true, max_length: 500, placeholder: plain(translate(locale, "pulse.comment.placeholder", { max: 500 }), BLOCK_KIT.placeholder) } }],
        },
      });
    });
  });

  app.view(MODAL.pulseComment, async ({ ack, body, view, client }) => {
    const { state, private_metadata } = submittedViewSchema.parse(view);
    const meta = commentMeta.parse(JSON.parse(private_metadata || "{}"));
    const actor = await ctx.resolveActor(interactionIdentity(body), client);
    const comment = inputValue(state.values, "p.comment")?.trim() ?? "";
    const pending = await pulse.pendingFor(actor, ctx.clock.now());
    // A comment keeps the score already given (or "can't say" when none yet).
    const score = findQuestion(pending, meta.r, meta.i, meta.t)?.question.answer?.score ?? null;
    try {
      await answer(actor, { roundId: meta.r, itemKey: meta.i, targetOrganizationId: meta.t, score, comment }, { channel: meta.c, ts: meta.ts });
    } catch (error) {
      await ack({ response_action: "errors", errors: { "p.comment": errorText(actor.locale, error) } });
      return;
    }
    await ack();
  });
}
