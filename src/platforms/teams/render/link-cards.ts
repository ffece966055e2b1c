// The confirmation before this Teams organisation joins an alliance, as an Adaptive Card.
import type { LinkConfirmView } from "../../../core/alliance/space-link-views.js";
import { ALLIANCE_VERBS } from "./alliance-cards.js";
import { button, card, heading, text } from "./card-kit.js";
import type { CardRender } from "./render-types.js";

/** Names the alliance, its partners and spaces; the confirm button carries the code back. */
export function renderLinkConfirmCard(view: LinkConfirmView): CardRender {
  return {
    card: card(
      [heading(view.title), text(view.text)],
      [
        button(view.confirmLabel, { verb: ALLIANCE_VERBS.linkConfirm, code: view.code }, { style: "positive" }),
        button(view.cancelLabel, { verb: ALLIANCE_VERBS.linkCancel }),
      ],
    ),
    summary: view.title,
  };
}
