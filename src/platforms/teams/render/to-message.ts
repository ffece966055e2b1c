// A rendered view as the Bot Connector receives it, and the one place Teams output is made inert.
//
// Views carry user input (commitment and poll texts, organisation names, reasons) inside
// translated sentences. Teams reads markup in three places, each differently:
// - a message's `text` is Markdown with an HTML subset: `<at>…</at>` (a mention, with an entity),
//   `<a href>`, `<img>` and friends. It is HTML-escaped here (`&`, `<`, `>`), which Teams shows as
//   the characters typed.
// - Adaptive Card TextBlocks, TextRuns and FactSet facts are Markdown without HTML, but `<at>…</at>`
//   becomes a mention when the card carries `msteams.entities`; and HTML entities show literally in
//   some clients, so escaping would garble the text. There a zero-width word joiner after `<`
//   keeps any tag from being one while the text looks exactly as typed.
// - the notification `summary` and an invoke's toast text are plain, so they get the joiner too.
// Renderers build raw text; nothing else escapes, so nothing is escaped twice. Input values and
// action data are never touched: they are sent back to us, not displayed as markup.
import type { IAdaptiveCard } from "@microsoft/teams.cards";
import type { OutgoingMessage } from "../transport/teams-connector.js";
import { cardAttachment } from "./card-kit.js";
import type { CardRender } from "./render-types.js";

/** Message `text` (Markdown + HTML subset): `&`, `<`, `>` as entities. */
export function escapeTeamsText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** U+2060 WORD JOINER: invisible, and a tag name cannot start with it. */
const JOINER = "\u2060";

/** Text shown without HTML (card text, toasts, previews): no `<tag`, `</tag`, `<!…` stays a tag. */
export function inertMarkup(text: string): string {
  return text.replace(/<(?=[/!?]?[A-Za-z!])/g, `<${JOINER}`);
}

/** Card elements whose `text` the client renders as Markdown (and reads `<at>` in). */
const TEXT_ELEMENTS = new Set(["TextBlock", "TextRun"]);

/** A deep copy of `value` with every displayed card text made inert; data and inputs untouched. */
function inertCardPart(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return value.map((item) => inertCardPart(item, key));
  if (!value || typeof value !== "object") return value;
  const node = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "data" || k === "msteams") {
      // Action payloads come back to us as typed; a card never mentions anyone (no entities).
      if (k === "data") out[k] = v;
      else if (v && typeof v === "object") out[k] = Object.fromEntries(Object.entries(v).filter(([mk]) => mk !== "entities"));
      continue;
    }
    const displayed = (k === "text" && TEXT_ELEMENTS.has(String(node["type"]))) || (key === "facts" && (k === "title" || k === "value"));
    out[k] = displayed && typeof v === "string" ? inertMarkup(v) : inertCardPart(v, k);
  }
  return out;
}

/** `card` with every displayed text inert (see the header). */
export function inertCard(card: IAdaptiveCard): IAdaptiveCard {
  return inertCardPart(card, "") as IAdaptiveCard;
}

/** Text and/or the Adaptive Card attachment; files travel separately (file consent). */
export function toMessage(render: CardRender): OutgoingMessage {
  return {
    ...(render.text !== undefined ? { text: escapeTeamsText(render.text) } : {}),
    ...(render.card ? { attachments: [cardAttachment(inertCard(render.card))] } : {}),
    ...(render.card && render.summary ? { summary: inertMarkup(render.summary) } : {}),
  };
}

/** What an Action.Execute invoke answers: the card to show, or a toast message. */
export type InvokeAnswer = { card: IAdaptiveCard } | { toast: string };

/** The invoke answer for `render` (or a plain message), made inert like a sent message. */
export function toInvokeAnswer(render: CardRender | { text: string }): InvokeAnswer {
  if ("card" in render && render.card) return { card: inertCard(render.card) };
  return { toast: inertMarkup(render.text ?? "") };
}
