// Pulse check-in cards, sent as 1:1 messages: one question with a 1–5 scale plus "can't say" and
// an optional comment; once answered it is replaced by the "saved" card (the answer can still
// be changed until the round closes), and the next question follows.
import type { CardElement } from "@microsoft/teams.cards";
import { translate } from "#core/i18n/catalogue.js";
import type { PulseAnsweredView, PulseQuestionView, PulseThankYouView } from "#core/pulse/pulse-views.js";
import { button, card, container, errorText, heading, note, text } from "./card-kit.js";
import type { CardRender } from "./render-types.js";

/** Verbs of the pulse cards. */
export const PULSE_VERBS = { answer: "pulse.answer" } as const;
/** The choice value that means "can't say" (null score). */
export const CANT_SAY = "cantSay";

/** One question. */
export function renderPulseQuestionCard(view: PulseQuestionView, error?: string): CardRender {
  const body: CardElement[] = [];
  if (view.intro) body.push(text(view.intro));
  body.push(
    container([note(`${view.progress} · ${view.pillar}${view.about ? ` · ${view.about}` : ""}`), text(view.prompt, { size: "Medium", weight: "Bolder" })], { style: "emphasis" }),
    {
      type: "Input.ChoiceSet",
      id: "score",
      style: "expanded",
      isRequired: true,
      choices: [...view.options.map((o) => ({ title: `${o.value} · ${o.label}`, value: String(o.value) })), { title: view.cantSayLabel, value: CANT_SAY }],
      ...(view.current ? { value: view.current.score === null ? CANT_SAY : String(view.current.score) } : {}),
    } as CardElement,
    {
      type: "Input.Text",
      id: "comment",
      label: view.comment.label,
      placeholder: view.comment.placeholder,
      maxLength: view.comment.maxLength,
      isMultiline: true,
      ...(view.current?.comment ? { value: view.current.comment } : {}),
    } as CardElement,
    note(view.closesText),
  );
  if (error) body.push(errorText(error));
  const data = { verb: PULSE_VERBS.answer, roundId: view.roundId, itemKey: view.itemKey, target: view.targetOrganizationId };
  return { card: card(body, [button(translate(view.locale, "common.submit"), data, { style: "positive" })]), summary: view.prompt };
}

/** The saved state of a question. */
export function renderPulseAnsweredCard(view: PulseAnsweredView): CardRender {
  return { card: card([text(view.prompt, { weight: "Bolder" }), text(view.text, { color: "Good" })]), summary: view.text };
}

/** The end of a round. */
export function renderPulseThankYouCard(view: PulseThankYouView): CardRender {
  return { card: card([heading("✓"), text(view.text)]), summary: view.text };
}
