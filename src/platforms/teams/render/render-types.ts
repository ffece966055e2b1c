import type { IAdaptiveCard } from "@microsoft/teams.cards";

/** A rendered view: an Adaptive Card, a plain text message, or both. */
export interface CardRender {
  card?: IAdaptiveCard;
  /** Markdown text sent with (or instead of) the card. */
  text?: string;
  /** Notification / chat-list preview for a card-only message. */
  summary?: string;
  /** Files to attach as data URIs (e.g. the "my data" JSON export). */
  files?: Array<{ name: string; contentType: string; content: string }>;
}
