/**
 * The `commit` command grammar, shared by Slack and Teams:
 *
 *   commit <what> [owner|eigenaar|door @user] [for|voor <organisation or @user>] [by|uiterlijk|op <date>]
 *   commit list|lijst [mine|mijn|ours|onze|owed|tegoed|overdue|verlopen|disputed|betwist]
 *   commit kept|late|broken <#id> [reason]        (nagekomen|gehaald|laat|gebroken)
 *   commit renegotiate <#id> [to] <date> [reason]  (heronderhandel|verzet|verplaats)
 *   commit withdraw <#id> [reason]                 (intrekken)
 *
 * Mentions use the generic token `<@ID>` or `<@ID|label>` (Slack's form; other platforms rewrite
 * theirs to it) and are resolved by the caller's `resolveMention`. Clauses are peeled off the END
 * of the text and only when their value is valid (a mention, a known organisation name, a date),
 * so "send the plan for review by friday" keeps "for review" in the text. When something is
 * missing or wrong the result is `needs_modal`: the platform opens a form pre-filled with the draft.
 */
import { z } from "zod";
import { isDomainError } from "../shared/errors.js";
import type { Locale } from "../shared/refs.js";
import type { Beneficiary, CommitmentOutcome } from "./commitment.js";
import { COMMITMENT_LIMITS } from "./commitment.js";
import type { CommitmentListFilter } from "./commitment-service.js";
import {
  BENEFICIARY_OR_DUE, CLAUSE_KEYWORDS, COMMAND_NAMES, HELP_WORDS, LIST_FILTERS, LIST_WORDS, OUTCOME_WORDS,
  RENEGOTIATE_FILLERS, RENEGOTIATE_WORDS, WITHDRAW_WORDS, type ClauseSlot,
} from "./commit-command-words.js";
import { parseDueDate, type ParsedDueDate } from "./due-date.js";

/** A member a mention resolved to. */
export interface ResolvedMember {
  memberId: string;
  organizationId: string | null;
}

/** What the parser needs from the platform. */
export interface CommitCommandContext {
  now: Date;
  /** The member's zone (or the alliance's). */
  timeZone: string;
  locale: Locale;
  /** The alliance's partner organisations, for "for <organisation>". */
  organizations: ReadonlyArray<{ id: string; name: string }>;
  /** Platform user id from a `<@ID>` token → member, or null when unknown. */
  resolveMention(platformUserId: string): ResolvedMember | null | Promise<ResolvedMember | null>;
}

/** A new commitment as far as the command could tell. */
export interface CommitmentDraft {
  text: string | null;
  /** Null: the author owns it. */
  owner: ResolvedMember | null;
  beneficiary: Beneficiary | null;
  dueAt: Date | null;
  /** The date words as typed, so the form can show them back. */
  dueText: string | null;
}

/** Why the command could not be carried out as typed. */
export type CommandProblem =
  | { code: "due_unparseable"; text: string }
  | { code: "due_in_past"; text: string }
  | { code: "unknown_mention"; text: string }
  | { code: "text_length"; min: number; max: number };

/** Fields a create form must still ask for. */
export type DraftField = "text" | "beneficiary" | "dueAt";

/** The typed result of parsing a `commit` command. */
export type CommitCommand =
  | { kind: "create"; draft: CommitmentDraft & { text: string; beneficiary: Beneficiary; dueAt: Date }; due: ParsedDueDate }
  | { kind: "needs_modal"; form: "create"; draft: CommitmentDraft; missing: DraftField[]; problems: CommandProblem[] }
  | { kind: "needs_modal"; form: "renegotiate"; number: number; reason: string | null; problems: CommandProblem[] }
  | { kind: "list"; filter: CommitmentListFilter }
  | { kind: "outcome"; number: number; outcome: CommitmentOutcome; reason: string | null }
  | { kind: "renegotiate"; number: number; due: ParsedDueDate; reason: string | null }
  | { kind: "withdraw"; number: number; reason: string | null }
  | { kind: "help" };

