// Turns what a poll command or form said into the poll service's input: the deadline through the
// core's date parser (in the zone the platform chose), the repeat phrase into a cron rule. Shared by
// Slack and Teams so both read "closes friday 17:00" and "every monday" the same way.
import { parseDueDate } from "../commitments/due-date.js";
import { DomainError, isDomainError } from "../shared/errors.js";
import type { Locale } from "../shared/refs.js";
import type { PollDraftFields } from "./poll-command.js";
import { recurrenceFromPhrase } from "./poll-recurrence-phrase.js";
import type { PollInput } from "./poll-rules.js";

/** A deadline or repeat text the bot could not read; adapters pick the message by `field`. */
export class PollPhraseError extends Error {
  constructor(readonly field: "closes" | "recurrence", readonly text: string) {
    super(`${field}: ${text}`);
  }
}

/** Where and when a deadline phrase is read. */
export interface PhraseContext {
  now: Date;
  timeZone: string;
  locale: Locale;
}

/** The deadline of `text` (null when empty); PollPhraseError when unreadable. */
export function readPollDeadline(text: string | null, context: PhraseContext): Date | null {
  if (!text) return null;
  try {
    return parseDueDate(text, context).dueAt;
  } catch (error) {
    // A date in the past is the poll rules' error (shown as such); anything else is unreadable.
    if (isDomainError(error, "COMMITMENT_DUE_DATE_IN_PAST")) throw new DomainError("POLL_DEADLINE_IN_PAST", "deadline in the past");
    throw new PollPhraseError("closes", text);
  }
}

/** The cron rule of `text` (null when empty); PollPhraseError when unreadable. */
export function readPollRecurrence(text: string | null): string | null {
  if (!text) return null;
  const rule = recurrenceFromPhrase(text);
  if (rule === null) throw new PollPhraseError("recurrence", text);
  return rule;
}

/** The service input of a draft whose phrases are already read. */
export function pollInput(draft: PollDraftFields, closesAt: Date | null, recurrence: string | null): PollInput {
  return { ...draft, closesAt, recurrence };
}
