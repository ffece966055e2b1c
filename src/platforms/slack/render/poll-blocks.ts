// The poll message: question, flags, one section per option with a vote button and a result bar,
// totals, the per-organisation breakdown and the poll's own buttons. Always ONE message, because
// it is updated in place as votes arrive; the breakdown folds into fewer blocks when needed.
import type { PollView } from "#core/polls/poll-views.js";
import { translator } from "#core/i18n/catalogue.js";
import type { SlackMessage } from "../transport/slack-messenger.js";
import { ACTION } from "../ids.js";
import { actions, blockTextLength, button, context, divider, sections, sectionWith, type Block } from "./blocks.js";
import { BLOCK_KIT, bar, escapeMrkdwn, truncate } from "./limits.js";
import { toSingleMessage } from "./message.js";

/**
 * The value a vote button carries: poll and option, plus ":m" on multiple-choice polls so a click
 * can be handled without first loading the poll (a burst of votes is mostly database time).
 */
export const voteValue = (pollId: string, optionId: string, multiple = false): string => `${pollId}:${optionId}${multiple ? ":m" : ""}`;

/** The value of a "remove this option" button in a voter's private receipt (multiple choice). */
export const unvoteValue = (pollId: string, optionId: string): string => `${pollId}:${optionId}:u`;

/**
 * The private answer to a vote. On a multiple-choice poll it lists a "Remove …" button per chosen
 * option: the channel message is the same for everyone, so its buttons can only add an option;
 * taking one away happens here, where the voter sees their own choice.
 */
export function renderVoteReceipt(
  text: string,
  receipt: { pollId: string; multiple: boolean; chosen: ReadonlyArray<{ optionId: string; label: string }>; locale: PollView["locale"] },
): SlackMessage {
  const t = translator(receipt.locale);
  const removable = receipt.multiple && receipt.chosen.length > 1 ? receipt.chosen : [];
  const remove = removable.map((option) => button(t("polls.button.unselect", { label: truncate(option.label, 60) }), ACTION.pollVote, unvoteValue(receipt.pollId, option.optionId)));
  return toSingleMessage(text, [...sections(escapeMrkdwn(text)), ...actions(remove, "poll.receipt")]);
}

/** Renders the channel message of a poll. */
export function renderPollMessage(view: PollView): SlackMessage {
  const t = translator(view.locale);
  const head: Block[] = [
    ...sections(`*${escapeMrkdwn(view.question)}*`, `poll.q`),
    context([[...view.flags, view.voteHint].map(escapeMrkdwn).join("  ·  ")]),
  ];
  const options: Block[] = view.options.map((option, i) => {
    const figures = option.barRatio !== null && option.figureText !== null ? `\n\`${bar(option.barRatio)}\`  ${escapeMrkdwn(option.figureText)}` : "";
    const vote = view.acceptsVotes ? button(option.label, ACTION.pollVote, voteValue(view.pollId, option.optionId, view.mode === "multiple")) : undefined;
    return sectionWith(`*${escapeMrkdwn(option.label)}*${figures}`, vote, `poll.o.${i}`);
  });
  const footer: Block[] = [context([view.totalVotersText, view.statusText].map(escapeMrkdwn))];
  if (view.resultsHiddenText) footer.push(context([escapeMrkdwn(view.resultsHiddenText)]));
  if (view.anonymityNote) footer.push(context([escapeMrkdwn(view.anonymityNote)]));
  if (view.recurrenceText) footer.push(context([escapeMrkdwn(view.recurrenceText)]));
  const controls = pollButtons(view, t);
  const fixed = [...head, ...options, ...footer, ...controls];
  const breakdown = breakdownBlocks(view, {
    blocks: BLOCK_KIT.messageBlocks - fixed.length,
    text: BLOCK_KIT.messageBlockTextBudget - fixed.reduce((sum, block) => sum + blockTextLength(block), 0),
  });
  const fallback = `${view.question} (${view.totalVotersText})`;
  return toSingleMessage(fallback, [...head, ...options, ...footer, ...breakdown, ...controls]);
}

function pollButtons(view: PollView, t: ReturnType<typeof translator>): Block[] {
  const elements = [];
  if (view.acceptsVotes) elements.push(button(t("polls.button.close"), ACTION.pollClose, view.pollId));
  if (view.acceptsVotes && !view.anonymous) elements.push(button(t("slack.poll.remind"), ACTION.pollRemind, view.pollId));
  if (view.visibility !== "live") elements.push(button(t("polls.button.results"), ACTION.pollResults, view.pollId));
  elements.push(button(t("polls.button.export"), ACTION.pollExport, view.pollId));
  return actions(elements, "poll.actions");
}

/**
 * The breakdown, in the most detailed form that still fits the room left in the message: one
 * section per organisation, then shortened option labels, then one folded section.
 */
function breakdownBlocks(view: PollView, room: { blocks: number; text: number }): Block[] {
  const breakdown = view.breakdown;
  if (!breakdown) return [];
  const rowText = (row: NonNullable<PollView["breakdown"]>["rows"][number], labelMax: number) =>
    [`*${escapeMrkdwn(row.name)}* · ${escapeMrkdwn(row.votersText)}`, ...row.options.map((o) => `${escapeMrkdwn(truncate(o.label, labelMax))}: ${escapeMrkdwn(o.figureText ?? "–")}`)].join("\n");
  const title = `*${escapeMrkdwn(breakdown.title)}*`;
  const hidden = breakdown.hiddenText ? [context([escapeMrkdwn(breakdown.hiddenText)])] : [];
  const perRow = (labelMax: number) => [divider(), ...sections(title), ...breakdown.rows.flatMap((row) => sections(rowText(row, labelMax))), ...hidden];
  const folded = (labelMax: number) => [divider(), ...sections([title, ...breakdown.rows.map((row) => rowText(row, labelMax))].join("\n\n")), ...hidden];
  for (const candidate of [perRow(75), perRow(24), folded(24), folded(12)]) {
    const text = candidate.reduce((sum, block) => sum + blockTextLength(block), 0);
    if (candidate.length <= room.blocks && text <= room.text) return candidate;
  }
  return hidden;
}
