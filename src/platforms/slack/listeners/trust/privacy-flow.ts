// /trust my-data (a summary plus the full JSON export, in the member's DM) and /trust forget-me
// (a confirmation first; the click erases the member through the privacy service).
import type { App } from "@slack/bolt";
import { buildForgetMeConfirmView, buildForgetMeDoneText, buildMyDataView } from "#core/alliance/alliance-views.js";
import type { PrivacyService } from "#core/alliance/privacy-service.js";
import { translate } from "#core/i18n/catalogue.js";
import type { Locale } from "#core/shared/refs.js";
import { ACTION } from "../../ids.js";
import { buttonActionSchema, entityIdValue } from "../../payloads.js";
import { renderMessages } from "../../render/render-view.js";
import type { SlackActor } from "../../session/slack-actor.js";
import { afterAck, interactionIdentity, respondWith } from "../common.js";
import { textMessage } from "../../render/message.js";
import type { SlackListenerContext } from "../listener-context.js";

/** Sends the member's data export to their DM. */
export async function sendMyData(ctx: SlackListenerContext, privacy: PrivacyService, actor: SlackActor): Promise<void> {
  const view = buildMyDataView(actor.locale, await privacy.exportMyData(actor.memberId));
  const { messages, files } = renderMessages(view);
  const channel = await ctx.messenger.openDirect({ teamId: actor.teamId, user: actor.userId });
  for (const message of messages) await ctx.messenger.post({ teamId: actor.teamId, channel }, message);
  for (const file of files) await ctx.messenger.uploadFile({ teamId: actor.teamId, channel, ...file });
}

/** The confirmation message (ephemeral) before forgetting. */
export function forgetMeConfirmation(actor: SlackActor) {
  return renderMessages(buildForgetMeConfirmView(actor.locale, actor.memberId)).messages;
}

/** Registers the confirm / cancel buttons. */
export function registerPrivacyFlow(app: App, ctx: SlackListenerContext, privacy: PrivacyService): void {
  app.action(ACTION.forgetConfirm, async ({ ack, body, action, respond }) => {
    await ack();
    const memberId = entityIdValue.parse(buttonActionSchema.parse(action).value);
    const identity = interactionIdentity(body);
    let locale: Locale = "en";
    await afterAck(ctx, respond, () => locale, async () => {
      // Not resolveActor: that would create a new member for someone already forgotten. The core
      // checks that the button's member id is the clicking user's.
      locale = (await ctx.memberRepository.get(memberId))?.locale ?? "en";
      const result = await privacy.confirmForgetMe({ platform: "slack", workspaceExternalId: identity.teamId, userExternalId: identity.userId }, memberId);
      ctx.forgetActors();
      await respondWith(respond, textMessage(buildForgetMeDoneText(locale, result)), { replace: true });
    });
  });

  app.action(ACTION.forgetCancel, async ({ ack, respond, body }) => {
    await ack();
    const identity = interactionIdentity(body);
    const known = await ctx.workspaces.find("slack", identity.teamId);
    const member = known ? await ctx.memberRepository.findByExternalId(known.id, identity.userId) : null;
    await respondWith(respond, textMessage(translate(member?.locale ?? "en", "slack.forget.cancelled")), { replace: true });
  });
}
