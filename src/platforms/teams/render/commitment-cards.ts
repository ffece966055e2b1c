// Commitments as cards: one agreement (fields + only the buttons this viewer may press), a list,
// the "kept?" check-in and the confirm/dispute request. Buttons that need more input (a new date,
// a reason) open an inline form with Action.ShowCard instead of a dialog.
import type { Action, CardElement } from "@microsoft/teams.cards";
import { translator } from "#core/i18n/catalogue.js";
import type { Locale } from "#core/shared/refs.js";
import {
  COMMITMENT_ACTION_IDS,
  type CommitmentButtonView,
  type CommitmentCardView,
  type CommitmentCheckInView,
  type CommitmentConfirmRequestView,
  type CommitmentListView,
} from "#core/commitments/commitment-views.js";
import { button, card, container, errorText, facts, heading, note, text } from "./card-kit.js";
import type { CardRender } from "./render-types.js";

function formFor(b: CommitmentButtonView, locale: Locale): CardElement[] {
  const t = translator(locale);
  const reason = (required: boolean): CardElement =>
    ({ type: "Input.Text", id: "reason", label: t("commitments.form.reason"), isMultiline: true, maxLength: 500, isRequired: required }) as CardElement;
  switch (b.actionId) {
    case COMMITMENT_ACTION_IDS.renegotiate:
      return [{ type: "Input.Date", id: "dueDate", label: t("commitments.form.due"), isRequired: true } as CardElement, reason(false)];
    case COMMITMENT_ACTION_IDS.resolve:
      return [
        {
          type: "Input.ChoiceSet",
          id: "outcome",
          style: "expanded",
          isRequired: true,
          choices: [
            { title: t("commitments.action.kept"), value: "kept" },
            { title: t("commitments.action.late"), value: "kept_late" },
            { title: t("commitments.action.broken"), value: "broken" },
          ],
        } as CardElement,
        reason(false),
      ];
    case COMMITMENT_ACTION_IDS.dispute:
      return [reason(true)];
    default:
      return [reason(false)];
  }
}

function actionFor(b: CommitmentButtonView, locale: Locale): Action {
  const data = { verb: b.actionId, commitmentId: b.value };
  const style = b.style === "primary" ? "positive" : b.style === "danger" ? "destructive" : undefined;
  if (!b.opensForm) return button(b.label, data, style ? { style } : {});
  const t = translator(locale);
  return {
    type: "Action.ShowCard",
    title: b.label,
    card: card(formFor(b, locale), [button(t("common.submit"), data, style ? { style } : {})]),
  } as Action;
}

/** The elements of one agreement, reused by the check-in and confirm request. */
function commitmentBody(view: CommitmentCardView): CardElement[] {
  const body: CardElement[] = [
    container([text(view.title, { size: "Medium", weight: "Bolder" }), note(view.statusText)], { style: view.overdue ? "attention" : "emphasis" }),
    facts(view.fields.map((f) => [f.label, f.value])),
  ];
  if (view.confirmationText) body.push(note(view.confirmationText));
  if (view.disputeText) body.push(text(view.disputeText, { color: "Warning" }));
  return body;
}

/** One agreement with the viewer's buttons. */
export function renderCommitmentCard(view: CommitmentCardView, locale: Locale, error?: string): CardRender {
  const body = commitmentBody(view);
  if (error) body.push(errorText(error));
  return { card: card(body, view.actions.map((b) => actionFor(b, locale))), summary: view.title };
}

/** A list of agreements (text lines; the numbers work with "commit kept 12"). */
export function renderCommitmentList(view: CommitmentListView): CardRender {
  const body: CardElement[] = [heading(view.title)];
  if (view.emptyText) body.push(text(view.emptyText));
  for (const item of view.items) {
    body.push(
      container([text(item.line, item.overdue ? { color: "Attention" } : {}), note(item.statusText)], { separator: true }),
    );
  }
  return { card: card(body), summary: view.title };
}

/** The reminder / "kept?" question with the agreement below it. */
export function renderCommitmentCheckIn(view: CommitmentCheckInView, locale: Locale): CardRender {
  const inner = renderCommitmentCard(view.card, locale);
  const body = [text(view.text, { weight: "Bolder" }), ...commitmentBody(view.card)];
  return { card: card(body, (inner.card?.actions as Action[] | undefined) ?? []), summary: view.text };
}

/** "Please confirm or dispute" to the receiving side. */
export function renderCommitmentConfirmRequest(view: CommitmentConfirmRequestView, locale: Locale): CardRender {
  const inner = renderCommitmentCard(view.card, locale);
  const body = [text(view.text, { weight: "Bolder" }), ...commitmentBody(view.card)];
  return { card: card(body, (inner.card?.actions as Action[] | undefined) ?? []), summary: view.text };
}
