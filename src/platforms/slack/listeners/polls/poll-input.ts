// Turns what the command or the modal said into the poll service's input: the deadline through
// the core's date parser (in the member's zone), the repeat phrase into a cron rule.
import { parseDueDate } from "../../../../core/commitments/due-date.js";
import { DomainError, isDomainError } from "../../../../core/shared/errors.js";
import type { PollInput } from "../../../../core/polls/poll-rules.js";
import type { SlackActor } from "../../session/slack-actor.js";
import { recurrenceFromPhrase } from "./recurrence-phrase.js";

/** A problem with the deadline or repeat text, keyed to a catalogue message. */
export class PollPhraseError extends Error {
  constructor(readonly field: "closes" | "recurrence", readonly text: string) {
    super(`${field}: ${text}`);
  }
}

/** The deadline of `text` (null when empty); PollPhraseError when unreadable. */
export function readDeadline(text: string | null, actor: SlackActor, now: Date): Date | null {
  if (!text) return null;
  try {
    return parseDueDate(text, { now, timeZone: actor.timeZone, locale: actor.locale }).dueAt;
  } catch (error) {
    // A date in the past is the poll rules' error (shown as such); anything else is unreadable.
    if (isDomainError(error, "COMMITMENT_DUE_DATE_IN_PAST")) throw new DomainError("POLL_DEADLINE_IN_PAST", "deadline in the past");
    throw new PollPhraseError("closes", text);
  }
}

/** The cron rule of `text` (null when empty); PollPhraseError when unreadable. */
export function readRecurrence(text: string | null): string | null {
  if (!text) return null;
  const rule = recurrenceFromPhrase(text);
  if (rule === null) throw new PollPhraseError("recurrence", text);
  return rule;
}

/** The service input of a draft whose phrases are already read. */
export function pollInput(draft: {
  question: string;
  options: string[];
  anonymous: boolean;
  mode: "single" | "multiple";
  maxChoices: number | undefined;
  visibility: "live" | "after_close" | "steering";
}, closesAt: Date | null, recurrence: string | null): PollInput {
  return { ...draft, closesAt, recurrence };
}
