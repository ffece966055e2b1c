// "Which partner organisation do you belong to?" — asked once, when neither the Slack Connect
// team nor the e-mail domain told us. A select of known organisations, or a new name.
import type { App, AllMiddlewareArgs } from "@slack/bolt";
import { buildChooseOrganizationView } from "../../../../core/alliance/alliance-views.js";
import { translate } from "../../../../core/i18n/catalogue.js";
import { MODAL } from "../../ids.js";
import { inputValue, submittedViewSchema } from "../../payloads.js";
import { renderChooseOrganizationModal } from "../../render/alliance-blocks.js";
import type { SlackActor } from "../../session/slack-actor.js";
import { errorText, interactionIdentity } from "../common.js";
import type { SlackListenerContext } from "../register.js";

/** Opens the question. */
export async function openChooseOrganization(ctx: SlackListenerContext, client: AllMiddlewareArgs["client"], actor: SlackActor, triggerId: string): Promise<void> {
  const organizations = await ctx.alliances.listOrganizations(actor.allianceId);
  const view = buildChooseOrganizationView(actor.locale, organizations);
  await client.views.open({ trigger_id: triggerId, view: renderChooseOrganizationModal(view, "") });
}

/** Registers the answer. */
export function registerOrganizationChoice(app: App, ctx: SlackListenerContext): void {
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
    await ctx.messenger.sendDirect({ teamId: actor.teamId, user: actor.userId }, { text: translate(actor.locale, "alliance.chooseOrg.done", { name }) });
  });
}
