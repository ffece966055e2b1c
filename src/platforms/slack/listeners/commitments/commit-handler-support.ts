// What the commitment handlers share: their dependencies, the card reply through response_url, the
// member behind a Slack user id, and the outcome labels of the follow-up form.
import { tellOwnerElsewhere } from "#core/commitments/answer-notice.js";
import type { RespondFn } from "@slack/bolt";
import { buildCommitmentCard } from "#core/commitments/commitment-views.js";
import type { Commitment } from "#core/commitments/commitment.js";
import type { CommitmentService } from "#core/commitments/commitment-service.js";
import { translate } from "#core/i18n/catalogue.js";
import type { Locale } from "#core/shared/refs.js";
import { context } from "../../render/blocks.js";
import { escapeMrkdwn } from "../../render/limits.js";
import { joinSlackText, slackText } from "../../render/message.js";
import { renderMessages } from "../../render/render-view.js";
import type { SlackActor } from "../../session/slack-actor.js";
import { respondWith } from "../common.js";
import type { SlackListenerContext } from "../listener-context.js";
import { commitmentViewContext } from "./commitment-context.js";

export interface CommitHandlerDeps {
  ctx: SlackListenerContext;
  commitments: CommitmentService;
}

/** A card for `viewer` as ephemeral or channel message through response_url. */
/** A card for `viewer` as ephemeral or channel message through response_url. */
export async function replyCard({ ctx, commitments }: CommitHandlerDeps, respond: RespondFn, actor: SlackActor, commitment: Commitment, text: string, options: { inChannel?: boolean; replace?: boolean } = {}): Promise<void> {
  const viewCtx = await commitmentViewContext(ctx, actor.allianceId, actor.locale, actor.timeZone);
  const { events } = await commitments.get(actor, commitment.id);
  const [message] = renderMessages(buildCommitmentCard(commitment, viewCtx, actor, events)).messages;
  await respondWith(
    respond,
    { text: message ? joinSlackText(slackText(text), message.text) : slackText(text), blocks: [context([escapeMrkdwn(text)]), ...(message?.blocks ?? [])] },
    options,
  );
}

/** The member (and organisation) behind a Slack user id the form or a mention named. */
export async function memberBySlackId(ctx: SlackListenerContext, actor: SlackActor, slackUserId: string, client: Parameters<SlackListenerContext["resolveActor"]>[1]) {
  const other = await ctx.resolveActor({ teamId: actor.teamId, userId: slackUserId }, client);
  return { memberId: other.memberId, organizationId: other.organizationId };
}

/** The outcome names the follow-up form offers. */
export const statusLabels = (locale: Locale) => ({
  kept: translate(locale, "commitments.status.kept"),
  kept_late: translate(locale, "commitments.status.kept_late"),
  broken: translate(locale, "commitments.status.broken"),
});


/** After a confirm or dispute: an owner in another space (e.g. on Teams) is told there. */
export async function tellOwnerInOtherSpace({ ctx, commitments }: CommitHandlerDeps, actor: SlackActor, commitment: Commitment): Promise<void> {
  const { events } = await commitments.get(actor, commitment.id);
  const deps = { members: ctx.memberRepository, alliances: ctx.alliances, clock: ctx.clock, notifyMember: ctx.notifyMember };
  await tellOwnerElsewhere(deps, commitment, events, actor.workspaceId);
}
