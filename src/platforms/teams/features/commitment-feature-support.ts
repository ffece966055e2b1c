// What the Teams commitment handlers share: their dependencies, the card of a commitment for the
// member in the turn, and asking the receiving side to confirm an outcome (here and elsewhere).
import type { Commitment } from "#core/commitments/commitment.js";
import type { CommitmentService } from "#core/commitments/commitment-service.js";
import { buildCommitmentCard, buildConfirmRequest } from "#core/commitments/commitment-views.js";
import { DomainError } from "#core/shared/errors.js";
import type { Actor } from "#core/shared/refs.js";
import type { Clock } from "#core/shared/clock.js";
import type { Logger } from "#src/logger.js";
import { renderView } from "../render/render-view.js";
import type { CommandContext } from "../handlers/feature-types.js";
import type { Turn } from "../handlers/turn.js";
import type { TeamsServices } from "../teams-services.js";
import type { TeamsConnector } from "../transport/teams-connector.js";
import { commitmentViewContext } from "./commitment-context.js";
import { confirmAudience, receivingMembers } from "./confirm-request-audience.js";
import { withRefresh, type ActionData } from "../render/card-kit.js";

/** How many people of a beneficiary organisation in another space get the confirm request (one is enough to answer). */
const MAX_ELSEWHERE_RECIPIENTS = 5;

export interface CommitmentsFeatureDeps {
  services: TeamsServices;
  connector: TeamsConnector;
  clock: Clock;
  /** For what fails after the change itself succeeded (the shared card's update). */
  logger?: Pick<Logger, "warn"> | undefined;
}

/** The core service; absent only when the composition root left commitments out. */
export function commitmentService({ services }: CommitmentsFeatureDeps): CommitmentService {
  if (!services.commitments) throw new DomainError("NOT_FOUND", "commitments service not configured");
  return services.commitments;
}

/** The refresh verb of a shared commitment card (commitment-shared-card.ts): answers with the viewer's own card. */
export const COMMITMENT_CARD_VIEW_VERB = "commitment.cardView";
export const cardViewData = (commitmentId: string): ActionData => ({ verb: COMMITMENT_CARD_VIEW_VERB, commitmentId });

/**
 * The card of `commitment` for the member in `turn` (their buttons only), with an optional error
 * line. In a group chat or channel it is that member's own view (a refresh or a button's answer),
 * so it stays refreshable by them alone; what the chat sees is commitment-shared-card.ts.
 */
export async function commitmentCardOf(deps: CommitmentsFeatureDeps, turn: Turn, commitment: Commitment, error?: string) {
  const { services, clock } = deps;
  const { events } = await commitmentService(deps).get(turn.member, commitment.id);
  const ctx = await commitmentViewContext(services, turn.member.allianceId, [commitment], { locale: turn.locale, now: clock.now() });
  const render = renderView(buildCommitmentCard(commitment, ctx, turn.member, events), { locale: turn.locale, ...(error ? { error } : {}) });
  if (render.card && turn.kind !== "personal") render.card = withRefresh(render.card, cardViewData(commitment.id), [turn.activity.from.id]);
  return render;
}

/** The refresh verb of a shared confirm request: answers with the viewer's own card. */
export const COMMITMENT_CONFIRM_VIEW_VERB = "commitment.confirmView";
const confirmViewData = (commitmentId: string): ActionData => ({ verb: COMMITMENT_CONFIRM_VIEW_VERB, commitmentId });

/**
 * After an outcome, the receiving side is asked to confirm in the same conversation. In a group
 * chat or channel everyone sees one card, so it is sent neutral and Teams refreshes it, per
 * viewer, for the receiving side's members there (confirm-request-audience.ts); the reporter
 * never sees Confirm / Dispute of their own report.
 */
export async function askToConfirm(deps: CommitmentsFeatureDeps, context: { turn: Turn; reply: CommandContext["reply"] }, commitment: Commitment): Promise<void> {
  const { services, connector, clock } = deps;
  if (commitment.confirmation !== "pending") return;
  const { turn } = context;
  // In the reporter's own 1:1 chat nobody else would see the question: the receiving side is
  // asked in their 1:1 chats instead, as Slack does by DM.
  if (turn.kind === "personal") return askElsewhere(deps, turn, commitment, { includeThisSpace: true });
  const ctx = await commitmentViewContext(services, turn.member.allianceId, [commitment], { locale: turn.locale, now: clock.now() });
  // Rendered for no particular viewer: the buttons show the actions of the receiving side.
  const beneficiaryView: Actor = {
    memberId: commitment.beneficiary.kind === "member" ? (commitment.beneficiary.memberId ?? "") : "",
    allianceId: commitment.allianceId,
    organizationId: commitment.beneficiary.organizationId,
    role: "member",
  };
  const audience = await confirmAudience(services, connector, turn, commitment);
  const render = renderView(buildConfirmRequest(commitment, ctx, audience.kind === "per-viewer" ? null : beneficiaryView), { locale: turn.locale });
  if (render.card) render.card = withRefresh(render.card, confirmViewData(commitment.id), audience.userIds);
  await context.reply(render);
  await askElsewhere(deps, turn, commitment);
}

/** The confirm request as the member behind `turn` sees it (Teams' refresh of a shared card). */
export async function confirmViewFor(deps: CommitmentsFeatureDeps, turn: Turn, id: string) {
  const { commitment, events } = await commitmentService(deps).get(turn.member, id);
  const ctx = await commitmentViewContext(deps.services, turn.member.allianceId, [commitment], { locale: turn.locale, now: deps.clock.now() });
  const render = renderView(buildConfirmRequest(commitment, ctx, turn.member, events), { locale: turn.locale });
  // Refreshable again by this viewer only: the card is theirs, the shared one stays as sent.
  if (render.card) render.card = withRefresh(render.card, confirmViewData(commitment.id), [turn.activity.from.id]);
  return render;
}

/**
 * The receiving side in another space of the alliance (a linked Slack workspace) is asked on
 * its own platform, through the outbox: the person it was for, or a few of the organisation's.
 * With `includeThisSpace` (an outcome reported in a 1:1 chat) also those of this tenant.
 */
async function askElsewhere({ services, clock }: CommitmentsFeatureDeps, turn: Turn, commitment: Commitment, options: { includeThisSpace?: boolean } = {}): Promise<void> {
  if (!services.notifyMember) return;
  const candidates = await receivingMembers(services, commitment);
  const elsewhere = candidates
    .filter((m) => m !== null && !m.erasedAt && (options.includeThisSpace || m.workspaceId !== turn.member.workspaceId))
    .filter((m) => m!.id !== commitment.ownerMemberId && m!.id !== turn.member.memberId)
    .slice(0, MAX_ELSEWHERE_RECIPIENTS);
  for (const member of elsewhere) {
    const locale = member!.locale ?? turn.locale;
    const ctx = await commitmentViewContext(services, commitment.allianceId, [commitment], { locale, now: clock.now() });
    const view = buildConfirmRequest(commitment, ctx, { memberId: member!.id, allianceId: commitment.allianceId, organizationId: member!.organizationId, role: member!.role });
    await services.notifyMember(member!.id, view, locale, `commitment-confirm:${commitment.id}:${commitment.version}:${member!.id}`);
  }
}
