// /trust link, /trust link CODE and /trust unlink (DESIGN.md §2.7): an admin gets a one-time
// code, shown only to them (ephemeral); an admin of the other space enters it, sees the alliance
// and its partners, and confirms with a button. Answers are ephemeral, so the code never shows in
// the channel.
import type { App, RespondFn } from "@slack/bolt";
import { z } from "zod";
import type { SpaceLinkService } from "#core/alliance/space-link-service.js";
import { buildLinkCodeText, buildLinkConfirmView, buildLinkDoneText } from "#core/alliance/space-link-views.js";
import { buildLinkMergeView, buildMergeDoneText } from "#core/alliance/space-merge-views.js";
import { translate } from "#core/i18n/catalogue.js";
import { ACTION } from "../../ids.js";
import { buttonActionSchema, inputValue } from "../../payloads.js";
import { renderMessages } from "../../render/render-view.js";
import { textMessage } from "../../render/message.js";
import type { SlackActor } from "../../session/slack-actor.js";
import { afterAckAsMember, interactionIdentity, replyPrivately, respondWith } from "../common.js";
import type { SlackListenerContext } from "../listener-context.js";

/** What a code typed or carried by the button may look like (letters, digits, dashes). */
const CODE_PATTERN = /^[A-Za-z0-9-]{1,40}$/;

/** `/trust link` (new code) or `/trust link CODE` (the confirmation). */
export async function answerLink(links: SpaceLinkService, actor: SlackActor, respond: RespondFn, typed: string): Promise<void> {
  if (!typed) {
    const issued = await links.issueCode(actor);
    const text = buildLinkCodeText(actor.locale, "slack", { code: issued.code, expiresAt: issued.expiresAt, allianceName: issued.alliance.name, timeZone: issued.alliance.timezone });
    return await replyPrivately(respond, text);
  }
  const code = typed.toUpperCase();
  // A space with history of its own joins only by a merge: it sees the mapping instead.
  const entry = await links.previewEntry(actor, typed);
  const view = entry.kind === "join" ? buildLinkConfirmView(actor.locale, entry.preview, code) : buildLinkMergeView(actor.locale, entry.preview, code);
  for (const message of renderMessages(view).messages) await respondWith(respond, message);
}

const MERGE_BLOCK = /^merge\.(.+)$/;
const stateSchema = z.object({ state: z.object({ values: z.record(z.string(), z.record(z.string(), z.unknown())) }).optional() });

/** The merge rows' chosen values from the message state (block "merge.<organisation id>"). */
function chosenMapping(body: unknown): Record<string, string> {
  const values = stateSchema.parse(body).state?.values ?? {};
  const mapping: Record<string, string> = {};
  for (const blockId of Object.keys(values)) {
    const organizationId = MERGE_BLOCK.exec(blockId)?.[1];
    const chosen = organizationId ? inputValue(values, blockId, ACTION.linkMergeChoice) : null;
    if (organizationId && chosen) mapping[organizationId] = chosen;
  }
  return mapping;
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

  // Merge: the core refuses a mapping that misses a row (LINK_MERGE_MAPPING_INCOMPLETE).
  app.action(ACTION.linkMerge, async ({ ack, body, action, respond, client }) => {
    await ack();
    await afterAckAsMember(ctx, respond, () => interactionIdentity(body), client, async (actor) => {
      const code = buttonActionSchema.parse(action).value;
      if (!CODE_PATTERN.test(code)) return await replyPrivately(respond, translate(actor.locale, "error.LINK_CODE_UNKNOWN"));
      const result = await links.confirmMerge(actor, code, chosenMapping(body));
      ctx.forgetActors();
      await respondWith(respond, textMessage(buildMergeDoneText(actor.locale, result)), { replace: true });
    });
  });

  // Changing a row's select is not an answer yet; Slack only needs the acknowledgement.
  app.action(ACTION.linkMergeChoice, async ({ ack }) => {
    await ack();
  });

  app.action(ACTION.linkCancel, async ({ ack, body, respond, client }) => {
    await ack();
    await afterAckAsMember(ctx, respond, () => interactionIdentity(body), client, async (actor) => {
      await respondWith(respond, textMessage(translate(actor.locale, "link.cancelled")), { replace: true });
    });
  });
}
