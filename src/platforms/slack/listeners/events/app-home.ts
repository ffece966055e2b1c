// App Home: my open commitments (with their buttons), the pulse questions waiting for me, and the
// alliance's health at a glance. Rebuilt on every app_home_opened.
import type { App, types } from "@slack/bolt";
import { buildCommitmentCard } from "#core/commitments/commitment-views.js";
import { translate } from "#core/i18n/catalogue.js";
import { ACTION } from "../../ids.js";
import { appHomeOpenedSchema, eventEnvelopeSchema } from "../../payloads.js";
import { actions, button, context, divider, header, sections } from "../../render/blocks.js";
import { commitmentCardBlocks } from "../../render/commitment-blocks.js";
import { BLOCK_KIT, escapeMrkdwn } from "../../render/limits.js";
import type { SlackActor } from "../../session/slack-actor.js";
import { commitmentViewContext } from "../commitments/commitment-context.js";
import type { SlackListenerContext } from "../listener-context.js";

/** At most this many commitments are shown in full; the rest are counted. */
const MAX_HOME_COMMITMENTS = 10;

/** The Home tab of `actor`. */
export async function buildHome(ctx: SlackListenerContext, actor: SlackActor): Promise<types.HomeView> {
  const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(actor.locale, key, params);
  const blocks: types.KnownBlock[] = [header(t("slack.home.title"))];

  blocks.push(...sections(`*${t("slack.home.commitments")}*`));
  const mine = ctx.commitments ? await ctx.commitments.list(actor, "mine") : [];
  if (mine.length === 0) blocks.push(context([t("slack.home.noCommitments")]));
  else {
    const viewCtx = await commitmentViewContext(ctx, actor.allianceId, actor.locale, actor.timeZone);
    for (const commitment of mine.slice(0, MAX_HOME_COMMITMENTS)) blocks.push(...commitmentCardBlocks(buildCommitmentCard(commitment, viewCtx, actor)), divider());
    if (mine.length > MAX_HOME_COMMITMENTS) blocks.push(context([t("slack.home.more", { count: mine.length - MAX_HOME_COMMITMENTS })]));
  }

  blocks.push(...sections(`*${t("slack.home.pulse")}*`));
  const pending = ctx.pulse ? await ctx.pulse.pendingFor(actor, ctx.clock.now()) : [];
  const open = pending.reduce((sum, p) => sum + p.remaining, 0);
  if (open === 0) blocks.push(context([t("slack.home.noPulse")]));
  else blocks.push(...sections(`${open} ✉️`), ...actions([button(t("slack.home.pulseButton"), ACTION.homeOpenPulse, "open", "primary")]));

  blocks.push(divider(), ...sections(`*${t("slack.home.health")}*`));
  const summary = ctx.health ? await ctx.health.current(actor.allianceId, actor.locale, ctx.clock.now()).catch(() => null) : null;
  if (!summary) blocks.push(context([t("slack.home.noHealth")]));
  else {
    const p = summary.presentation;
    const status = p.index.rag === "no_data" ? "" : ` · ${escapeMrkdwn(p.index.status)}`; // "no data" once, not twice
    blocks.push(...sections(`*${escapeMrkdwn(p.index.label)}: ${escapeMrkdwn(p.index.score)}*${status} · ${escapeMrkdwn(p.index.trend)}\n*${escapeMrkdwn(p.diagnosis.title)}*`));
  }
  // A Home tab takes 100 blocks; cards are the only open-ended part, so trim from the middle.
  return { type: "home", blocks: blocks.length > BLOCK_KIT.surfaceBlocks ? [...blocks.slice(0, BLOCK_KIT.surfaceBlocks - 1), blocks.at(-1) as types.KnownBlock] : blocks };
}

/** Registers app_home_opened. */
export function registerAppHome(app: App, ctx: SlackListenerContext): void {
  app.event("app_home_opened", async ({ event, body, client }) => {
    const parsed = appHomeOpenedSchema.parse(event);
    if (parsed.tab !== undefined && parsed.tab !== "home") return;
    const envelope = eventEnvelopeSchema.parse(body);
    const teamId = envelope.authorizations?.[0]?.team_id ?? envelope.team_id ?? "";
    await ctx.limiter.run(async () => {
      const actor = await ctx.resolveActor({ teamId, userId: parsed.user }, client);
      await client.views.publish({ user_id: parsed.user, view: await buildHome(ctx, actor) });
    });
  });
}
