/** The slash commands the app answers; manifests/slack.yaml declares the same (a test checks). */
export const SLASH_COMMANDS = ["/poll", "/commit", "/pulse", "/trust"] as const;

/** One of the app's slash commands. */
export type SlashCommand = (typeof SLASH_COMMANDS)[number];
