// /trust health: the current trust-health summary, privately or (with "channel") to the channel,
// with a "share in channel" button on the private copy. The summary itself comes from the
// summary module through the `health` port; Slack only renders it.
import type { App, RespondFn } from "@slack/bolt";
import { translate } from "../../../../core/i18n/catalogue.js";
import type { Locale } from "../../../../core/shared/refs.js";
import type { SummaryView } from "../../../../core/summary/summary-views.js";
import { ACTION } from "../../ids.js";
import { actionContainerSchema } from "../../payloads.js";
import { actions, button } from "../../render/blocks.js";
import { renderMessages } from "../../render/render-view.js";
import type { SlackActor } from "../../session/slack-actor.js";
import { afterAck, interactionIdentity, replyPrivately } from "../common.js";
import type { SlackListenerContext } from "../register.js";

/**
 * The summary source: the current summary of an alliance in a language (null without data). Same
 * shape as the Teams side's OnDemandSummary, so one implementation serves both platforms.
 */
export interface HealthSource {
  current(allianceId: string, locale: Locale, now: Date): Promise<SummaryView | null>;
}

/** Answers /trust health. */
export async function showHealth(ctx: SlackListenerContext, actor: SlackActor, respond: RespondFn, options: { toChannel: boolean; channel: string }): Promise<void> {
  const view = ctx.health ? await ctx.health.current(actor.allianceId, options.toChannel ? actor.alliance.locale : actor.locale, ctx.clock.now()) : null;
  if (!view) return replyPrivately(respond, translate(actor.locale, "slack.home.noHealth"));
  const { messages } = renderMessages(view);
  if (options.toChannel) {
    for (const message of messages) await ctx.messenger.post({ teamId: actor.teamId, channel: options.channel }, message);
    return;
  }
  for (const [i, message] of messages.entries()) {
    const share = i === messages.length - 1 ? actions([button(translate(actor.locale, "slack.health.share"), ACTION.healthShare, "share")]) : [];
    await respond({ response_type: "ephemeral", replace_original: false, text: message.text, blocks: [...(message.blocks ?? []), ...share] as never });
  }
}

/** Registers the "share in channel" button. */
export function registerHealthShare(app: App, ctx: SlackListenerContext): void {
  app.action(ACTION.healthShare, async ({ ack, body, respond, client }) => {
    await ack();
    let locale: Locale = "en";
    await afterAck(ctx, respond, () => locale, async () => {
      const actor = await ctx.resolveActor(interactionIdentity(body), client);
      locale = actor.locale;
      const container = actionContainerSchema.parse(body);
      const channel = container.channel?.id ?? container.container?.channel_id;
      if (!channel) return;
      await showHealth(ctx, actor, respond, { toChannel: true, channel });
      await replyPrivately(respond, translate(locale, "slack.health.shared"));
    });
  });
}
