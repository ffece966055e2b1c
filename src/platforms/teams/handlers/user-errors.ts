// One place that turns what went wrong into words for the user: domain errors by code through
// the catalogue, invalid card input as a "check this form" line, anything else as a generic
// apology (the details go to the log, never to the chat).
import { ZodError } from "zod";
import { hasMessage, translate } from "#core/i18n/catalogue.js";
import { isDomainError } from "#core/shared/errors.js";
import type { Locale } from "#core/shared/refs.js";

/** The user-facing text for `error`, and whether it was expected (not worth an error log). */
export function userErrorText(error: unknown, locale: Locale): { text: string; expected: boolean } {
  if (isDomainError(error)) {
    const key = `error.${error.code}`;
    // Error texts that say what to type use Teams' words in the member's language.
    const commands = { commit: translate(locale, "teams.command.commit"), poll: translate(locale, "teams.command.poll"), pulse: translate(locale, "teams.command.pulse") };
    if (hasMessage(key)) return { text: translate(locale, key, { ...commands, ...error.details }), expected: true };
    return { text: translate(locale, "error.INVALID_INPUT", { reason: error.code, ...error.details }), expected: true };
  }
  if (error instanceof ZodError) {
    // Over-long card input (a client that ignores maxLength, or a crafted submit): name the limit.
    const tooLong = error.issues.find((issue) => issue.code === "too_big" && issue.origin === "string");
    if (tooLong && tooLong.code === "too_big") return { text: translate(locale, "error.FIELD_TOO_LONG", { max: Number(tooLong.maximum) }), expected: true };
    const reason = error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; ");
    return { text: translate(locale, "teams.card.invalid", { reason }), expected: true };
  }
  return { text: translate(locale, "error.unexpected"), expected: false };
}
