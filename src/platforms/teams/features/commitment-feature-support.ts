// What the Teams commitment handlers share: their dependencies, the card of a commitment for the
// member in the turn, and asking the receiving side to confirm an outcome (here and elsewhere).
import type { Commitment } from "#core/commitments/commitment.js";
import type { CommitmentService } from "#core/commitments/commitment-service.js";
import { buildCommitmentCard, buildConfirmRequest } from "#core/commitments/commitment-views.js";
import { DomainError } from "#core/shared/errors.js";
import type { Actor } from "#core/shared/refs.js";
import type { Clock } from "#core/shared/clock.js";
import { renderView } from "../render/render-view.js";
import type { CommandContext } from "../handlers/feature-types.js";
import type { Turn } from "../handlers/turn.js";
import type { TeamsServices } from "../teams-services.js";
import type { TeamsConnector } from "../transport/teams-connector.js";
import { commitmentViewContext } from "./commitment-context.js";

/** How many people of a beneficiary organisation in another space get the confirm request (one is enough to answer). */
const MAX_ELSEWHERE_RECIPIENTS = 5;

export interface CommitmentsFeatureDeps {
  services: TeamsServices;
  connector: TeamsConnector;
  clock: Clock;
}

/** The core service; absent only when the composition root left commitments out. */
export function commitmentService({ services }: CommitmentsFeatureDeps): CommitmentService {
  if (!services.commitments) throw new DomainError("NOT_FOUND", "commitments service not configured");
  return services.commitments;
}

/** The card of `commitment` for the member in `turn`, with an optional error line. */
export async function commitmentCardOf(deps: CommitmentsFeatureDeps, turn: Turn, commitment: Commitment, error?: string) {
  const { services, clock } = deps;
  const { events } = await commitmentService(deps).get(turn.member, commitment.id);
  const ctx = await commitmentViewContext(services, turn.member.allianceId, [commitment], { locale: turn.locale, now: clock.now() });
  return renderView(buildCommitmentCard(commitment, ctx, turn.member, events), { locale: turn.locale, ...(error ? { error } : {}) });
}

/** After an outcome, the receiving side is asked to confirm in the same conversation. */
export async function askToConfirm(deps: CommitmentsFeatureDeps, context: { turn: Turn; reply: CommandContext["reply"] }, commitment: Commitment): Promise<void> {
  const { services, clock } = deps;
  if (commitment.confirmation !== "pending") return;
  const ctx = await commitmentViewContext(services, context.turn.member.allianceId, [commitment], { locale: context.turn.locale, now: clock.now() });
  // Rendered for no particular viewer: the buttons show the actions of the receiving side.
  const beneficiaryView: Actor = {
    memberId: commitment.beneficiary.kind === "member" ? (commitment.beneficiary.memberId ?? "") : "",
    allianceId: commitment.allianceId,
    organizationId: commitment.beneficiary.organizationId,
    role: "member",
  };
  await context.reply(renderView(buildConfirmRequest(commitment, ctx, beneficiaryView), { locale: context.turn.locale }));
  await askElsewhere(deps, context.turn, commitment);
}

/**
 * The receiving side in another space of the alliance (a linked Slack workspace) is asked on
 * its own platform, through the outbox: the person it was for, or a few of the organisation's.
 */
async function askElsewhere({ services, clock }: CommitmentsFeatureDeps, turn: Turn, commitment: Commitment): Promise<void> {
  if (!services.notifyMember) return;
  const b = commitment.beneficiary;
  const candidates =
    b.kind === "member" && b.memberId
      ? [await services.memberRepository.get(b.memberId)]
      : b.organizationId
        ? await services.memberRepository.list(commitment.allianceId, { organizationId: b.organizationId })
        : [];
  const elsewhere = candidates.filter((m) => m !== null && !m.erasedAt && m.workspaceId !== turn.member.workspaceId && m.id !== commitment.ownerMemberId).slice(0, MAX_ELSEWHERE_RECIPIENTS);
  for (const member of elsewhere) {
    const locale = member!.locale ?? turn.locale;
    const ctx = await commitmentViewContext(services, commitment.allianceId, [commitment], { locale, now: clock.now() });
    const view = buildConfirmRequest(commitment, ctx, { memberId: member!.id, allianceId: commitment.allianceId, organizationId: member!.organizationId, role: member!.role });
    await services.notifyMember(member!.id, view, locale, `commitment-confirm:${commitment.id}:${commitment.version}:${member!.id}`);
  }
}
