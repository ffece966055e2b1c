/**
 * Commitments across spaces: when the receiving side confirms or disputes an outcome in its own
 * space (a Teams organisation), an owner in another space (a Slack workspace) would only see the
 * new state the next time they list or open the agreement. This gives them the agreement's card as
 * it now stands — "Confirmed", or "Disputed" with who and why, and their own buttons (e.g. Resolve)
 * — in a 1:1 chat on THEIR platform, through the outbox (the notifier), once per answered version.
 * The owner's earlier card itself is not edited: the platforms do not let the bot keep it (Slack
 * answers the report privately through a response URL that expires).
 */
import type { AllianceService } from "../alliance/alliance-service.js";
import { actorOf } from "../alliance/member.js";
import type { MemberRepository } from "../alliance/member-repository.js";
import type { Clock } from "../shared/clock.js";
import type { Locale } from "../shared/refs.js";
import type { View } from "../views.js";
import type { Commitment, CommitmentEvent } from "./commitment.js";
import { buildCommitmentCard } from "./commitment-views.js";

/** Queues a view for a member on their own platform (scheduling/member-notifier.ts). */
export type NotifyMember = (memberId: string, view: View, locale: Locale, dedupeKey: string) => Promise<boolean>;

/** The outbox key of the notice to `ownerId` of the answer that made `commitment` this version. */
export const answerNoticeKey = (commitment: Pick<Commitment, "id" | "version">, ownerId: string) => `commitment-answered:${commitment.id}:${commitment.version}:${ownerId}`;

/**
 * Tells the owner of `commitment` (just confirmed or disputed by someone in `answeredIn`, our
 * workspace id) on their own platform, when they belong to another space. False when there is
 * nobody to tell there (same space, no owner, forgotten, or no way to reach other spaces).
 */
export async function tellOwnerElsewhere(
  deps: { members: Pick<MemberRepository, "get" | "list">; alliances: Pick<AllianceService, "getAlliance" | "listOrganizations">; clock: Clock; notifyMember?: NotifyMember | undefined },
  commitment: Commitment,
  events: readonly CommitmentEvent[],
  answeredIn: string,
): Promise<boolean> {
  if (!deps.notifyMember || !commitment.ownerMemberId) return false;
  const owner = await deps.members.get(commitment.ownerMemberId);
  if (!owner || owner.erasedAt || owner.workspaceId === answeredIn) return false;
  const alliance = await deps.alliances.getAlliance(commitment.allianceId);
  const [members, organizations] = await Promise.all([deps.members.list(alliance.id), deps.alliances.listOrganizations(alliance.id)]);
  const names = new Map(members.map((m) => [m.id, m.displayName]));
  const orgs = new Map(organizations.map((o) => [o.id, o.name]));
  const locale = owner.locale ?? alliance.locale;
  const view = buildCommitmentCard(
    commitment,
    { locale, timeZone: owner.timezone ?? alliance.timezone, now: deps.clock.now(), memberName: (id) => names.get(id), organizationName: (id) => orgs.get(id) },
    actorOf(owner),
    events,
  );
  return deps.notifyMember(owner.id, view, locale, answerNoticeKey(commitment, owner.id));
}
