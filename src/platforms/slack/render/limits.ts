// Block Kit limits (docs.slack.dev/reference/block-kit; research-slack.md §6) and the text helpers
// that keep every renderer inside them: long text splits at paragraph, line or word boundaries,
// short fields are truncated with an ellipsis.

/** The limits the renderers respect. */
export const BLOCK_KIT = {
  messageBlocks: 50,
  surfaceBlocks: 100,
  sectionText: 3000,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  options: 100,
  optionText: 75,
  optionValue: 150,
  placeholder: 150,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  inputLabel: 2000,
  inputHint: 2000,
  /** plain_text_input max_length and initial_value. */
  inputValue: 3000,
  /** Slack rejects messages whose blocks carry much more text than this (msg_blocks_too_long). */
  messageBlockTextBudget: 11_000,
  /** Fallback `text` of a message; Slack truncates above 40k, notifications need far less. */
  fallbackText: 3_000,
} as const;

const ELLIPSIS = "…";

/** `text` cut to at most `max` characters (code points kept whole), ending in "…" when cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, Math.max(0, max - 1)).join("") + ELLIPSIS;
}

/**
 * Splits `text` into pieces of at most `max` characters, preferring paragraph breaks, then line
 * breaks, then spaces; a single word longer than `max` is cut hard. No piece is empty.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (Array.from(rest).length > max) {
    const window = Array.from(rest).slice(0, max + 1).join("");
    let cut = -1;
    for (const separator of ["\n\n", "\n", " "]) {
      const at = window.lastIndexOf(separator, max);
      if (at > 0) {
        cut = at;
        break;
      }
    }
    if (cut <= 0) cut = Array.from(rest).slice(0, max).join("").length;
    const head = rest.slice(0, cut).trimEnd();
    if (head) pieces.push(head);
    rest = rest.slice(cut).replace(/^\s+/, "");
  }
  if (rest.trim()) pieces.push(rest);
  return pieces.length > 0 ? pieces : [" "];
}

/** Escapes the three characters Slack's mrkdwn treats as control characters in user text. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A 10-cell bar for a 0–1 ratio, e.g. "▓▓▓▓░░░░░░"; readable in any Slack theme. */
export function bar(ratio: number, cells = 10): string {
  const filled = Math.round(Math.min(1, Math.max(0, ratio)) * cells);
  return "▓".repeat(filled) + "░".repeat(cells - filled);
}