// Keywords that, in practice, only ever introduce a date.
const STRONG_DUE_KEYWORDS = new Set(["by", "uiterlijk"]);
const MENTION = /<@([A-Za-z0-9._:-]+)(?:\|[^>]*)?>/g;
const MENTION_TOKEN = /^<@([A-Za-z0-9._:-]+)>$/;
const refSchema = z.string().regex(/^#?\d{1,9}$/).transform((s) => Number(s.replace("#", "")));

const normalise = (s: string) => s.trim().replace(/\s+/g, " ").toLocaleLowerCase();
const joinOrNull = (tokens: readonly string[]) => (tokens.length ? tokens.join(" ") : null);

/** Parses `text` (with or without the leading "commit"). */
export async function parseCommitCommand(text: string, context: CommitCommandContext): Promise<CommitCommand> {
  // Collapse `<@U1|Bob Smith>` to `<@U1>` so a label with spaces stays one token.
  const tokens = text.replace(MENTION, "<@$1>").trim().split(/\s+/).filter(Boolean);
  if (tokens[0] && COMMAND_NAMES.has(tokens[0].toLowerCase())) tokens.shift();
  const [first = "", second = "", ...rest] = tokens;
  const verb = first.toLowerCase();
  const ref = refSchema.safeParse(second);

  if (tokens.length === 0 || (HELP_WORDS.has(verb) && tokens.length === 1)) return { kind: "help" };
  if (LIST_WORDS.has(verb) && tokens.length <= 2) {
    const filter = tokens.length === 1 ? "mine" : LIST_FILTERS[second.toLowerCase()];
    if (filter) return { kind: "list", filter };
  }
  if (ref.success) {
    const number = ref.data;
    const outcome = OUTCOME_WORDS[verb];
    if (outcome) return { kind: "outcome", number, outcome, reason: joinOrNull(rest) };
    if (WITHDRAW_WORDS.has(verb)) return { kind: "withdraw", number, reason: joinOrNull(rest) };
    if (RENEGOTIATE_WORDS.has(verb)) return parseRenegotiate(number, rest, context);
  }
  return parseCreate(tokens, context);
}

function parseRenegotiate(number: number, words: string[], context: CommitCommandContext): CommitCommand {
  const tokens = words[0] && RENEGOTIATE_FILLERS.has(words[0].toLowerCase()) ? words.slice(1) : words;
  const problems: CommandProblem[] = [];
  // The longest leading run of words that is a date; what follows is the reason.
  for (let end = tokens.length; end > 0; end--) {
    const attempt = tryDate(tokens.slice(0, end).join(" "), context);
    if (attempt.kind === "ok") return { kind: "renegotiate", number, due: attempt.due, reason: joinOrNull(tokens.slice(end)) };
    if (attempt.kind === "past") {
      problems.push({ code: "due_in_past", text: attempt.text });
      return { kind: "needs_modal", form: "renegotiate", number, reason: joinOrNull(tokens.slice(end)), problems };
    }
  }
  if (tokens.length > 0) problems.push({ code: "due_unparseable", text: tokens.join(" ") });
  return { kind: "needs_modal", form: "renegotiate", number, reason: null, problems };
}

type DateAttempt = { kind: "ok"; due: ParsedDueDate } | { kind: "past"; text: string } | { kind: "none" };

function tryDate(text: string, context: CommitCommandContext): DateAttempt {
  try {
    return { kind: "ok", due: parseDueDate(text, context) };
  } catch (error) {
    if (isDomainError(error, "COMMITMENT_DUE_DATE_IN_PAST")) return { kind: "past", text };
    if (isDomainError(error)) return { kind: "none" };
    throw error;
  }
}

interface Clauses {
  owner?: string; // mention id
  beneficiary?: { kind: "mention"; id: string } | { kind: "organization"; id: string };
  due?: DateAttempt & { text: string };
}

/** Reads the clause value for `slot`, or null when the words are not a valid value for it. */
function clauseValue(keyword: string, slot: ClauseSlot, words: string[], context: CommitCommandContext, clauses: Clauses) {
  const mention = words.length === 1 ? MENTION_TOKEN.exec(words[0] ?? "")?.[1] : undefined;
  if (slot === "owner") return mention && !clauses.owner ? () => (clauses.owner = mention) : null;
  const phrase = words.join(" ");
  if (slot === "beneficiary" && !clauses.beneficiary) {
    if (mention) return () => (clauses.beneficiary = { kind: "mention", id: mention });
    const organization = context.organizations.find((o) => normalise(o.name) === normalise(phrase));
    if (organization) return () => (clauses.beneficiary = { kind: "organization", id: organization.id });
  }
  if ((slot === "due" || BENEFICIARY_OR_DUE.has(keyword)) && !clauses.due && words.length > 0 && !mention) {
    const attempt = tryDate(phrase, context);
    if (attempt.kind !== "none") return () => (clauses.due = { ...attempt, text: phrase });
  }
  return null;
}

async function parseCreate(tokens: string[], context: CommitCommandContext): Promise<CommitCommand> {
  const clauses: Clauses = {};
  let end = tokens.length;
  // Peel valid clauses off the end; the leftmost keyword whose remainder is valid wins, so a
  // multi-word date or organisation name stays whole.
  for (let peeled = true; peeled; ) {
    peeled = false;
    for (let k = 0; k < end; k++) {
      const keyword = (tokens[k] ?? "").toLowerCase();
      const slot = CLAUSE_KEYWORDS[keyword];
      if (!slot) continue;
      const apply = clauseValue(keyword, slot, tokens.slice(k + 1, end), context, clauses);
      if (apply) {
        apply();
        end = k;
        peeled = true;
        break;
      }
    }
    if (!peeled && !clauses.due) {
      // "by fridya": a strong date keyword near the end with words that are no date. Take it out
      // of the text and report it, rather than leave a typo'd date inside the agreement.
      const k = tokens.slice(0, end).findLastIndex((t) => STRONG_DUE_KEYWORDS.has(t.toLowerCase()));
      if (k >= 0 && end - k - 1 >= 1 && end - k - 1 <= 4) {
        clauses.due = { kind: "none", text: tokens.slice(k + 1, end).join(" ") };
        end = k;
        peeled = true;
      }
    }
  }
  return buildDraft(tokens.slice(0, end).join(" "), clauses, context);
}

async function buildDraft(text: string, clauses: Clauses, context: CommitCommandContext): Promise<CommitCommand> {
  const problems: CommandProblem[] = [];
  const missing: DraftField[] = [];
  const draft: CommitmentDraft = { text: text || null, owner: null, beneficiary: null, dueAt: null, dueText: clauses.due?.text ?? null };
  const resolve = async (id: string) => {
    const member = await context.resolveMention(id);
    if (!member) problems.push({ code: "unknown_mention", text: `<@${id}>` });
    return member;
  };
  if (clauses.owner) draft.owner = await resolve(clauses.owner);
  if (clauses.beneficiary?.kind === "organization") {
    draft.beneficiary = { kind: "organization", organizationId: clauses.beneficiary.id };
  } else if (clauses.beneficiary?.kind === "mention") {
    const member = await resolve(clauses.beneficiary.id);
    if (member) draft.beneficiary = { kind: "member", memberId: member.memberId, organizationId: member.organizationId };
  }
  const due = clauses.due;
  if (due?.kind === "ok") draft.dueAt = due.due.dueAt;
  if (due?.kind === "past") problems.push({ code: "due_in_past", text: due.text });
  if (due?.kind === "none") problems.push({ code: "due_unparseable", text: due.text });

  const length = draft.text?.length ?? 0;
  if (!draft.text) missing.push("text");
  else if (length < COMMITMENT_LIMITS.textMin || length > COMMITMENT_LIMITS.textMax) {
    problems.push({ code: "text_length", min: COMMITMENT_LIMITS.textMin, max: COMMITMENT_LIMITS.textMax });
  }
  if (!draft.beneficiary) missing.push("beneficiary");
  if (!draft.dueAt) missing.push("dueAt");
  if (missing.length === 0 && problems.length === 0 && draft.text && draft.beneficiary && draft.dueAt && due?.kind === "ok") {
    return { kind: "create", draft: { ...draft, text: draft.text, beneficiary: draft.beneficiary, dueAt: draft.dueAt }, due: due.due };
  }
  return { kind: "needs_modal", form: "create", draft, missing, problems };
}
