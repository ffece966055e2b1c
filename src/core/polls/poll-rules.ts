/**
 * The rules a poll and a vote must satisfy. Edges parse input with `pollInputSchema` (shape);
 * these functions enforce the domain rules and raise DomainErrors with codes the catalogue explains.
 */
import { z } from "zod";
import { DomainError } from "../shared/errors.js";
import type { Actor } from "../shared/refs.js";
import { POLL_LIMITS, type NewPoll, type Poll } from "./poll.js";
import { normalizeRecurrence, recurrenceProblem } from "./poll-recurrence.js";

/** What a person asks for when creating a poll (after the platform parsed the form). */
export const pollInputSchema = z.object({
  question: z.string(),
  options: z.array(z.string()),
  mode: z.enum(["single", "multiple"]).default("single"),
  /** For multiple choice: at most this many choices (default: all options). */
  maxChoices: z.number().int().optional(),
  anonymous: z.boolean().default(false),
  visibility: z.enum(["live", "after_close", "steering"]).default("live"),
  closesAt: z.date().nullable().default(null),
  recurrence: z.string().nullable().default(null),
});

/** Poll input after shape parsing. */
export type PollInput = {
  question: string;
  options: string[];
  mode?: NewPoll["mode"];
  maxChoices?: number | undefined;
  anonymous?: boolean;
  visibility?: NewPoll["visibility"];
  closesAt?: Date | null;
  recurrence?: string | null;
  /** Post it into the alliance channel of every linked space too (an alliance poll). */
  forAlliance?: boolean;
};

/** Trims and collapses inner whitespace, so "  Trust   " and "Trust" are the same label. */
export function cleanText(text: string): string {
  return text.normalize("NFC").trim().replace(/\s+/g, " ");
}

/** Validates a question: non-empty, at most 300 characters. */
export function validateQuestion(question: string): string {
  const clean = cleanText(question);
  if (clean.length === 0 || clean.length > POLL_LIMITS.questionMaxLength) {
    throw new DomainError("POLL_INVALID_QUESTION", "question empty or too long", {
      max: POLL_LIMITS.questionMaxLength,
    });
  }
  return clean;
}

/** Validates options: 2–10 trimmed, non-empty labels of at most 75 characters, unique ignoring case. */
export function validateOptions(options: readonly string[]): string[] {
  const labels = options.map(cleanText);
  if (labels.length < POLL_LIMITS.minOptions) {
    throw new DomainError("POLL_TOO_FEW_OPTIONS", "too few options", { min: POLL_LIMITS.minOptions });
  }
  if (labels.length > POLL_LIMITS.maxOptions) {
    throw new DomainError("POLL_TOO_MANY_OPTIONS", "too many options", { max: POLL_LIMITS.maxOptions });
  }
  const seen = new Set<string>();
  labels.forEach((label, index) => {
    if (label.length === 0 || label.length > POLL_LIMITS.optionMaxLength) {
      throw new DomainError("POLL_INVALID_OPTION", "option empty or too long", {
        position: index + 1,
        max: POLL_LIMITS.optionMaxLength,
      });
    }
    const key = label.toLocaleLowerCase();
    if (seen.has(key)) throw new DomainError("POLL_DUPLICATE_OPTION", "duplicate option", { label });
    seen.add(key);
  });
  return labels;
}

/** The choice limit: 1 for single choice; 2..options for multiple choice (default: all options). */
export function validateMaxChoices(mode: NewPoll["mode"], requested: number | undefined, optionCount: number): number {
  if (mode === "single") {
    if (requested !== undefined && requested !== 1) {
      throw new DomainError("POLL_INVALID_MAX_CHOICES", "single choice allows one", { min: 1, max: 1 });
    }
    return 1;
  }
  const max = requested ?? optionCount;
  if (!Number.isInteger(max) || max < 2 || max > optionCount) {
    throw new DomainError("POLL_INVALID_MAX_CHOICES", "choice limit out of range", { min: 2, max: optionCount });
  }
  return max;
}

