// The alliance setup as a Slack modal. Block ids are the setup form's field paths
// ("organizations.1.name", "summary.hour"), so the core's per-field errors map straight onto
// response_action: "errors" and appear under the field that is wrong.
import type { types } from "@slack/bolt";
import type { Choice, SetupFormView } from "#core/alliance/alliance-views.js";
import { MODAL } from "../ids.js";
import { header, modal, option, plain, textInput } from "./blocks.js";
import { BLOCK_KIT, escapeMrkdwn } from "./limits.js";

/** Most organisation rows the modal offers (the setup allows 10). */
export const MAX_ORGANIZATION_ROWS = 10;

/** How many organisation rows to show: the existing ones plus one empty row, at least two. */
export function organizationRowCount(existing: number): number {
  return Math.min(MAX_ORGANIZATION_ROWS, Math.max(2, existing + 1));
}

/** A raw (pre-validation) form value as select/number initial value. */
const raw = (value: unknown): string | number | undefined => (typeof value === "string" || typeof value === "number" ? value : undefined);

const select = (blockId: string, label: string, choices: ReadonlyArray<Choice<string | number>>, initial: unknown, optional = false, hint?: string): types.InputBlock => {
  const options = choices.slice(0, BLOCK_KIT.options).map((c) => option(c.label, String(c.value)));
  const selected = options.find((o) => o.value === String(raw(initial)));
  return {
    type: "input",
    block_id: blockId,
    optional,
    label: plain(label, BLOCK_KIT.inputLabel),
    ...(hint ? { hint: plain(hint, BLOCK_KIT.inputHint) } : {}),
    element: { type: "static_select", action_id: "value", options, ...(selected ? { initial_option: selected } : {}) },
  };
};

const text = (blockId: string, label: string, initial: unknown, options: { optional?: boolean; hint?: string; max?: number } = {}): types.InputBlock => ({
  type: "input",
  block_id: blockId,
  optional: options.optional ?? false,
  label: plain(label, BLOCK_KIT.inputLabel),
  ...(options.hint ? { hint: plain(options.hint, BLOCK_KIT.inputHint) } : {}),
  element: textInput({ max: options.max ?? BLOCK_KIT.inputValue, initial: typeof initial === "string" ? initial : null }),
});

const number = (blockId: string, label: string, initial: unknown, min: number, max: number, hint?: string): types.InputBlock => ({
  type: "input",
  block_id: blockId,
  label: plain(label, BLOCK_KIT.inputLabel),
  ...(hint ? { hint: plain(hint, BLOCK_KIT.inputHint) } : {}),
  element: {
    type: "number_input",
    action_id: "value",
    is_decimal_allowed: false,
    min_value: String(min),
    max_value: String(max),
    ...(raw(initial) !== undefined ? { initial_value: String(raw(initial)) } : {}),
  },
});

/** The setup modal for `view`; `privateMetadata` carries the channel and organisation ids. */
export function renderSetupModal(view: SetupFormView, privateMetadata: string): types.ModalView {
  const v = view.values;
  const l = view.labels;
  const rows = organizationRowCount(v.organizations.length);
  const orgBlocks: types.KnownBlock[] = [header(l.organizations), { type: "context", elements: [{ type: "mrkdwn", text: escapeMrkdwn(l.organizationsHint) }] }];
  for (let i = 0; i < rows; i++) {
    const org = v.organizations[i];
    const label = view.organizationLabels[i] ?? `${i + 1}`;
    // The first two rows are required by the setup (at least two partners); the rest are optional.
    orgBlocks.push(text(`organizations.${i}.name`, label, org?.name, { optional: i >= 2, max: 80 }));
    orgBlocks.push(text(`organizations.${i}.emailDomains`, `${label} · ${l.emailDomains}`, org?.emailDomains?.join(", "), { optional: true }));
    orgBlocks.push(text(`organizations.${i}.slackTeamIds`, `${label} · ${l.slackTeamIds}`, org?.slackTeamIds?.join(", "), { optional: true }));
  }
  const steering: types.InputBlock = {
    type: "input",
    block_id: "steeringChannel",
    optional: true,
    label: plain(l.steeringChannel, BLOCK_KIT.inputLabel),
    element: {
      type: "conversations_select",
      action_id: "value",
      filter: { include: ["public", "private"], exclude_bot_users: true },
      ...(v.steeringChannel?.conversationId ? { initial_conversation: v.steeringChannel.conversationId } : {}),
    },
  };
  // This workspace's alliance channel: where polls for the whole alliance are posted.
  const allianceChannel: types.InputBlock = {
    type: "input",
    block_id: "allianceChannel",
    optional: true,
    label: plain(l.allianceChannel, BLOCK_KIT.inputLabel),
    hint: plain(l.allianceChannelHint, BLOCK_KIT.inputHint),
    element: {
      type: "conversations_select",
      action_id: "value",
      filter: { include: ["public", "private"], exclude_bot_users: true },
      ...(v.allianceChannel?.conversationId ? { initial_conversation: v.allianceChannel.conversationId } : {}),
    },
  };
  const c = view.choices;
  const blocks: types.KnownBlock[] = [
    text("name", l.name, v.name, { max: 80 }),
    ...orgBlocks,
    steering,
    allianceChannel,
    header(l.summary),
    select("summary.cadence", l.cadence, c.cadences, v.summary?.cadence ?? "weekly"),
    select("summary.weekday", l.weekday, c.weekdays, v.summary?.weekday ?? 1),
    select("summary.hour", l.hour, c.hours, v.summary?.hour ?? 9),
    header(l.pulse),
    select("pulse.cadence", l.cadence, c.cadences, v.pulse?.cadence ?? "weekly"),
    select("pulse.weekday", l.weekday, c.weekdays, v.pulse?.weekday ?? 3),
    select("pulse.hour", l.hour, c.hours, v.pulse?.hour ?? 10),
    number("pulse.itemsPerRound", l.itemsPerRound, v.pulse?.itemsPerRound ?? 4, 3, 5),
    select("uncertainty", l.uncertainty, c.uncertainty, v.uncertainty ?? "medium", false, l.uncertaintyHint),
    number("anonymityThreshold", l.anonymityThreshold, v.anonymityThreshold ?? 5, 1, 100, l.anonymityThresholdHint),
    number("cultureFlagThreshold", l.cultureFlagThreshold, v.cultureFlagThreshold ?? 10, 1, 100),
    number("commitmentReminderDays", l.commitmentReminderDays, v.commitmentReminderDays ?? 2, 0, 14),
    select("locale", l.locale, c.locales, v.locale ?? "en"),
    text("timezone", l.timezone, v.timezone ?? "Europe/Amsterdam", { max: 64 }),
  ];
  return modal(MODAL.setup, { title: l.title, submit: l.submit, close: l.cancel }, privateMetadata, blocks);
}

/** The block a setup error belongs under: the field itself, or the nearest block of its section. */
export function setupErrorBlockId(field: string, blockIds: readonly string[]): string {
  if (blockIds.includes(field)) return field;
  const byPrefix = blockIds.find((id) => id.startsWith(`${field}.`));
  if (byPrefix) return byPrefix;
  const parts = field.split(".");
  while (parts.length > 1) {
    parts.pop();
    const parent = parts.join(".");
    const hit = blockIds.find((id) => id === parent || id.startsWith(`${parent}.`));
    if (hit) return hit;
  }
  return "name";
}
