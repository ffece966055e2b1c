// The culture assessment (Competing Values Framework) as a modal: per aspect its four
// statements, then 100 points to divide for "now" and for "preferred". Block ids are
// "culture.<view>.<aspect>.<quadrant>", so a split that does not add up to 100 is reported under
// that aspect's first field via response_action errors. The result is a message.
import type { types } from "@slack/bolt";
import type { CultureAssessmentFormView, CultureResultView } from "#core/culture-fit/culture-fit-views.js";
import { MODAL } from "../ids.js";
import type { SlackMessage } from "../transport/slack-messenger.js";
import { context, divider, header, modal, option, plain, sections, type Block } from "./blocks.js";
import { BLOCK_KIT, escapeMrkdwn, truncate } from "./limits.js";
import { toMessages } from "./message.js";

const LETTERS = ["A", "B", "C", "D"];

/** The block id of one points field. */
export const cultureBlockId = (view: string, aspect: string, quadrant: string): string => `culture.${view}.${aspect}.${quadrant}`;
/** The block id of one "dealing with differences" item. */
export const cultureDifferenceBlockId = (item: string): string => `culture.diff.${item}`;

/** The assessment modal. */
export function renderCultureModal(view: CultureAssessmentFormView, privateMetadata: string): types.ModalView {
  const blocks: types.KnownBlock[] = [...sections(escapeMrkdwn(view.intro))];
  for (const aspect of view.aspects) {
    blocks.push(header(aspect.title));
    blocks.push(...sections(aspect.statements.map((s, i) => `*${LETTERS[i]}.* ${escapeMrkdwn(s.text)}`).join("\n")));
    for (const { view: cultureView, label } of view.views) {
      aspect.statements.forEach((statement, i) => {
        const value = aspect.values[cultureView][statement.quadrant];
        blocks.push({
          type: "input",
          block_id: cultureBlockId(cultureView, aspect.aspect, statement.quadrant),
          label: plain(`${label} · ${LETTERS[i]}. ${truncate(statement.text, 60)}`, BLOCK_KIT.inputLabel),
          element: {
            type: "number_input",
            action_id: "value",
            is_decimal_allowed: false,
            min_value: "0",
            max_value: "100",
            ...(value !== null ? { initial_value: String(value) } : {}),
          },
        });
      });
    }
  }
  blocks.push(header(view.differences.title));
  blocks.push(context([escapeMrkdwn(view.differences.hint)]));
  const scale = [...["1", "2", "3", "4", "5"].map((v) => option(v, v)), option(view.differences.cantSayLabel, "x")];
  for (const item of view.differences.items) {
    const initial = item.value === null ? scale.at(-1) : item.value === undefined ? undefined : scale.find((o) => o.value === String(item.value));
    blocks.push({
      type: "input",
      block_id: cultureDifferenceBlockId(item.item),
      optional: true,
      label: plain(item.text, BLOCK_KIT.inputLabel),
      element: { type: "static_select", action_id: "value", options: scale, ...(initial ? { initial_option: initial } : {}) },
    });
  }
  return modal(MODAL.culture, { title: view.title, submit: view.submitLabel }, privateMetadata, blocks);
}

/** The in-place errors of a form view: each aspect's problem under its first field. */
export function cultureModalErrors(view: CultureAssessmentFormView): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const aspect of view.aspects) {
    for (const { view: cultureView } of view.views) {
      const error = aspect.errors[cultureView];
      const first = aspect.statements[0];
      if (error && first) errors[cultureBlockId(cultureView, aspect.aspect, first.quadrant)] = error;
    }
  }
  return errors;
}

/** The culture-fit result. */
export function renderCultureResult(view: CultureResultView): SlackMessage[] {
  if (view.emptyText) return toMessages(view.title, [header(view.title), ...sections(escapeMrkdwn(view.emptyText))]);
  const blocks: Block[] = [header(view.title)];
  for (const org of view.organizations) {
    blocks.push(...sections(`*${escapeMrkdwn(org.name)}*\n${escapeMrkdwn(org.hiddenText ?? org.lines.join("\n"))}`));
  }
  if (view.differenceLines.length) blocks.push(divider(), ...sections(view.differenceLines.map(escapeMrkdwn).join("\n")));
  if (view.maturityText) blocks.push(context([escapeMrkdwn(view.maturityText)]));
  return toMessages(view.title, blocks);
}
