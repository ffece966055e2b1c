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
    const userIds = await commitmentCardAudience(services, connector, turn, commitment, { ctx, events });
    render.card = withRefresh(render.card, cardViewData(commitment.id), userIds);
  }
  return render;
}

/** The card of commitment `id` as the member behind `turn` sees it (Teams' refresh of a shared card). */
export async function commitmentCardViewFor(deps: CommitmentsFeatureDeps, turn: Turn, id: string) {
  const { commitment } = await commitmentService(deps).get(turn.member, id);
  return commitmentCardOf(deps, turn, commitment);
}
