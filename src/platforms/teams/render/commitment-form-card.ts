// The "new agreement" form, shown when "commit …" lacked a date, a beneficiary or a clear text:
// pre-filled with what the bot understood, with the problems spelled out above the fields.
import type { CardElement } from "@microsoft/teams.cards";
import type { CommandProblem, CommitmentDraft, DraftField } from "#core/commitments/commit-command.js";
import { COMMITMENT_LIMITS } from "#core/commitments/commitment.js";
import { translate, type MessageParams } from "#core/i18n/catalogue.js";
import type { Locale } from "#core/shared/refs.js";
import { button, card, errorText, heading, note } from "./card-kit.js";
import type { CardRender } from "./render-types.js";

/** Longest due-date phrase the form takes. */
export const DUE_TEXT_MAX = 100;

/** A pre-filled value cut to its field's maxLength (longer text is refused in chat before a form opens). */
const within = (value: string, max: number): string => Array.from(value).slice(0, max).join("");

/** The verb of the form's submit button. */
export const COMMITMENT_FORM_VERB = "commitment.create";

/** A command problem in words. */
export function commandProblemText(locale: Locale, problem: CommandProblem): string {
  const { code, ...params } = problem;
  return translate(locale, `commitments.problem.${code}`, params as MessageParams);
}

/** The form, pre-filled from the draft. */
export function renderCommitmentCreateForm(options: {
  locale: Locale;
  draft: CommitmentDraft;
  missing: readonly DraftField[];
  problems: readonly CommandProblem[];
  organizations: ReadonlyArray<{ id: string; name: string }>;
}): CardRender {
  const { locale, draft } = options;
  const t = (key: Parameters<typeof translate>[1], params?: MessageParams) => translate(locale, key, params);
  const body: CardElement[] = [heading(t("commitments.form.title"))];
  if (options.organizations.length === 0) {
    // Before setup the required "For" list would be empty and Save would silently do nothing.
    const text = t("commitments.form.noOrganizations", { setup: `**${t("teams.command.setup")}**` });
    return { card: card([...body, errorText(text)]), summary: t("commitments.form.title") };
  }
  if (options.missing.length > 0) {
    body.push(note(t("commitments.needsMore", { fields: options.missing.map((field) => t(`commitments.missing.${field}`)).join(", ") })));
  }
  for (const problem of options.problems) body.push(errorText(commandProblemText(locale, problem)));
  const beneficiaryOrg = draft.beneficiary?.organizationId ?? undefined;
  body.push(
    { type: "Input.Text", id: "text", label: t("commitments.form.text"), isRequired: true, maxLength: COMMITMENT_LIMITS.textMax, ...(draft.text ? { value: within(draft.text, COMMITMENT_LIMITS.textMax) } : {}) } as CardElement,
    {
      type: "Input.ChoiceSet",
      id: "beneficiary",
      label: t("commitments.form.beneficiary"),
      style: "compact",
      isRequired: true,
      choices: options.organizations.map((o) => ({ title: o.name, value: o.id })),
      ...(beneficiaryOrg ? { value: beneficiaryOrg } : {}),
    } as CardElement,
    { type: "Input.Text", id: "due", label: t("commitments.form.due"), placeholder: t("commitments.form.dueHint"), maxLength: DUE_TEXT_MAX, ...(draft.dueText ? { value: within(draft.dueText, DUE_TEXT_MAX) } : {}) } as CardElement,
    { type: "Input.Text", id: "definitionOfDone", label: t("commitments.form.definitionOfDone"), isMultiline: true, maxLength: COMMITMENT_LIMITS.definitionOfDoneMax } as CardElement,
  );
  return { card: card(body, [button(t("common.save"), { verb: COMMITMENT_FORM_VERB }, { style: "positive" })]), summary: t("commitments.form.title") };
}
