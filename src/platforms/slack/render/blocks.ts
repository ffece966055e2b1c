// Small Block Kit builders that apply the limits in one place, so feature renderers never build
// a section longer than 3000 characters or a button text longer than 75.
import type { types } from "@slack/bolt";
import { BLOCK_KIT, splitText, truncate } from "./limits.js";

/** A block as the renderers build it. */
export type Block = types.KnownBlock;
/** A button element. */
export type ButtonElement = types.Button;
/** An option of a select. */
export type SelectOption = types.PlainTextOption;

/** A plain_text object, truncated to `max`. */
export function plain(text: string, max: number = BLOCK_KIT.sectionText): types.PlainTextElement {
  return { type: "plain_text", text: truncate(text || " ", max), emoji: true };
}

/** mrkdwn section(s): one block per 3000 characters, split at paragraph or line breaks. */
export function sections(text: string, blockId?: string): types.SectionBlock[] {
  return splitText(text, BLOCK_KIT.sectionText).map((piece, i) => ({
    type: "section",
    text: { type: "mrkdwn", text: piece },
    ...(blockId ? { block_id: i === 0 ? blockId : `${blockId}.${i}` } : {}),
  }));
}

/** One mrkdwn section with an accessory (text truncated, since an accessory cannot be split off). */
export function sectionWith(text: string, accessory: types.SectionBlock["accessory"], blockId?: string): types.SectionBlock {
  return {
    type: "section",
    text: { type: "mrkdwn", text: truncate(text || " ", BLOCK_KIT.sectionText) },
    ...(accessory ? { accessory } : {}),
    ...(blockId ? { block_id: blockId } : {}),
  };
}

/**
 * A plain_text_input of at most `max` characters. A pre-filled value longer than that is cut to
 * fit: Slack refuses the whole modal otherwise (the member saw "Something went wrong"). Callers
 * that must not shorten what a member typed refuse over-long input before they get here.
 */
export function textInput(options: { max: number; initial?: string | null | undefined; multiline?: boolean; placeholder?: string }): types.PlainTextInput {
  const max = Math.min(options.max, BLOCK_KIT.inputValue);
  return {
    type: "plain_text_input",
    action_id: "value",
    max_length: max,
    ...(options.multiline ? { multiline: true } : {}),
    ...(options.initial ? { initial_value: Array.from(options.initial).slice(0, max).join("") } : {}),
    ...(options.placeholder ? { placeholder: plain(options.placeholder, BLOCK_KIT.placeholder) } : {}),
  };
}

/** An input block; `optional` and `hint` only when given, as Slack defaults them. */
export function inputBlock(blockId: string, label: string, element: types.InputBlock["element"], options: { optional?: boolean; hint?: string | undefined } = {}): types.InputBlock {
  return {
    type: "input",
    block_id: blockId,
    ...(options.optional !== undefined ? { optional: options.optional } : {}),
    label: plain(label, BLOCK_KIT.inputLabel),
    element,
    ...(options.hint ? { hint: plain(options.hint, BLOCK_KIT.inputHint) } : {}),
  };
}

/** A modal with its title and button texts cut to Slack's limits; no close button unless named. */
export function modal(callbackId: string, labels: { title: string; submit: string; close?: string }, privateMetadata: string, blocks: types.KnownBlock[]): types.ModalView {
  return {
    type: "modal",
    callback_id: callbackId,
    title: plain(labels.title, BLOCK_KIT.modalTitle),
    submit: plain(labels.submit, BLOCK_KIT.modalButton),
    ...(labels.close !== undefined ? { close: plain(labels.close, BLOCK_KIT.modalButton) } : {}),
    private_metadata: privateMetadata,
    blocks,
  };
}

/** A header block (plain text, 150 characters). */
export function header(text: string): types.HeaderBlock {
  return { type: "header", text: plain(text, BLOCK_KIT.headerText) };
}

/** A context block of mrkdwn lines (at most 10 elements). */
export function context(lines: readonly string[]): types.ContextBlock {
  const elements = lines.filter(Boolean).slice(0, BLOCK_KIT.contextElements);
  return { type: "context", elements: (elements.length ? elements : [" "]).map((text) => ({ type: "mrkdwn", text: truncate(text, BLOCK_KIT.sectionText) })) };
}

/** A divider. */
export const divider = (): types.DividerBlock => ({ type: "divider" });

/** A button; text ≤ 75 characters, value ≤ 2000 (a longer value is a bug, so it throws). */
export function button(text: string, actionId: string, value: string, style?: "primary" | "danger"): ButtonElement {
  if (value.length > BLOCK_KIT.buttonValue) throw new Error(`button value for ${actionId} exceeds ${BLOCK_KIT.buttonValue} characters`);
  return { type: "button", text: plain(text, BLOCK_KIT.buttonText), action_id: actionId, value, ...(style ? { style } : {}) };
}

/** Actions blocks holding `elements`, 25 per block. */
export function actions(elements: readonly types.ActionsBlockElement[], blockId?: string): types.ActionsBlock[] {
  const blocks: types.ActionsBlock[] = [];
  for (let i = 0; i < elements.length; i += BLOCK_KIT.actionsElements) {
    const index = i / BLOCK_KIT.actionsElements;
    blocks.push({
      type: "actions",
      elements: elements.slice(i, i + BLOCK_KIT.actionsElements),
      ...(blockId ? { block_id: index === 0 ? blockId : `${blockId}.${index}` } : {}),
    });
  }
  return blocks;
}

/** An option for selects: text ≤ 75, value ≤ 150. */
export function option(text: string, value: string): SelectOption {
  if (value.length > BLOCK_KIT.optionValue) throw new Error(`option value exceeds ${BLOCK_KIT.optionValue} characters`);
  return { text: plain(text, BLOCK_KIT.optionText), value };
}

/** The characters of visible text a block carries (for the per-message text budget). */
export function blockTextLength(block: Block): number {
  let total = 0;
  const visit = (value: unknown, key: string): void => {
    if (typeof value === "string") {
      if (key === "text") total += value.length;
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item, key);
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) visit(v, k);
    }
  };
  visit(block, "");
  return total;
}
