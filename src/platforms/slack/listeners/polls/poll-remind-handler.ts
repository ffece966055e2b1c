// "Remind": a direct message to each member of this workspace who has not voted yet (creator or
// steering only), then a private count to the one who asked.
import { hasRole } from "#core/alliance/roles.js";
import { translate } from "#core/i18n/catalogue.js";
import { DomainError } from "#core/shared/errors.js";
import { channelLink, joinSlackText, slackText } from "../../render/message.js";
import { replyPrivately } from "../common.js";
import type { ActionHandler } from "../handler-args.js";
import { pollButtonHandler, type PollHandlerDeps } from "./poll-handler-deps.js";

/** Reminds the non-voters this workspace can reach. */
export function pollRemindHandler({ ctx, polls }: PollHandlerDeps): ActionHandler {
  return pollButtonHandler(ctx, async function remindNonVoters(actor, pollId, respond) {
    const { locale } = actor;
    const poll = await polls.getPoll(actor, pollId);
    if (poll.createdById !== actor.memberId && !hasRole(actor, "steering")) throw new DomainError("FORBIDDEN", "only the creator or steering may remind");
    // Only members of this Slack workspace can be reached from here.
    const members = (await ctx.memberRepository.list(actor.allianceId)).filter((m) => m.workspaceId === actor.workspaceId);
    const missing = new Set(await polls.nonVoters(pollId, members.map((m) => m.id)));
    let count = 0;
    for (const member of members.filter((m) => missing.has(m.id))) {
      const memberLocale = member.locale ?? actor.alliance.locale;
      const text = poll.closesAt
        ? translate(memberLocale, "polls.reminder", { question: poll.question, at: poll.closesAt.toISOString().slice(0, 16).replace("T", " ") })
        : translate(memberLocale, "polls.reminder.noDeadline", { question: poll.question });
      const reminder = poll.message ? joinSlackText(slackText(text), channelLink(poll.message.conversationId)) : slackText(text);
      await ctx.messenger.sendDirect({ teamId: actor.teamId, user: member.externalId }, { text: reminder });
      count += 1;
    }
    await replyPrivately(respond, count === 0 ? translate(locale, "slack.poll.remindedNone") : translate(locale, "slack.poll.reminded", { count }));
  });
}