/** A deadline, when given, lies in the future and within a year. */
export function validateDeadline(closesAt: Date | null, now: Date): Date | null {
  if (closesAt === null) return null;
  if (Number.isNaN(closesAt.getTime())) throw new DomainError("INVALID_INPUT", "invalid date", { reason: "date" });
  if (closesAt.getTime() <= now.getTime()) throw new DomainError("POLL_DEADLINE_IN_PAST", "deadline not in the future");
  if (closesAt.getTime() - now.getTime() > POLL_LIMITS.maxDeadlineDays * 86_400_000) {
    throw new DomainError("POLL_DEADLINE_TOO_FAR", "deadline too far ahead", { days: POLL_LIMITS.maxDeadlineDays });
  }
  return closesAt;
}

/** A recurrence rule, when given, has the cron shape the scheduler accepts (see poll-recurrence.ts). */
export function validateRecurrence(rule: string | null): string | null {
  if (rule === null || rule.trim() === "") return null;
  const problem = recurrenceProblem(rule);
  if (problem !== null) throw new DomainError("POLL_INVALID_RECURRENCE", problem, { rule: rule.trim() });
  return normalizeRecurrence(rule);
}

/** Applies every creation rule and returns the poll to store. */
export function validateNewPoll(
  input: PollInput,
  context: { creator: Actor; now: Date; templateKey?: string | null },
): NewPoll {
  const question = validateQuestion(input.question);
  const options = validateOptions(input.options);
  const mode = input.mode ?? "single";
  return {
    allianceId: context.creator.allianceId,
    question,
    mode,
    maxChoices: validateMaxChoices(mode, input.maxChoices, options.length),
    anonymous: input.anonymous ?? false,
    visibility: input.visibility ?? "live",
    closesAt: validateDeadline(input.closesAt ?? null, context.now),
    recurrence: validateRecurrence(input.recurrence ?? null),
    templateKey: context.templateKey ?? null,
    createdById: context.creator.memberId,
    forAlliance: input.forAlliance ?? false,
    createdAt: context.now,
    options,
  };
}

/**
 * Validates a choice against the poll and returns the option ids in position order.
 * Duplicates in the request (a double-clicked checkbox) collapse to one choice.
 */
export function validateChoice(poll: Poll, optionIds: readonly string[]): string[] {
  const chosen = new Set(optionIds);
  if (chosen.size === 0) throw new DomainError("POLL_NO_CHOICE", "no option chosen");
  const known = new Set(poll.options.map((option) => option.id));
  for (const id of chosen) {
    if (!known.has(id)) throw new DomainError("POLL_UNKNOWN_OPTION", "unknown option", { optionId: id });
  }
  if (chosen.size > poll.maxChoices) {
    throw new DomainError("POLL_TOO_MANY_CHOICES", "too many choices", { max: poll.maxChoices });
  }
  return poll.options.filter((option) => chosen.has(option.id)).map((option) => option.id);
}

/**
 * What one click on a multiple-choice poll means: options to add and options to take away, as the
 * voter meant them when they clicked. Applying the same change twice gives the same choice, so a
 * double click or a retried request cannot undo the vote it repeats.
 */
export interface ChoiceChange {
  select: readonly string[];
  unselect: readonly string[];
}

/**
 * The voter's new choice after `change`, from their `current` stored choice (empty when they have
 * not voted). On a single-choice poll the selected option simply replaces the choice. Validated
 * like any choice (known options, at least one, at most maxChoices).
 */
export function applyChoiceChange(poll: Poll, current: readonly string[], change: ChoiceChange): string[] {
  if (poll.mode === "single") return validateChoice(poll, change.select);
  const known = new Set(poll.options.map((option) => option.id));
  for (const id of [...change.select, ...change.unselect]) {
    if (!known.has(id)) throw new DomainError("POLL_UNKNOWN_OPTION", "unknown option", { optionId: id });
  }
  const removed = new Set(change.unselect);
  return validateChoice(poll, [...current.filter((id) => !removed.has(id)), ...change.select.filter((id) => !removed.has(id))]);
}
