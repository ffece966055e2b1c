// "poll" without arguments: a form to start from a template (the brief's question first) or to
// write one's own poll, with the same settings as the command's flags.
import type { CardElement } from "@microsoft/teams.cards";
import { translate } from "#core/i18n/catalogue.js";
import { POLL_TEMPLATES } from "#core/polls/poll-templates.js";
import type { Locale } from "#core/shared/refs.js";
import { describeSpaces, type AlliancePollTarget } from "#core/polls/alliance-poll-relay.js";
import { button, card, errorText, heading, note } from "./card-kit.js";
import type { CardRender } from "./render-types.js";

/** The verb of the form's button. */
export const POLL_FORM_VERB = "poll.create";
/** The template choice meaning "my own question below". */
export const CUSTOM_TEMPLATE = "custom";

/**
 * The new-poll form; `error` shows a problem from the previous submit in place. `otherSpaces`
 * are the alliance channels of the alliance's other spaces: when there are any, the form offers
 * to post the poll there too (an alliance poll); otherwise the switch would do nothing.
 */
export function renderPollForm(locale: Locale, error?: string, otherSpaces: readonly AlliancePollTarget[] = []): CardRender {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(locale, key, params);
  const body: CardElement[] = [
    heading(t("polls.create.title")),
    {
      type: "Input.ChoiceSet",
      id: "template",
      label: t("polls.create.template"),
      // The templates are whole questions: a dropdown cut them off, so they are listed, wrapped.
      style: "expanded",
      wrap: true,
      value: POLL_TEMPLATES[0]?.key ?? CUSTOM_TEMPLATE,
      choices: [...POLL_TEMPLATES.map((tpl) => ({ title: tpl.question[locale], value: tpl.key })), { title: t("teams.poll.customTemplate"), value: CUSTOM_TEMPLATE }],
    } as CardElement,
    note(t("teams.poll.customHint")),
    { type: "Input.Text", id: "question", label: t("polls.create.question"), maxLength: 300 } as CardElement,
    { type: "Input.Text", id: "options", label: t("polls.create.options"), isMultiline: true, maxLength: 1000 } as CardElement,
    {
      type: "Input.ChoiceSet",
      id: "mode",
      label: t("polls.create.mode"),
      style: "compact",
      value: "single",
      choices: [
        { title: t("polls.create.mode.single"), value: "single" },
        { title: t("polls.create.mode.multiple"), value: "multiple" },
      ],
    } as CardElement,
    { type: "Input.Toggle", id: "anonymous", title: t("polls.create.anonymous"), value: "true" } as CardElement,
    {
      type: "Input.ChoiceSet",
      id: "visibility",
      label: t("polls.create.visibility"),
      style: "compact",
      value: "live",
      choices: (["live", "after_close", "steering"] as const).map((v) => ({ title: t(`polls.flag.visibility.${v}`), value: v })),
    } as CardElement,
    { type: "Input.Text", id: "closes", label: t("polls.create.closesAt"), placeholder: t("commitments.form.dueHint"), maxLength: 100 } as CardElement,
  ];
  if (otherSpaces.length > 0) {
    body.push({ type: "Input.Toggle", id: "forAlliance", title: t("polls.create.forAlliance"), value: "false" } as CardElement);
    body.push(note(t("polls.create.forAllianceHint", { count: otherSpaces.length, spaces: describeSpaces(otherSpaces) })));
  }
  if (error) body.push(errorText(error));
  return { card: card(body, [button(t("common.submit"), { verb: POLL_FORM_VERB }, { style: "positive" })]), summary: t("polls.create.title") };
}
