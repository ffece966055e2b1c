// The organisation question's listeners: an admin approves a new partner organisation a member
// named; the "choose" button opens the question; its submission sets the organisation (or asks the
// admins) and then carries out the command that was waiting for it (see org-choice.ts).
import { z } from "zod";
import { translate } from "#core/i18n/catalogue.js";
import { buttonActionSchema, inputValue, interactionUserSchema, submittedViewSchema } from "../../payloads.js";
import { textMessage } from "../../render/message.js";
import { afterAck, afterAckAsMember, errorText, interactionIdentity, respondWith } from "../common.js";
import type { ActionArgs, ViewSubmissionArgs } from "../handler-args.js";
import type { SlackListenerContext } from "../listener-context.js";
import { respondTo } from "../slash-command.js";
import { askAdmins, openChooseOrganization, readPendingCommand, sendToMember } from "./org-choice.js";

/** An admin's "add it" on a member's request for a new partner organisation. */
export function approveOrganizationHandler(ctx: SlackListenerContext) {
  return async function handleApproveOrganization({ ack, body, action, respond, client }: ActionArgs): Promise<void> {
    await ack();
    await afterAckAsMember(ctx, respond, () => interactionIdentity(body), client, async (actor) => {
      const value = z.object({ m: z.string().max(100), n: z.string().max(200) }).parse(JSON.parse(buttonActionSchema.parse(action).value));
      const { organization, member } = await ctx.members.approveOrganization(actor, value.m, value.n);
      await sendToMember(ctx, member, translate(member.locale ?? actor.locale, "alliance.orgRequest.memberTold", { name: organization.name })).catch(() => false);
      const approved = translate(actor.locale, "alliance.orgRequest.approved", { name: organization.name, member: member.displayName || translate(actor.locale, "alliance.orgRequest.theMember") });
      await respondWith(respond, textMessage(approved), { replace: true });
    });
  };
}

/** The "choose your organisation" button: opens the question, keeping the waiting command. */
export function chooseOrganizationHandler(ctx: SlackListenerContext) {
  return async function handleChooseOrganization({ ack, body, action, client, respond }: ActionArgs): Promise<void> {
    await ack();
    const { trigger_id: triggerId = "", response_url: responseUrl } = interactionUserSchema.parse(body);
    await afterAck(ctx, respond, () => "en", async () => {
      const actor = await ctx.resolveActor(interactionIdentity(body), client);
      const pending = readPendingCommand(buttonActionSchema.safeParse(action).data?.value);
      await openChooseOrganization(ctx, client, actor, triggerId, pending && responseUrl ? { ...pending, r: responseUrl } : null);
    });
  };
}

/** The answer: a known organisation, or a new name that waits for an admin. */
export function chooseOrganizationSubmitHandler(ctx: SlackListenerContext) {
  return async function handleChooseOrganizationSubmit({ ack, body, view, client }: ViewSubmissionArgs): Promise<void> {
    const { state, private_metadata: metadata } = submittedViewSchema.parse(view);
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
    const done = textMessage(translate(actor.locale, "alliance.chooseOrg.done", { name }));
    const pending = readPendingCommand(metadata);
    const run = pending?.r ? ctx.slashCommands.get(pending.c) : undefined;
    if (!pending?.r || !run) {
      await ctx.messenger.sendDirect({ teamId: actor.teamId, user: actor.userId }, done);
      return;
    }
    // The command that made us ask is carried out now, as the member with their organisation,
    // answering where it was typed; the note with the button is replaced, so it is not pressed again.
    const respond = respondTo(pending.r);
    await respondWith(respond, done, { replace: true }).catch((error: unknown) => ctx.logger.warn({ err: error }, "could not replace the organisation question"));
    const { trigger_id: triggerId = "" } = interactionUserSchema.parse(body);
    await run({ command: pending.c, team_id: actor.teamId, user_id: actor.userId, channel_id: pending.ch, text: pending.t, trigger_id: triggerId, response_url: pending.r }, respond, client);
  };
}
