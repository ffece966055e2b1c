// Commitment views as Slack messages: the card with the buttons this viewer may press, the
// list, the reminder / "kept?" check-in and the confirm-or-dispute request to the beneficiary.
import type { CommitmentCardView, CommitmentListView } from "#core/commitments/commitment-views.js";
import type { SlackMessage } from "../transport/slack-messenger.js";
import { actions, button, context, sections, type Block } from "./blocks.js";
import { escapeMrkdwn } from "./limits.js";
import { toMessages } from "./message.js";

/** The blocks of one card (used alone and inside check-ins and requests). */
export function commitmentCardBlocks(card: CommitmentCardView): Block[] {
  const status = [card.statusText, card.confirmationText].filter(Boolean).join(" · ");
  const fields = card.fields.map((f) => `*${escapeMrkdwn(f.label)}:* ${escapeMrkdwn(f.value)}`).join("\n");
  const blocks: Block[] = [
    ...sections(`${card.overdue ? "⚠️ " : ""}*${escapeMrkdwn(card.title)}*\n${escapeMrkdwn(status)}`, `commitment.${card.number}`),
    ...sections(fields),
  ];
  if (card.disputeText) blocks.push(context([escapeMrkdwn(card.disputeText)]));
  const buttons = card.actions.map((a) => button(a.label, a.actionId, a.value, a.style === "default" ? undefined : a.style));
  if (buttons.length > 0) blocks.push(...actions(buttons, `commitment.${card.number}.actions`));
  return blocks;
}

/** One card as a message. */
export function renderCommitmentCard(card: CommitmentCardView): SlackMessage[] {
  return toMessages(card.title, commitmentCardBlocks(card));
}

/** A card under an introductory sentence (check-in, confirm request). */
export function renderCardWithText(text: string, card: CommitmentCardView): SlackMessage[] {
  return toMessages(text, [...sections(escapeMrkdwn(text)), ...commitmentCardBlocks(card)]);
}

/** A list; long lists continue in further messages. */
export function renderCommitmentList(view: CommitmentListView): SlackMessage[] {
  if (view.emptyText) return toMessages(view.title, [...sections(`*${escapeMrkdwn(view.title)}*`), ...sections(escapeMrkdwn(view.emptyText))]);
  const lines = view.items.map((item) => `${item.overdue ? "⚠️ " : "• "}${escapeMrkdwn(item.line)} · _${escapeMrkdwn(item.statusText)}_`);
  // One section per ~20 lines keeps each well under 3000 characters and the split readable.
  const chunks: string[] = [];
  for (let i = 0; i < lines.length; i += 20) chunks.push(lines.slice(i, i + 20).join("\n"));
  return toMessages(view.title, [...sections(`*${escapeMrkdwn(view.title)}*`), ...chunks.flatMap((chunk) => sections(chunk))]);
}
