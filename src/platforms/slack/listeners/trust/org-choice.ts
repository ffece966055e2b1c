// "Which partner organisation do you belong to?" — asked once, when neither the Slack Connect
// team nor the e-mail domain told us. A select of known organisations, or a new name.
import type { AllMiddlewareArgs, RespondFn } from "@slack/bolt";
import { z } from "zod";
import { buildChooseOrganizationView, buildOrganizationRequestView } from "#core/alliance/alliance-views.js";
import type { Member } from "#core/alliance/member.js";
import type { OrganizationRequest } from "#core/alliance/member-service.js";
import { renderMessages } from "../../render/render-view.js";
import { translate } from "#core/i18n/catalogue.js";
import { ACTION } from "../../ids.js";
import { actions, button, sections } from "../../render/blocks.js";
import { slackText, toMessages, type SlackMessage } from "../../render/message.js";
import { escapeMrkdwn } from "../../render/limits.js";
import { COMMAND_TEXT_MAX } from "#core/shared/input-limits.js";
import type { CommandPayload } from "../../payloads.js";
import { isDomainError } from "#core/shared/errors.js";
import { renderChooseOrganizationModal } from "../../render/alliance-blocks.js";
import type { SlackActor } from "../../session/slack-actor.js";
import { afterAckAsMember, commandIdentity, replyPrivately, respondWith } from "../common.js";
import type { SlackListenerContext } from "../listener-context.js";

/**
 * A command that waits for the member's organisation: the slash command, its text, where it was
 * typed and (once the question is open) the response_url to answer it through. Slack keeps it for
 * us in the button's value (≤ 2,000 characters) and then the modal's private_metadata (≤ 3,000).
 */
const pendingCommandSchema = z.object({ c: z.string().max(40), t: z.string().max(4_000), ch: z.string().max(100), r: z.string().url().max(500).optional() });
type PendingCommand = z.infer<typeof pendingCommandSchema>;
const BUTTON_VALUE_MAX = 2_000;

/** The pending command in a button value or private_metadata, or null ("ask", "", or anything else). */
export function readPendingCommand(raw: string | undefined): PendingCommand | null {
  if (!raw?.startsWith("{")) return null;
  try {
    const parsed = pendingCommandSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Opens the question; `pending` is the command to carry out once it is answered. */
export async function openChooseOrganization(ctx: SlackListenerContext, client: AllMiddlewareArgs["client"], actor: SlackActor, triggerId: string, pending: PendingCommand | null = null): Promise<void> {
  const organizations = await ctx.alliances.listOrganizations(actor.allianceId);
  const view = buildChooseOrganizationView(actor.locale, organizations);
  await client.views.open({ trigger_id: triggerId, view: renderChooseOrganizationModal(view, pending ? JSON.stringify(pending) : "") });
}

/**
 * The member's own organisation is missing for this command: a private note with a button that
 * opens the question and carries the command, which is carried out once they have picked.
 */
async function askOrganizationFor(actor: SlackActor, respond: RespondFn, cmd: CommandPayload): Promise<void> {
  const pending = JSON.stringify({ c: cmd.command ?? "", t: cmd.text, ch: cmd.channel_id });
  const carried = Boolean(cmd.command) && pending.length <= BUTTON_VALUE_MAX;
  const command = `${cmd.command ?? ""} ${cmd.text}`.trim();
  const text = carried ? translate(actor.locale, "slack.org.askedFor", { command: command.length > 60 ? `${command.slice(0, 57)}…` : command }) : translate(actor.locale, "error.MEMBER_WITHOUT_ORGANIZATION");
  const message = toMessages(text, [
    ...sections(text),
    ...actions([button(translate(actor.locale, "alliance.chooseOrg.title"), ACTION.chooseOrganization, carried ? pending : "ask", "primary")]),
  ])[0];
  if (message) await respondWith(respond, message);
}

/** True when `error` is about this member's own missing organisation (not another owner's). */
function isOwnMissingOrganization(actor: SlackActor, error: unknown): boolean {
  if (actor.organizationId !== null || !isDomainError(error, "MEMBER_WITHOUT_ORGANIZATION")) return false;
  const whose = error.details.memberId;
  return whose === undefined || whose === actor.memberId;
}

/**
 * On a member's first contact, when their organisation could not be derived, asks once (a private
 * note with a button that opens the question). Later commands do not ask again; /trust
 * organisation opens it on demand.
 */
export async function askOrganizationOnce(actor: SlackActor, respond: RespondFn): Promise<void> {
  if (!actor.isNew || !actor.needsOrganization) return;
  await respondWith(respond, organizationQuestion(actor.locale, "slack.org.asked"));
}

/** The question as a message: `key`'s text and the button that opens the chooser. */
export function organizationQuestion(locale: SlackActor["locale"], key: "slack.org.asked" | "alliance.chooseOrg.afterSetup"): SlackMessage {
  const text = translate(locale, key);
  return toMessages(text, [...sections(escapeMrkdwn(text)), ...actions([button(translate(locale, "alliance.chooseOrg.title"), ACTION.chooseOrganization, "ask", "primary")])])[0]!;
}

/**
 * A slash command's post-ack work as the member (see afterAckAsMember), then the one-time
 * organisation question: asked after the answer, and not after an error, so the answer comes first.
 * `askOrganization: false` leaves it out (setup: the admin defines the organisations there, and
 * is asked after saving when none of them matched).
 * A command longer than COMMAND_TEXT_MAX is refused here, in the member's language and naming the
 * limit: after the ack, so the member always gets an answer.
 */
export async function answerCommandAsMember(
  ctx: SlackListenerContext,
  respond: RespondFn,
  cmd: CommandPayload,
  client: Parameters<SlackListenerContext["resolveActor"]>[1],
  work: (actor: SlackActor) => Promise<void>,
  options: { askOrganization?: boolean } = {},
): Promise<void> {
  await afterAckAsMember(ctx, respond, () => commandIdentity(cmd), client, async (actor) => {
    const length = Array.from(cmd.text).length;
    if (length > COMMAND_TEXT_MAX) return await replyPrivately(respond, translate(actor.locale, "error.INPUT_TOO_LONG", { length, max: COMMAND_TEXT_MAX }));
    try {
      await work(actor);
    } catch (error) {
      if (!isOwnMissingOrganization(actor, error)) throw error;
      return await askOrganizationFor(actor, respond, cmd);
    }
    if (options.askOrganization !== false) await askOrganizationOnce(actor, respond);
  });
}

/** DMs a member of the alliance on Slack; false when they are not on Slack (or gone). */
export async function sendToMember(ctx: SlackListenerContext, member: Member, text: string, blocks?: readonly object[]): Promise<boolean> {
  const workspace = await ctx.workspaces.get(member.workspaceId);
  if (!workspace || workspace.platform !== "slack" || member.erasedAt) return false;
  await ctx.messenger.sendDirect({ teamId: workspace.externalId, user: member.externalId }, { text: slackText(text), blocks });
  return true;
}

/** Asks each admin (on Slack) to approve the organisation a member named; returns how many were asked. */
export async function askAdmins(ctx: SlackListenerContext, request: Extract<OrganizationRequest, { kind: "requested" }>): Promise<number> {
  let asked = 0;
  for (const admin of request.admins) {
    const view = buildOrganizationRequestView(admin.locale ?? "en", { memberId: request.member.id, memberName: request.member.displayName, name: request.name });
    for (const message of renderMessages(view).messages) {
      if (await sendToMember(ctx, admin, message.text, message.blocks).catch(() => false)) asked++;
    }
  }
  return asked;
}
