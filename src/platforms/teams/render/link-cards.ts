// The confirmation before this Teams organisation joins an alliance, as an Adaptive Card.
import type { LinkConfirmView } from "#core/alliance/space-link-views.js";
import { mergeInputId, type LinkMergeView } from "#core/alliance/space-merge-views.js";
import { ALLIANCE_VERBS } from "./alliance-cards.js";
import type { CardElement } from "@microsoft/teams.cards";
import { confirmationCard } from "./confirmation-card.js";
import type { CardRender } from "./render-types.js";

/** Names the alliance, its partners and spaces; the confirm button carries the code back. */
export function renderLinkConfirmCard(view: LinkConfirmView): CardRender {
  return confirmationCard(view, { confirm: { verb: ALLIANCE_VERBS.linkConfirm, code: view.code }, confirmStyle: "positive", cancel: { verb: ALLIANCE_VERBS.linkCancel } });
}

/**
 * The merge: one ChoiceSet per organisation of the joining alliance (a partner of the alliance,
 * or "new"), proposed by name and required; the merge button submits them with the code.
 */
export function renderLinkMergeCard(view: LinkMergeView): CardRender {
  const rows = view.rows.map(
    (row) =>
      ({
        type: "Input.ChoiceSet",
        id: mergeInputId(row.organizationId),
        label: row.label,
        style: "compact",
        isRequired: true,
        value: row.initial,
        choices: view.choices.map((c) => ({ title: c.label, value: c.value })),
      }) as CardElement,
  );
  return confirmationCard(view, { confirm: { verb: ALLIANCE_VERBS.linkMerge, code: view.code }, confirmStyle: "positive", cancel: { verb: ALLIANCE_VERBS.linkCancel }, inputs: rows });
}
