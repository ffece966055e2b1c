// Names and places for commitment views: the views ask synchronously for member and organisation
// names, so the alliance's members and organisations are loaded once per request.
import { actorOf } from "#core/alliance/member.js";
import type { Commitment } from "#core/commitments/commitment.js";
import { buildConfirmRequest, type CommitmentViewContext } from "#core/commitments/commitment-views.js";
import type { Locale } from "#core/shared/refs.js";
import { renderMessages } from "../../render/render-view.js";
import type { SlackListenerContext } from "../listener-context.js";

/** The view context for an alliance, in `locale` and `timeZone`. */
export async function commitmentViewContext(ctx: SlackListenerContext, allianceId: string, locale: Locale, timeZone: string): Promise<CommitmentViewContext> {
  const [members, organizations] = await Promise.all([ctx.memberRepository.list(allianceId), ctx.alliances.listOrganizations(allianceId)]);
  const names = new Map(members.map((m) => [m.id, m.displayName]));
  const orgs = new Map(organizations.map((o) => [o.id, o.name]));
  return { locale, timeZone, now: ctx.clock.now(), memberName: (id) => names.get(id), organizationName: (id) => orgs.get(id) };
}

/** How many people of a beneficiary organisation get the confirm request (one is enough to answer). */
const MAX_ORG_RECIPIENTS = 5;

/**
 * Asks the receiving side to confirm or dispute a reported outcome, by DM: the person it was for,
 * or members of the organisation it was for. Those in this Slack workspace get a DM now; those
 * in another space of the alliance (a linked Teams organisation or Slack workspace) get it on
 * their own platform through the outbox. Never
 * whoever reported the outcome: they may not confirm their own report.
 */
export async function requestConfirmation(ctx: SlackListenerContext, commitment: Commitment, workspaceId: string, teamId: string, reporterMemberId: string | null = null): Promise<number> {
  const b = commitment.beneficiary;
  const recipients =
    b.kind === "member" && b.memberId
      ? [await ctx.memberRepository.get(b.memberId)].filter((m) => m !== null)
      : b.organizationId
        ? (await ctx.memberRepository.list(commitment.allianceId, { organizationId: b.organizationId })).slice(0, MAX_ORG_RECIPIENTS)
        : [];
  let sent = 0;
  for (const member of recipients) {
    if (member.erasedAt || member.id === commitment.ownerMemberId || member.id === reporterMemberId) continue;
    const elsewhere = member.workspaceId !== workspaceId;
    if (elsewhere && !ctx.notifyMember) continue;
    const alliance = await ctx.alliances.getAlliance(member.allianceId);
    const locale = member.locale ?? alliance.locale;
    const view = buildConfirmRequest(commitment, await commitmentViewContext(ctx, alliance.id, locale, member.timezone ?? alliance.timezone), actorOf(member));
    if (elsewhere) {
      // One request per member and reported version: a retried report queues nothing new.
      if (await ctx.notifyMember!(member.id, view, locale, `commitment-confirm:${commitment.id}:${commitment.version}:${member.id}`)) sent += 1;
      continue;
    }
    for (const message of renderMessages(view).messages) await ctx.messenger.sendDirect({ teamId, user: member.externalId }, message);
    sent += 1;
  }
  return sent;
}
