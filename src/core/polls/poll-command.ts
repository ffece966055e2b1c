// The poll command grammar (Slack /poll, Teams "poll …"): quoted question and options, then
// flags in English or Dutch.
//
//   /poll "Question?" "Option A" "Option B" [anonymous] [multiple [N] | choices N] [hidden | steering] [alliance-wide]
//         [closes <when>] [every <when>]
//
// Flags may carry leading dashes ("--anonymous", as in a CLI; chat apps turn "--" into "—").
//
// Straight and curly quotes both work (Slack clients turn " into “ ”). Only the text is read
// here; the deadline is read by the core's date parser and every rule (2–10 options, lengths,
// limits) is the poll service's.

/** The poll a command or form describes, before its deadline and repeat phrases are read. */
export interface PollDraftFields {
  question: string;
  options: string[];
  anonymous: boolean;
  mode: "single" | "multiple";
  maxChoices: number | undefined;
  visibility: "live" | "after_close" | "steering";
  /** "alliance-wide": also post it into every linked space's alliance channel (an alliance poll). */
  forAlliance?: boolean;
}

/** What the command text asked for. */
export interface PollCommandDraft extends PollDraftFields {
  deadlineText: string | null;
  recurrenceText: string | null;
}

/** Why the text could not be read. */
export type PollGrammarError = { code: "unclosed_quote" } | { code: "unknown_word"; word: string } | { code: "empty" };

type Token = { quoted: boolean; text: string };

const QUOTES: Record<string, string> = { '"': '"', "“": "”", "„": "”", "”": "”", "'": "'", "‘": "’" };

/** Splits into quoted strings and bare words; null when a quote is not closed. */
export function tokenize(text: string): Token[] | null {
  // An odd number of straight double quotes can only mean one is missing.
  if ((text.match(/"/g)?.length ?? 0) % 2 === 1) return null;
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? "";
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const close = QUOTES[ch];
    // A single quote only opens a quoted string at the start of a token ("don't" stays a word).
    if (close !== undefined && !(ch === "'" && /\w/.test(text[i + 1] ?? "") === false)) {
      const end = text.indexOf(close, i + 1);
      const altEnd = close === "”" ? text.indexOf('"', i + 1) : -1;
      const stop = end === -1 ? altEnd : altEnd === -1 ? end : Math.min(end, altEnd);
      if (stop === -1) return null;
      tokens.push({ quoted: true, text: text.slice(i + 1, stop) });
      i = stop + 1;
      continue;
    }
    let j = i;
    while (j < text.length && !/\s/.test(text[j] ?? "")) j++;
    tokens.push({ quoted: false, text: text.slice(i, j) });
    i = j;
  }
  return tokens;
}

const WORDS = {
  anonymous: ["anonymous", "anon", "anoniem"],
  multiple: ["multiple", "multi", "meerkeuze", "meerdere"],
  choices: ["choices", "choose", "max", "keuzes", "kies"],
  hidden: ["hidden", "verborgen", "blind"],
  steering: ["steering", "stuurgroep"],
  live: ["live", "open"],
  closes: ["closes", "close", "deadline", "until", "sluit", "tot"],
  every: ["every", "each", "elke", "iedere", "herhaal", "repeat"],
  // Hyphenated on purpose: a plain "alliance" is a word questions use ("/poll Shall the alliance meet?").
  forAlliance: ["alliance-wide", "alliancewide", "alliantiebreed", "alliantie-breed"],
} as const;

const kind = (word: string): keyof typeof WORDS | null => {
  const w = word.toLowerCase().replace(/^(?:-{1,2}|[—–])(?=\p{L})/u, "").replace(/[:,]$/, "");
  for (const [key, list] of Object.entries(WORDS)) if ((list as readonly string[]).includes(w)) return key as keyof typeof WORDS;
  return null;
};

/** Parses the text after /poll. */
export function parsePollCommand(text: string): { ok: true; draft: PollCommandDraft } | { ok: false; error: PollGrammarError } {
  const tokens = tokenize(text.trim());
  if (tokens === null) return { ok: false, error: { code: "unclosed_quote" } };
  if (tokens.length === 0) return { ok: false, error: { code: "empty" } };
  const draft: PollCommandDraft = { question: "", options: [], anonymous: false, mode: "single", maxChoices: undefined, visibility: "live", deadlineText: null, recurrenceText: null };
  let i = 0;
  const quoted: string[] = [];
  while (i < tokens.length && tokens[i]?.quoted) quoted.push(tokens[i++]?.text ?? "");
  if (quoted.length === 0) {
    // No quotes: "/poll Lunch today?" is a question without options; the service says what's missing.
    const words: string[] = [];
    while (i < tokens.length && kind(tokens[i]?.text ?? "") === null) words.push(tokens[i++]?.text ?? "");
    quoted.push(words.join(" "));
  }
  [draft.question = "", ...draft.options] = quoted;
  // Words after a "closes"/"every" keyword belong to it until the next keyword.
  const phrase = (): string => {
    const words: string[] = [];
    while (i < tokens.length && (tokens[i]?.quoted || kind(tokens[i]?.text ?? "") === null)) words.push(tokens[i++]?.text ?? "");
    return words.join(" ").trim();
  };
  while (i < tokens.length) {
    const token = tokens[i++] as Token;
    const k = token.quoted ? null : kind(token.text);
    switch (k) {
      case "anonymous":
        draft.anonymous = true;
        break;
      case "multiple":
      case "choices": {
        const next = tokens[i];
        const n = next && !next.quoted ? Number(next.text) : NaN;
        if (!Number.isInteger(n)) {
          // "multiple" alone: any number of choices; "choices" needs its count.
          if (k === "choices") return { ok: false, error: { code: "unknown_word", word: token.text } };
          draft.mode = "multiple";
          break;
        }
        i++;
        draft.mode = n === 1 ? "single" : "multiple";
        draft.maxChoices = n === 1 ? undefined : n;
        break;
      }
      case "hidden":
        draft.visibility = "after_close";
        break;
      case "steering":
        draft.visibility = "steering";
        break;
      case "live":
        draft.visibility = "live";
        break;
      case "forAlliance":
        draft.forAlliance = true;
        break;
      case "closes":
        draft.deadlineText = phrase() || null;
        if (!draft.deadlineText) return { ok: false, error: { code: "unknown_word", word: token.text } };
        break;
      case "every":
        draft.recurrenceText = phrase() || null;
        if (!draft.recurrenceText) return { ok: false, error: { code: "unknown_word", word: token.text } };
        break;
      default:
        return { ok: false, error: { code: "unknown_word", word: token.text } };
    }
  }
  return { ok: true, draft };
}
