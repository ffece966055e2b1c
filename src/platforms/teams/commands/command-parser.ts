// Which command a message to the bot is: the first word(s) in English or Dutch (both are always
// understood, whatever the user's language), optionally after "trust" or a slash, as users coming
// from Slack type "/poll" or "trust health". The words come from the catalogue.
import { translate, type MessageKey } from "#core/i18n/catalogue.js";
import { LOCALES } from "#core/shared/refs.js";

/** The commands the Teams bot understands (the manifest's commandLists list the same). */
export const TEAMS_COMMANDS = ["poll", "commit", "pulse", "health", "setup", "culture", "myData", "forgetMe", "organization", "help"] as const;
/**
 * Commands understood but not in the manifest: Teams allows at most 10 per command list, and
 * these are for admins only (linking spaces; help and docs/cross-platform.md name them).
 */
export const TEAMS_UNLISTED_COMMANDS = ["link", "unlink"] as const;
export type TeamsCommand = (typeof TEAMS_COMMANDS)[number] | (typeof TEAMS_UNLISTED_COMMANDS)[number];

/** A recognised command and the rest of the text. */
export interface ParsedCommand {
  command: TeamsCommand;
  args: string;
}

/** Extra spellings people use that are not the catalogue word (hyphenated Slack forms). */
const ALIASES: Readonly<Record<string, TeamsCommand>> = {
  "my-data": "myData",
  mydata: "myData",
  "forget-me": "forgetMe",
  "vergeet-mij": "forgetMe",
  organization: "organization",
  org: "organization",
  "?": "help",
};

/** Every (word → command), longest words first so "my data" wins over a shorter prefix. */
const WORDS: ReadonlyArray<[string, TeamsCommand]> = (() => {
  const pairs = new Map<string, TeamsCommand>(Object.entries(ALIASES));
  for (const command of [...TEAMS_COMMANDS, ...TEAMS_UNLISTED_COMMANDS]) {
    for (const locale of LOCALES) pairs.set(translate(locale, `teams.command.${command}` as MessageKey).toLowerCase(), command);
  }
  return [...pairs].sort((a, b) => b[0].length - a[0].length);
})();

/** Parses the (mention-free) message text; null when it is not a command. */
export function parseCommand(text: string): ParsedCommand | null {
  let rest = text.trim().replace(/^\/+/, "");
  if (/^trust(\s|$)/i.test(rest)) rest = rest.slice(5).trim() || "help";
  const lower = rest.toLowerCase();
  for (const [word, command] of WORDS) {
    if (lower === word || lower.startsWith(`${word} `)) return { command, args: rest.slice(word.length).trim() };
  }
  return null;
}
