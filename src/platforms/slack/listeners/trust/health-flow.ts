// /trust health: the current trust-health summary, privately or (with "channel") to the channel,
// with a "share in channel" button on the private copy. The summary itself comes from the
// summary module through the `health` port; Slack only renders it. In a channel the chart PNGs
// follow as one upload in the summary's thread (an ephemeral reply cannot carry files).
import type { App, RespondFn } from "@slack/bolt";
import type { SummaryChartImage } from "#charts/summary-charts.js";
import { translate } from "#core/i18n/catalogue.js";
import type { SummaryView } from "#core/summary/summary-views.js";
import { ACTION } from "../../ids.js";
import { actionContainerSchema } from "../../payloads.js";
import { actions, button } from "../../render/blocks.js";
import { renderMessages } from "../../render/render-view.js";
import type { SlackActor } from "../../session/slack-actor.js";
import { afterAckAsMember, interactionIdentity, replyPrivately, respondWith } from "../common.js";
import type { SlackListenerContext, SummaryChartRenderer } from "../listener-context.js";

/** Draws the charts; none (and a log line) when that fails, since the summary matters more. */
async function drawCharts(ctx: SlackListenerContext, view: SummaryView): Promise<SummaryChartImage[]> {
  if (!ctx.renderCharts) return [];
  try {
    return await ctx.renderCharts(view.summary, view.locale);
  } catch (error) {
    ctx.logger.error({ err: error }, "summary charts could not be drawn for /trust health");
    return [];
  }
}

/** Posts the summary to the channel, then its charts as one upload in the summary's thread. */
async function postToChannel(ctx: SlackListenerContext, actor: SlackActor, channel: string, view: SummaryView): Promise<void> {
  // A period without figures gets the note of what will appear, not empty charts.
  const images = view.onDemand?.pending ? [] : await drawCharts(ctx, view);
  const shown: SummaryView = images.length ? { ...view, charts: images.map(({ name, altText }) => ({ name, altText })) } : view;
  let first: string | null = null;
  for (const message of renderMessages(shown).messages) {
    const posted = await ctx.messenger.post({ teamId: actor.teamId, channel }, message);
    first ??= posted.ts;
  }
  if (images.length === 0 || first === null) return;
  const files = images.map((image) => ({
    filename: `trust-health-${view.summary.period.key}-${image.filename}`,
    title: image.altText.slice(0, 255),
    altText: image.altText.slice(0, 1000),
    content: image.png,
  }));
  try {
    await ctx.messenger.uploadFiles({ teamId: actor.teamId, channel, threadTs: first, files });
  } catch (error) {
    // The summary is out with the charts' alt texts; a failed upload should not read as a failed command.
    ctx.logger.warn({ err: error, channel }, "summary charts could not be uploaded for /trust health");
  }
}

/** Answers /trust health. */
export async function showHealth(ctx: SlackListenerContext, actor: SlackActor, respond: RespondFn, options: { toChannel: boolean; channel: string }): Promise<void> {
  const view = ctx.health ? await ctx.health.current(actor.allianceId, options.toChannel ? actor.alliance.locale : actor.locale, ctx.clock.now()) : null;
  if (!view) return replyPrivately(respond, translate(actor.locale, "slack.home.noHealth"));
  if (options.toChannel) return postToChannel(ctx, actor, options.channel, view);
  const { messages } = renderMessages(view);
  for (const [i, message] of messages.entries()) {
    const share = i === messages.length - 1 ? actions([button(translate(actor.locale, "slack.health.share"), ACTION.healthShare, "share")]) : [];
    await respondWith(respond, { ...message, blocks: [...(message.blocks ?? []), ...share] });
  }
}

/** Registers the "share in channel" button. */
export function registerHealthShare(app: App, ctx: SlackListenerContext): void {
  app.action(ACTION.healthShare, async ({ ack, body, respond, client }) => {
    await ack();
    await afterAckAsMember(ctx, respond, () => interactionIdentity(body), client, async (actor) => {
      const { locale } = actor;
      const container = actionContainerSchema.parse(body);
      const channel = container.channel?.id ?? container.container?.channel_id;
      if (!channel) return;
      await showHealth(ctx, actor, respond, { toChannel: true, channel });
      await replyPrivately(respond, translate(locale, "slack.health.shared"));
    });
  });
}
