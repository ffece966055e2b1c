// "Which partner organisation do you belong to?" — asked once, when neither the Slack Connect
// team nor the e-mail domain told us. A select of known organisations, or a new name.
import type { App, AllMiddlewareArgs, RespondFn } from "@slack/bolt";
import { buildChooseOrganizationView } from "../../../../core/alliance/alliance-views.js";
import { translate } from "../../../../core/i18n/catalogue.js";
import { ACTION, MODAL } from "../../ids.js";
import { actions, button, sections } from "../../render/blocks.js";
import { textMessage, toMessages } from "../../render/message.js";
import { COMMAND_TEXT_MAX } from "../../../../core/shared/input-limits.js";
import { inputValue, submittedViewSchema, type CommandPayload } from "../../payloads.js";
import { renderChooseOrganizationModal } from "../../render/alliance-blocks.js";
import type { SlackActor } from "../../session/slack-actor.js";
import { afterAck, afterAckAsMember, commandIdentity, errorText, interactionIdentity, replyPrivately, respondWith } from "../common.js";
import type { SlackListenerContext } from "../register.js";

/** Opens the question. */
export async function openChooseOrganization(ctx: SlackListenerContext, client: AllMiddlewareArgs["client"], actor: SlackActor, triggerId: string): Promise<void> {
  const organizations = await ctx.alliances.listOrganizations(actor.allianceId);
  const view = buildChooseOrganizationView(actor.locale, organizations);
  await client.views.open({ trigger_id: triggerId, view: renderChooseOrganizationModal(view, "") });
}

/**
 * On a member's first contact, when their organisation could not be derived, asks once (a private
 * note with a button that opens the question). Later commands do not ask again; /trust
 * organisation opens it on demand.
 */
export async function askOrganizationOnce(actor: SlackActor, respond: RespondFn): Promise<void> {
  if (!actor.isNew || !actor.needsOrganization) return;
  const message = toMessages(translate(actor.locale, "slack.org.asked"), [
    ...sections(translate(actor.locale, "slack.org.asked")),
    ...actions([button(translate(actor.locale, "alliance.chooseOrg.title"), ACTION.chooseOrganization, "ask", "primary")]),
  ])[0];
  if (message) await respondWith(respond, message);
}

/**
 * A slash command's post-ack work as the member (see afterAckAsMember), then the one-time
 * organisation question: asked after the answer, and not after an error, so the answer comes first.
 * A command longer than COMMAND_TEXT_MAX is refused here, in the member's language and naming the
 * limit: after the ack, so the member always gets an answer.
 */
export async function answerCommandAsMember(
  ctx: SlackListenerContext,
  respond: RespondFn,
  cmd: CommandPayload,
  client: Parameters<SlackListenerContext["resolveActor"]>[1],
  work: (actor: SlackActor) => Promise<void>,
): Promise<void> {
  await afterAckAsMember(ctx, respond, () => commandIdentity(cmd), client, async (actor) => {
    const length = Array.from(cmd.text).length;
    if (length > COMMAND_TEXT_MAX) return await replyPrivately(respond, translate(actor.locale, "error.INPUT_TOO_LONG", { length, max: COMMAND_TEXT_MAX }));
    await work(actor);
    await askOrganizationOnce(actor, respond);
  });
}

/** Registers the answer. */
export function registerOrganizationChoice(app: App, ctx: SlackListenerContext): void {
  app.action(ACTION.chooseOrganization, async ({ ack, body, client, respond }) => {
    await ack();
    const triggerId = (body as { trigger_id?: string }).trigger_id ?? "";
    await afterAck(ctx, respond, () => "en", async () => {
      const actor = await ctx.resolveActor(interactionIdentity(body), client);
      await openChooseOrganization(ctx, client, actor, triggerId);
    });
  });

  app.view(MODAL.chooseOrganization, async ({ ack, body, view, client }) => {
    const { state } = submittedViewSchema.parse(view);
    const actor = await ctx.resolveActor(interactionIdentity(body), client);
    const chosen = inputValue(state.values, "org.choice");
    const typed = inputValue(state.values, "org.new")?.trim();
    let organizationId: string | null;
    try {
      if (chosen) organizationId = (await ctx.members.chooseOrganization(actor.memberId, chosen)).organizationId;
      else if (typed) organizationId = (await ctx.members.joinOrCreateOrganization(actor.memberId, typed)).organizationId;
      else {
        await ack({ response_action: "errors", errors: { [state.values["org.new"] ? "org.new" : "org.choice"]: translate(actor.locale, "slack.org.pickOrType") } });
        return;
      }
    } catch (error) {
      await ack({ response_action: "errors", errors: { [state.values["org.new"] ? "org.new" : "org.choice"]: errorText(actor.locale, error) } });
      return;
    }
    await ack();
    ctx.forgetActors();
    const name = (await ctx.alliances.listOrganizations(actor.allianceId)).find((o) => o.id === organizationId)?.name ?? "";
    await ctx.messenger.sendDirect({ teamId: actor.teamId, user: actor.userId }, textMessage(translate(actor.locale, "alliance.chooseOrg.done", { name })));
  });
}
