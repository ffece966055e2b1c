// "Which partner organisation do you belong to?" — asked once, when neither the Slack Connect
// team nor the e-mail domain told us. A select of known organisations, or a new name.
import type { App, AllMiddlewareArgs, RespondFn } from "@slack/bolt";
import { z } from "zod";
import { buildChooseOrganizationView, buildOrganizationRequestView } from "../../../../core/alliance/alliance-views.js";
import type { Member } from "../../../../core/alliance/member.js";
import type { OrganizationRequest } from "../../../../core/alliance/member-service.js";
import { renderMessages } from "../../render/render-view.js";
import { translate } from "../../../../core/i18n/catalogue.js";
import { ACTION, MODAL } from "../../ids.js";
import { actions, button, sections } from "../../render/blocks.js";
import { slackText, textMessage, toMessages } from "../../render/message.js";
import { COMMAND_TEXT_MAX } from "../../../../core/shared/input-limits.js";
import { buttonActionSchema, inputValue, submittedViewSchema, type CommandPayload } from "../../payloads.js";
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

/** DMs a member of the alliance on Slack; false when they are not on Slack (or gone). */
async function sendToMember(ctx: SlackListenerContext, member: Member, text: string, blocks?: readonly object[]): Promise<boolean> {
  const workspace = await ctx.workspaces.get(member.workspaceId);
  if (!workspace || workspace.platform !== "slack" || member.erasedAt) return false;
  await ctx.messenger.sendDirect({ teamId: workspace.externalId, user: member.externalId }, { text: slackText(text), blocks });
  return true;
}

/** Asks each admin (on Slack) to approve the organisation a member named; returns how many were asked. */
async function askAdmins(ctx: SlackListenerContext, request: Extract<OrganizationRequest, { kind: "requested" }>): Promise<number> {
  let asked = 0;
  for (const admin of request.admins) {
    const view = buildOrganizationRequestView(admin.locale ?? "en", { memberId: request.member.id, memberName: request.member.displayName, name: request.name });
    for (const message of renderMessages(view).messages) {
      if (await sendToMember(ctx, admin, message.text, message.blocks).catch(() => false)) asked++;
    }
  }
  return asked;
}

/** Registers the answer, and an admin's approval of a new organisation. */
export function registerOrganizationChoice(app: App, ctx: SlackListenerContext): void {
  app.action(ACTION.approveOrganization, async ({ ack, body, action, respond, client }) => {
    await ack();
    await afterAckAsMember(ctx, respond, () => interactionIdentity(body), client, async (actor) => {
      const value = z.object({ m: z.string().max(100), n: z.string().max(200) }).parse(JSON.parse(buttonActionSchema.parse(action).value));
      const { organization, member } = await ctx.members.approveOrganization(actor, value.m, value.n);
      await sendToMember(ctx, member, translate(member.locale ?? actor.locale, "alliance.orgRequest.memberTold", { name: organization.name })).catch(() => false);
      const approved = translate(actor.locale, "alliance.orgRequest.approved", { name: organization.name, member: member.displayName || translate(actor.locale, "alliance.orgRequest.theMember") });
      await respondWith(respond, textMessage(approved), { replace: true });
    });
  });

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
      else if (typed) {
        // A new partner organisation needs an admin: a member's request waits for approval.
        const request = await ctx.members.requestOrganization(actor.memberId, typed);
        if (request.kind === "requested") {
          const asked = await askAdmins(ctx, request);
          if (asked === 0) {
            await ack({ response_action: "errors", errors: { "org.new": translate(actor.locale, "alliance.chooseOrg.noAdmin", { name: request.name }) } });
            return;
          }
          await ack();
          await ctx.messenger.sendDirect({ teamId: actor.teamId, user: actor.userId }, textMessage(translate(actor.locale, "alliance.chooseOrg.requested", { name: request.name })));
          return;
        }
        organizationId = request.actor.organizationId;
      } else {
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
