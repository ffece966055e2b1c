// The shape every "are you sure?" card shares (forget me, join an alliance, merge alliances): a
// heading, the question, optional inputs, then a confirm button and a cancel button.
import type { CardElement } from "@microsoft/teams.cards";
import { button, card, heading, text, type ActionData } from "./card-kit.js";
import type { CardRender } from "./render-types.js";

export interface ConfirmationCopy {
  title: string;
  text: string;
  confirmLabel: string;
  cancelLabel: string;
}

export interface ConfirmationActions {
  confirm: ActionData;
  /** Destructive for what cannot be undone (forgetting a member), positive otherwise. */
  confirmStyle: "positive" | "destructive";
  cancel: ActionData;
  /** Inputs between the question and the buttons; their values are submitted with `confirm`. */
  inputs?: CardElement[];
}

export function confirmationCard(copy: ConfirmationCopy, actions: ConfirmationActions): CardRender {
  return {
    card: card(
      [heading(copy.title), text(copy.text), ...(actions.inputs ?? [])],
      [button(copy.confirmLabel, actions.confirm, { style: actions.confirmStyle }), button(copy.cancelLabel, actions.cancel)],
    ),
    summary: copy.title,
  };
}
