// The confirmation before this workspace joins an alliance, as an ephemeral Slack message.
import type { LinkConfirmView } from "#core/alliance/space-link-views.js";
import { mergeInputId, type LinkMergeView } from "#core/alliance/space-merge-views.js";
import { ACTION } from "../ids.js";
import type { SlackMessage } from "../transport/slack-messenger.js";
import { actions, button, header, option, sectionWith, sections } from "./blocks.js";
import { escapeMrkdwn } from "./limits.js";
import { toMessages } from "./message.js";

/** Names the alliance, its partners and spaces; the confirm button carries the code back. */
export function renderLinkConfirm(view: LinkConfirmView): SlackMessage[] {
  return toMessages(view.title, [
    header(view.title),
    ...sections(escapeMrkdwn(view.text)),
    ...actions([button(view.confirmLabel, ACTION.linkConfirm, view.code, "primary"), button(view.cancelLabel, ACTION.linkCancel, view.code)], "link.actions"),
  ]);
}

/**
 * The merge: one section per organisation of the joining alliance with a select (a partner of
 * the alliance, or "new") proposed by name. The merge button's click carries every select's
 * current value in the message state; the core refuses the merge unless every row has one.
 */
export function renderLinkMerge(view: LinkMergeView): SlackMessage[] {
  const options = view.choices.map((c) => option(c.label, c.value));
  return toMessages(view.title, [
    header(view.title),
    ...sections(escapeMrkdwn(view.text)),
    ...view.rows.map((row) => {
      const initial = options.find((o) => o.value === row.initial);
      return sectionWith(`*${escapeMrkdwn(row.label)}*`, { type: "static_select", action_id: ACTION.linkMergeChoice, options, ...(initial ? { initial_option: initial } : {}) }, mergeInputId(row.organizationId));
    }),
    ...actions([button(view.confirmLabel, ACTION.linkMerge, view.code, "primary"), button(view.cancelLabel, ACTION.linkCancel, view.code)], "link.merge.actions"),
  ]);
}
