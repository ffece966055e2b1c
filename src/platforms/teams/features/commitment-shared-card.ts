// The commitment card the bot posts in a chat (after `commit …`, `commit kept 3` and the like).
// In a 1:1 chat it is the member's own card. In a group chat or channel everyone sees the one
// card, so it carries no buttons at all: Teams refreshes it (Universal Actions, `refresh.userIds`)
// for the people who may act on it now, each getting their own buttons; anyone else keeps the
// neutral card. A client that shows an old card with buttons still meets the core's checks.
import type { Commitment } from "#core/commitments/commitment.js";
import { buildCommitmentCard } from "#core/commitments/commitment-views.js";
import type { Turn } from "../handlers/turn.js";
import { withRefresh } from "../render/card-kit.js";
import { renderView } from "../render/render-view.js";
import { toMessage } from "../render/to-message.js";
import { IN_TURN_POLICY } from "../transport/send-queue.js";
import { commitmentCardAudience } from "./commitment-card-audience.js";
import { commitmentViewContext } from "./commitment-context.js";
import { cardViewData, commitmentCardOf, commitmentService, type CommitmentsFeatureDeps } from "./commitment-feature-support.js";

/** The card of `commitment` to post in `turn`'s chat, with an optional error line. */
export async function sharedCommitmentCard(deps: CommitmentsFeatureDeps, turn: Turn, commitment: Commitment, error?: string) {
  if (turn.kind === "personal") return commitmentCardOf(deps, turn, commitment, error);
  const { services, connector, clock } = deps;
  const { events } = await commitmentService(deps).get(turn.member, commitment.id);
  const ctx = await commitmentViewContext(services, turn.member.allianceId, [commitment], { locale: turn.locale, now: clock.now() });
  const render = renderView(buildCommitmentCard(commitment, ctx, null, events), { locale: turn.locale, ...(error ? { error } : {}) });
  if (render.card) {
    const userIds = await commitmentCardAudience(services, connector, turn, commitment, { ctx, events }, deps.logger);
    render.card = withRefresh(render.card, cardViewData(commitment.id), userIds);
  }
  return render;
}

/** The card of commitment `id` as the member behind `turn` sees it (Teams' refresh of a shared card). */
export async function commitmentCardViewFor(deps: CommitmentsFeatureDeps, turn: Turn, id: string) {
  const { commitment } = await commitmentService(deps).get(turn.member, id);
  return commitmentCardOf(deps, turn, commitment);
}

/**
 * After a button press in a group chat or channel, the card everyone sees follows the change (a
 * button's answer replaces the card for the person who pressed it only): without buttons again,
 * refreshed for whoever may act now (after Kept: the receiving side, to confirm). The change
 * itself has succeeded, so a failed update is logged and the presser still gets their card.
 */
export async function updateSharedCommitmentCard(deps: CommitmentsFeatureDeps, turn: Turn, cardActivityId: string | null, commitment: Commitment): Promise<void> {
  // An Action.Submit press (a client without Universal Actions) has its card updated by the
  // dispatcher already; only an Action.Execute invoke leaves the shared card as it was.
  if (turn.kind === "personal" || !cardActivityId || turn.activity.type !== "invoke") return;
  try {
    const render = await sharedCommitmentCard(deps, turn, commitment);
    await deps.connector.update(turn.target, cardActivityId, toMessage(render), IN_TURN_POLICY);
  } catch (error) {
    deps.logger?.warn({ err: error, commitmentId: commitment.id }, "could not update the shared commitment card after a button press");
  }
}
