// Answering a pulse question: a score button (1–5 or "can't say"), or "add a comment", which opens
// a modal whose submission saves the comment with the score already given.
import { z } from "zod";
import { translate } from "#core/i18n/catalogue.js";
import type { PulseService } from "#core/pulse/pulse-service.js";
import { MODAL } from "../../ids.js";
import { actionContainerSchema, buttonActionSchema, inputValue, pulseButtonValue, submittedViewSchema } from "../../payloads.js";
import { inputBlock, modal, plain } from "../../render/blocks.js";
import { BLOCK_KIT } from "../../render/limits.js";
import { afterAckAsMember, errorText, interactionIdentity } from "../common.js";
import type { ActionArgs, ViewSubmissionArgs } from "../handler-args.js";
import type { SlackListenerContext } from "../listener-context.js";
import { findQuestion, recordPulseAnswer } from "./pulse-delivery.js";

const commentMeta = z.object({ r: z.string(), i: z.string(), t: z.string(), c: z.string(), ts: z.string() });

/** A score button: saves the answer and turns the question message into its "answered" state. */
export function pulseScoreHandler(ctx: SlackListenerContext, pulse: PulseService) {
  return async function handlePulseScore({ ack, body, action, respond, client }: ActionArgs): Promise<void> {
    await ack();
    const value = pulseButtonValue.parse(buttonActionSchema.parse(action).value);
    const container = actionContainerSchema.parse(body);
    const at = { channel: container.channel?.id ?? container.container?.channel_id ?? "", ts: container.message?.ts ?? container.container?.message_ts ?? "" };
    await afterAckAsMember(ctx, respond, () => interactionIdentity(body), client, async (actor) => {
      if (value.score === "comment") return;
      await recordPulseAnswer(ctx, pulse, actor, { roundId: value.roundId, itemKey: value.itemKey, targetOrganizationId: value.targetOrganizationId, score: value.score }, at);
    });
  };
}

/** The comment button opens a modal at once (trigger_id lives 3 s), before any database work. */
export function pulseCommentHandler(ctx: SlackListenerContext) {
  return async function handlePulseComment({ ack, body, action, client, respond }: ActionArgs): Promise<void> {
    await ack();
    const value = pulseButtonValue.parse(buttonActionSchema.parse(action).value);
    const container = actionContainerSchema.parse(body);
    const triggerId = (body as { trigger_id?: string }).trigger_id ?? "";
    await afterAckAsMember(ctx, respond, () => interactionIdentity(body), client, async (actor) => {
      const { locale } = actor;
      const meta = { r: value.roundId, i: value.itemKey, t: value.targetOrganizationId, c: container.channel?.id ?? container.container?.channel_id ?? "", ts: container.message?.ts ?? container.container?.message_ts ?? "" };
      await client.views.open({
        trigger_id: triggerId,
        view: modal(MODAL.pulseComment, { title: translate(locale, "pulse.comment.label"), submit: translate(locale, "common.submit") }, JSON.stringify(meta), [
          inputBlock("p.comment", translate(locale, "pulse.comment.label"), { type: "plain_text_input", action_id: "value", multiline: true, max_length: 500, placeholder: plain(translate(locale, "pulse.comment.placeholder", { max: 500 }), BLOCK_KIT.placeholder) }),
        ]),
      });
    });
  };
}

/** The comment modal's submission: errors come back in the ack, under the comment field. */
export function pulseCommentSubmitHandler(ctx: SlackListenerContext, pulse: PulseService) {
  return async function handlePulseCommentSubmit({ ack, body, view, client }: ViewSubmissionArgs): Promise<void> {
    const { state, private_metadata } = submittedViewSchema.parse(view);
    const meta = commentMeta.parse(JSON.parse(private_metadata || "{}"));
    const actor = await ctx.resolveActor(interactionIdentity(body), client);
    const comment = inputValue(state.values, "p.comment")?.trim() ?? "";
    const pending = await pulse.pendingFor(actor, ctx.clock.now());
    // A comment keeps the score already given (or "can't say" when none yet).
    const score = findQuestion(pending, meta.r, meta.i, meta.t)?.question.answer?.score ?? null;
    try {
      await recordPulseAnswer(ctx, pulse, actor, { roundId: meta.r, itemKey: meta.i, targetOrganizationId: meta.t, score, comment }, { channel: meta.c, ts: meta.ts });
    } catch (error) {
      await ack({ response_action: "errors", errors: { "p.comment": errorText(actor.locale, error) } });
      return;
    }
    await ack();
  };
}
