// The confirmation before this workspace joins an alliance, as an ephemeral Slack message.
import type { LinkConfirmView } from "../../../core/alliance/space-link-views.js";
import { ACTION } from "../ids.js";
import type { SlackMessage } from "../transport/slack-messenger.js";
import { actions, button, header, sections } from "./blocks.js";
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
