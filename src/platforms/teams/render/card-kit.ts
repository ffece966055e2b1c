// Small builders for Adaptive Card 1.5 JSON, typed with @microsoft/teams.cards' interfaces.
// Buttons use Action.Execute (Universal Actions: the bot answers with a fresh card) and carry an
// Action.Submit fallback for clients that do not know Execute; both send the same `data`.
import type { Attachment } from "@microsoft/teams.api";
import type { Action, CardElement, IAdaptiveCard, IColumn, IExecuteAction, ISubmitAction, ITextBlock } from "@microsoft/teams.cards";

/** Teams renders Adaptive Cards up to schema 1.5. */
export const CARD_VERSION = "1.5";
export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

/** What every button of ours sends back: the verb plus its arguments (all strings). */
export interface ActionData {
  verb: string;
  [key: string]: string;
}

/**
 * Teams fetches a user-specific view (refresh with `userIds`) for at most 60 people per card;
 * beyond that the ids are ignored, so callers choose who they are.
 */
export const REFRESH_USER_IDS_MAX = 60;

/**
 * A card with `body` and `actions`; `refresh` asks Teams to fetch the viewer's own version (an
 * `adaptiveCard/action` invoke with trigger "automatic"), for `refreshUserIds` only when given
 * (Teams user ids, 29:…): everyone else in the chat sees the card as sent.
 */
export function card(
  body: CardElement[],
  actions: Action[] = [],
  options: { refresh?: ActionData; refreshUserIds?: readonly string[]; fullWidth?: boolean } = {},
): IAdaptiveCard {
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: CARD_VERSION,
    body,
    ...(actions.length > 0 ? { actions } : {}),
    ...(options.refresh ? { refresh: refreshClause(options.refresh, options.refreshUserIds) } : {}),
    ...(options.fullWidth ? { msteams: { width: "Full" } } : {}),
  } as IAdaptiveCard;
}

function refreshClause(data: ActionData, userIds: readonly string[] | undefined) {
  return {
    action: { type: "Action.Execute", verb: data.verb, data },
    ...(userIds ? { userIds: userIds.slice(0, REFRESH_USER_IDS_MAX) } : {}),
  };
}

/** `content` with a refresh clause added (see card()); the rest untouched. */
export function withRefresh(content: IAdaptiveCard, data: ActionData, userIds?: readonly string[]): IAdaptiveCard {
  return { ...content, refresh: refreshClause(data, userIds) } as IAdaptiveCard;
}

/** The card as a message attachment. */
export function cardAttachment(content: IAdaptiveCard): Attachment {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
}

/** A wrapping text block. */
export function text(value: string, options: Omit<Partial<ITextBlock>, "type" | "text"> = {}): ITextBlock {
  return { type: "TextBlock", text: value, wrap: true, ...options };
}

/** A heading. */
export function heading(value: string): ITextBlock {
  return text(value, { size: "Large", weight: "Bolder", style: "heading" });
}

/** Small grey text for notes and hints. */
export function note(value: string): ITextBlock {
  return text(value, { size: "Small", isSubtle: true, spacing: "Small" });
}

/** An in-card error message, shown in place of a toast. */
export function errorText(value: string): ITextBlock {
  return text(value, { color: "Attention", weight: "Bolder", spacing: "Small" });
}

/** A button that runs `data.verb` on the bot (Execute, with a Submit fallback). */
export function button(title: string, data: ActionData, options: { style?: "positive" | "destructive"; primary?: boolean } = {}): IExecuteAction {
  const fallback: ISubmitAction = { type: "Action.Submit", title, data };
  return {
    type: "Action.Execute",
    title,
    verb: data.verb,
    data,
    ...(options.style ? { style: options.style } : {}),
    fallback,
  };
}

/** A column. */
export function column(items: CardElement[], width: IColumn["width"] = "stretch", extra: Partial<IColumn> = {}): IColumn {
  return { type: "Column", width, items, ...extra };
}

/**
 * A horizontal bar: a coloured column and a blank rest (works in every client, unlike Chart.*);
 * `ratio` 0–1. Weighted widths are whole numbers, so the bar has 1% resolution.
 */
export function bar(ratio: number): CardElement {
  const filled = Math.round(Math.min(1, Math.max(0, ratio)) * 100);
  // Only the filled part is coloured: a shaded empty track reads as a text box (issue 11).
  const cell = (width: number, style?: "accent"): IColumn => ({ type: "Column", width: `${width}`, ...(style ? { style } : {}), minHeight: "10px", items: [] });
  const columns = filled >= 100 ? [cell(100, "accent")] : [cell(Math.max(1, filled), "accent"), cell(100 - Math.max(1, filled))];
  return { type: "ColumnSet", columns, spacing: "Small" } as CardElement;
}

/** A FactSet of label/value pairs. */
export function facts(pairs: Array<[string, string]>): CardElement {
  return { type: "FactSet", facts: pairs.map(([title, value]) => ({ title, value })) } as CardElement;
}

/** A container, optionally hidden (for toggled sections) or styled. */
export function container(items: CardElement[], options: { id?: string; hidden?: boolean; style?: "emphasis" | "good" | "attention" | "warning" | "accent"; separator?: boolean } = {}): CardElement {
  return {
    type: "Container",
    items,
    ...(options.id ? { id: options.id } : {}),
    ...(options.hidden ? { isVisible: false } : {}),
    ...(options.style ? { style: options.style } : {}),
    ...(options.separator ? { separator: true, spacing: "Medium" } : {}),
  } as CardElement;
}

/** A button that shows/hides the elements with the given ids, without a round trip. */
export function toggle(title: string, targetIds: string[]): Action {
  return { type: "Action.ToggleVisibility", title, targetElements: targetIds } as Action;
}

/** Size of the JSON on the wire (UTF-8); the budget is 28 KB, the webhook and Workflows limit. */
export function messageBytes(payload: unknown): number {
  return Buffer.byteLength(JSON.stringify(payload), "utf8");
}

/** The card budget: well under 28 KB so a card also fits webhooks; bots may send up to 100 KB. */
export const CARD_BUDGET_BYTES = 24 * 1024;
