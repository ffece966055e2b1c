// The "new poll" modal that `/poll` alone opens: templates first (the brief's question is the
// default), or a question and options of one's own, plus the same settings as the command flags.
import type { types } from "@slack/bolt";
import { translator, type Translator } from "#core/i18n/catalogue.js";
import type { PollDraftFields } from "#core/polls/poll-command.js";
import { POLL_LIMITS } from "#core/polls/poll.js";
import { POLL_TEMPLATES } from "#core/polls/poll-templates.js";
import type { Locale } from "#core/shared/refs.js";
import { describeSpaces, type AlliancePollTarget } from "#core/polls/alliance-poll-relay.js";
import { MODAL } from "../../ids.js";
import { checkedValues, inputValue } from "../../payloads.js";
import { inputBlock, modal, option, plain, textInput } from "../../render/blocks.js";
import { BLOCK_KIT } from "../../render/limits.js";

/** Block ids of the modal's inputs (also where errors are shown). */
export const POLL_BLOCK = {
  template: "poll.template",
  question: "poll.question",
  options: "poll.options",
  anonymous: "poll.anonymous",
  mode: "poll.mode",
  maxChoices: "poll.maxChoices",
  visibility: "poll.visibility",
  closes: "poll.closes",
  recurrence: "poll.recurrence",
  forAlliance: "poll.forAlliance",
} as const;

const NO_TEMPLATE = "__none";

/**
 * The modal, in `locale`; `channel` is where the poll will be posted. `otherSpaces` are the
 * alliance channels of the alliance's other spaces: when there are any, the modal offers to post
 * the poll there too (an alliance poll); otherwise the option would do nothing and is left out.
 */
export function buildPollModal(locale: Locale, channel: string, otherSpaces: readonly AlliancePollTarget[] = []): types.ModalView {
  const t = translator(locale);
  const everySpace = option(t("polls.create.forAlliance"), "yes");
  const templates = [
    ...POLL_TEMPLATES.map((tpl) => option(tpl.question[locale], tpl.key)),
    option(t("slack.poll.modal.templateNone"), NO_TEMPLATE),
  ];
  const visibilities = (["live", "after_close", "steering"] as const).map((v) => option(t(`polls.flag.visibility.${v}`), v));
  const modes = [option(t("polls.create.mode.single"), "single"), option(t("polls.create.mode.multiple"), "multiple")];
  const anonymous = option(t("slack.poll.modal.anonymousYes"), "yes");
  return modal(MODAL.pollCreate, { title: t("polls.create.title"), submit: t("common.submit"), close: t("common.cancel") }, JSON.stringify({ c: channel }), [
    inputBlock(POLL_BLOCK.template, t("polls.create.template"), { type: "static_select", action_id: "value", options: templates, ...(templates[0] ? { initial_option: templates[0] } : {}) }, {
      hint: t("slack.poll.modal.optionsFromTemplate"),
    }),
    inputBlock(POLL_BLOCK.question, t("polls.create.question"), textInput({ max: POLL_LIMITS.questionMaxLength }), { optional: true }),
    inputBlock(POLL_BLOCK.options, t("polls.create.options"), { type: "plain_text_input", action_id: "value", multiline: true, placeholder: plain(t("slack.poll.modal.optionsPlaceholder"), BLOCK_KIT.placeholder) }, { optional: true }),
    inputBlock(POLL_BLOCK.anonymous, t("polls.create.anonymous"), { type: "checkboxes", action_id: "value", options: [anonymous], initial_options: [anonymous] }, { optional: true }),
    inputBlock(POLL_BLOCK.mode, t("polls.create.mode"), { type: "static_select", action_id: "value", options: modes, ...(modes[0] ? { initial_option: modes[0] } : {}) }),
    inputBlock(POLL_BLOCK.maxChoices, t("polls.create.maxChoices"), { type: "number_input", action_id: "value", is_decimal_allowed: false, min_value: "1", max_value: String(POLL_LIMITS.maxOptions) }, { optional: true }),
    inputBlock(POLL_BLOCK.visibility, t("polls.create.visibility"), { type: "static_select", action_id: "value", options: visibilities, ...(visibilities[0] ? { initial_option: visibilities[0] } : {}) }),
    inputBlock(POLL_BLOCK.closes, t("polls.create.closesAt"), textInput({ max: 100 }), { optional: true, hint: t("slack.poll.modal.closesHint") }),
    inputBlock(POLL_BLOCK.recurrence, t("polls.create.recurrence"), textInput({ max: 100 }), { optional: true, hint: t("slack.poll.modal.recurrenceHint") }),
    ...(otherSpaces.length > 0
      ? [
          inputBlock(POLL_BLOCK.forAlliance, t("polls.create.forAlliance"), { type: "checkboxes", action_id: "value", options: [everySpace] }, {
            optional: true,
            hint: t("polls.create.forAllianceHint", { count: otherSpaces.length, spaces: describeSpaces(otherSpaces) }),
          }),
        ]
      : []),
  ]);
}

/** What the modal's fields say, before the service validates anything. */
export interface PollModalInput extends PollDraftFields {
  templateKey: string | null;
  /** Also post it into every linked space's alliance channel. */
  forAlliance: boolean;
  closesText: string | null;
  recurrenceText: string | null;
}

/** Reads the submitted values. */
export function readPollModal(values: Record<string, Record<string, unknown>>): PollModalInput {
  const text = (block: string) => inputValue(values, block)?.trim() ?? "";
  const template = inputValue(values, POLL_BLOCK.template);
  const visibility = inputValue(values, POLL_BLOCK.visibility);
  const max = Number(inputValue(values, POLL_BLOCK.maxChoices));
  return {
    templateKey: template && template !== NO_TEMPLATE ? template : null,
    forAlliance: checkedValues(values, POLL_BLOCK.forAlliance).includes("yes"),
    question: text(POLL_BLOCK.question),
    options: text(POLL_BLOCK.options).split("\n").map((line) => line.replace(/^[-*•]\s*/, "").trim()).filter(Boolean),
    anonymous: checkedValues(values, POLL_BLOCK.anonymous).includes("yes"),
    mode: inputValue(values, POLL_BLOCK.mode) === "multiple" ? "multiple" : "single",
    maxChoices: Number.isInteger(max) && max > 0 ? max : undefined,
    visibility: visibility === "after_close" || visibility === "steering" ? visibility : "live",
    closesText: text(POLL_BLOCK.closes) || null,
    recurrenceText: text(POLL_BLOCK.recurrence).replace(/^(every|each|elke|iedere)\s+/i, "") || null,
  };
}

/** The block where a poll error code belongs. */
export function pollErrorBlock(code: string): string {
  if (code === "POLL_INVALID_QUESTION") return POLL_BLOCK.question;
  if (["POLL_TOO_FEW_OPTIONS", "POLL_TOO_MANY_OPTIONS", "POLL_DUPLICATE_OPTION", "POLL_INVALID_OPTION"].includes(code)) return POLL_BLOCK.options;
  if (code === "POLL_INVALID_MAX_CHOICES" || code === "POLL_TOO_MANY_CHOICES") return POLL_BLOCK.maxChoices;
  if (code.startsWith("POLL_DEADLINE") || code === "INVALID_INPUT") return POLL_BLOCK.closes;
  if (code === "POLL_INVALID_RECURRENCE") return POLL_BLOCK.recurrence;
  if (code === "POLL_UNKNOWN_TEMPLATE") return POLL_BLOCK.template;
  return POLL_BLOCK.question;
}

export type { Translator };
