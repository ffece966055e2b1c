// /trust link, /trust link CODE and /trust unlink (DESIGN.md §2.7): an admin gets a one-time
// code, shown only to them (ephemeral); an admin of the other space enters it, sees the alliance
// and its partners, and confirms with a button. Answers are ephemeral, so the code never shows in
// the channel.
import type { App, RespondFn } from "@slack/bolt";
import type { SpaceLinkService } from "../../../../core/alliance/space-link-service.js";
import { buildLinkCodeText, buildLinkConfirmView, buildLinkDoneText } from "../../../../core/alliance/space-link-views.js";
import { translate } from "../../../../core/i18n/catalogue.js";
import { ACTION } from "../../ids.js";
import { buttonActionSchema } from "../../payloads.js";
import { renderMessages } from "../../render/render-view.js";
import { textMessage } from "../../render/message.js";
import type { SlackActor } from "../../session/slack-actor.js";
import { afterAckAsMember, interactionIdentity, replyPrivately, respondWith } from "../common.js";
import type { SlackListenerContext } from "../register.js";

/** What a code typed or carried by the button may look like (letters, digits, dashes). */
const CODE_PATTERN = /^[A-Za-z0-9-]{1,40}$/;

/** `/trust link` (new code) or `/trust link CODE` (the confirmation). */
export async function answerLink(links: SpaceLinkService, actor: SlackActor, respond: RespondFn, typed: string): Promise<void> {
  if (!typed) {
    const issued = await links.issueCode(actor);
    const text = buildLinkCodeText(actor.locale, "slack", { code: issued.code, expiresAt: issued.expiresAt, allianceName: issued.alliance.name, timeZone: issued.alliance.timezone });
    return await replyPrivately(respond, text);
  }
  const preview = await links.previewLink(actor, typed);
  for (const message of renderMessages(buildLinkConfirmView(actor.locale, preview, typed.toUpperCase())).messages) await respondWith(respond, message);
}

/** `/trust unlink`. */
export async function answerUnlink(ctx: SlackListenerContext, links: SpaceLinkService, actor: SlackActor, respond: RespondFn): Promise<void> {
  const { left } = await links.unlink(actor);
  ctx.forgetActors();
  await replyPrivately(respond, translate(actor.locale, "link.unlinked", { alliance: left.name }));
}

/** The confirm and cancel buttons of the confirmation. */
export function registerLinkFlow(app: App, ctx: SlackListenerContext, links: SpaceLinkService): void {
  app.action(ACTION.linkConfirm, async ({ ack, body, action, respond, client }) => {
    await ack();
    await afterAckAsMember(ctx, respond, () => interactionIdentity(body), client, async (actor) => {
      const code = buttonActionSchema.parse(action).value;
      if (!CODE_PATTERN.test(code)) return await replyPrivately(respond, translate(actor.locale, "error.LINK_CODE_UNKNOWN"));
      // The core checks the code and the clicker (an admin of this space) again, then uses it.
      const result = await links.confirmLink(actor, code);
      ctx.forgetActors();
      const text = buildLinkDoneText(actor.locale, result.alliance.name, result.organizations.map((o) => o.name));
      await respondWith(respond, textMessage(text), { replace: true });
    });
  });

  app.action(ACTION.linkCancel, async ({ ack, body, respond, client }) => {
    await ack();
    await afterAckAsMember(ctx, respond, () => interactionIdentity(body), client, async (actor) => {
      await respondWith(respond, textMessage(translate(actor.locale, "link.cancelled")), { replace: true });
    });
  });
}
