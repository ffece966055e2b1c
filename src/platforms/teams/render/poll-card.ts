// The poll as an Adaptive Card: question, chips, one row per option that is both the choice (tap
// it) and its result (figure and bar), and an optional per-organisation breakdown behind a toggle. The same card
// is posted in the channel (public view) and returned to a voter after Action.Execute (their
// view, with their choice pre-selected), and Teams refreshes it per viewer through `refresh`.
import type { CardElement, IExecuteAction } from "@microsoft/teams.cards";
import { translator } from "#core/i18n/catalogue.js";
import type { PollOptionView, PollView } from "#core/polls/poll-views.js";
import { bar, button, card, column, container, errorText, facts, heading, note, text, toggle } from "./card-kit.js";
import type { CardRender } from "./render-types.js";

/** Verbs of the poll card's buttons. */
export const POLL_VERBS = { vote: "poll.vote", refresh: "poll.refresh", close: "poll.close" } as const;

/** Extra, per-viewer state for the poll card. */
export interface PollCardOptions {
  /** The viewer's current choice (option ids), to pre-select and confirm. */
  myChoice?: readonly string[] | null;
  /** An error to show inside the card (e.g. "choose at least one option"). */
  error?: string | null;
  /** Show "Close poll" (the creator's or an admin's own view only; the core checks again). */
  canClose?: boolean;
}

/**
 * One row per option that is both the choice and its result (as Polly does): a radio or tick box,
 * the label, its figure and bar. While the poll takes votes, tapping the row votes (single choice)
 * or ticks/unticks that option (multiple choice); there is no second list of radio buttons.
 */
function optionRow(option: PollOptionView, position: number, chosen: boolean, vote: IExecuteAction | null, multiple: boolean): CardElement {
  // "1. Trust" at the start of a TextBlock is a Markdown list, which Teams indents, while the bold
  // chosen row is not one: a middle dot keeps every row flush left.
  const numbered = `${position} · ${option.label}`;
  const marker = vote ? `${multiple ? (chosen ? "☑" : "☐") : chosen ? "◉" : "○"} ` : "";
  const label = chosen ? `${marker}**${numbered}**${vote ? "" : " ✓"}` : `${marker}${numbered}`;
  const rows: CardElement[] = [
    {
      type: "ColumnSet",
      spacing: "Medium",
      columns: [column([text(label)], "stretch"), column([text(option.figureText ?? "", { isSubtle: true, horizontalAlignment: "Right" })], "auto")],
    } as CardElement,
  ];
  // An empty bar reads as a text box: 0% shows only its figure.
  if (option.barRatio !== null && option.barRatio > 0) rows.push(bar(option.barRatio));
  return { ...container(rows), ...(vote ? { selectAction: vote } : {}) } as CardElement;
}

/** Breakdown rows repeat every option per organisation; a short label keeps ten × ten in budget. */
function shortLabel(label: string): string {
  const chars = [...label];
  return chars.length <= BREAKDOWN_LABEL_CHARS ? label : `${chars.slice(0, BREAKDOWN_LABEL_CHARS - 1).join("").trimEnd()}…`;
}
const BREAKDOWN_LABEL_CHARS = 28;

function breakdown(view: PollView): { elements: CardElement[]; toggleId: string | null } {
  if (!view.breakdown) return { elements: [], toggleId: null };
  const id = `breakdown-${view.pollId}`;
  const rows: CardElement[] = [text(view.breakdown.title, { weight: "Bolder" })];
  // One FactSet per organisation: compact enough for ten organisations × ten options in one card.
  for (const row of view.breakdown.rows) {
    rows.push(text(`${row.name} · ${row.votersText}`, { weight: "Bolder", spacing: "Medium", size: "Small" }));
    rows.push(facts(row.options.map((option, i) => [`${i + 1}. ${shortLabel(option.label)}`, option.figureText ?? "–"])));
  }
  if (view.breakdown.hiddenText) rows.push(note(view.breakdown.hiddenText));
  return { elements: [container(rows, { id, hidden: true, separator: true })], toggleId: id };
}

/** Renders a PollView. */
export function renderPollCard(view: PollView, options: PollCardOptions = {}): CardRender {
  const t = translator(view.locale);
  const chosen = new Set(options.myChoice ?? []);
  const pollData = { pollId: view.pollId };
  const multiple = view.mode === "multiple";
  // `seen` is the choice this card showed the voter (none on the shared card): the vote is the
  // difference between it and `choice`, so a repeated tap changes nothing (polls-feature.ts).
  const seen = [...chosen].join(",");
  const voteFor = (optionId: string): IExecuteAction | null => {
    if (!view.acceptsVotes) return null;
    const choice = !multiple ? [optionId] : chosen.has(optionId) ? [...chosen].filter((id) => id !== optionId) : [...chosen, optionId];
    return button(view.options.find((o) => o.optionId === optionId)?.label ?? "", { verb: POLL_VERBS.vote, ...pollData, choice: choice.join(","), seen });
  };
  const body: CardElement[] = [
    container([heading(view.question), note(view.flags.join(" · ")), note(view.statusText)], { style: "emphasis" }),
    ...(view.acceptsVotes ? [note(`${view.voteHint} ${t(multiple ? "teams.poll.tapHintMultiple" : "teams.poll.tapHint")}`)] : []),
    ...view.options.map((option, i) => optionRow(option, i + 1, chosen.has(option.optionId), voteFor(option.optionId), multiple)),
  ];
  if (view.resultsHiddenText) body.push(note(view.resultsHiddenText));
  body.push(text(view.totalVotersText, { size: "Small", weight: "Bolder", spacing: "Medium" }));

  const { elements, toggleId } = breakdown(view);
  body.push(...elements);

  const actions = [];
  if (!view.acceptsVotes) body.push(note(view.voteHint));
  if (chosen.size > 0) {
    const labels = view.options.filter((o) => chosen.has(o.optionId)).map((o) => o.label);
    body.push(note(t("teams.card.yourVote", { choices: labels.join(", ") })));
  }
  if (options.error) body.push(errorText(options.error));
  if (view.anonymityNote) body.push(note(view.anonymityNote));
  if (view.recurrenceText) body.push(note(view.recurrenceText));
  if (toggleId) actions.push(toggle(t("teams.card.showBreakdown"), [toggleId]));
  if (view.acceptsVotes && options.canClose) actions.push(button(t("polls.button.close"), { verb: POLL_VERBS.close, ...pollData }));

  return {
    card: card(body, actions, { refresh: { verb: POLL_VERBS.refresh, ...pollData } }),
    summary: view.question,
  };
}
