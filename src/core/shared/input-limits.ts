/**
 * Longest command a member may type, on any platform (a 300-character poll question with ten
 * 75-character options and its keywords fits). Platforms check it after acknowledging the request
 * and answer a longer command with `error.INPUT_TOO_LONG` naming this limit, so an over-long
 * command is never met with silence.
 */
export const COMMAND_TEXT_MAX = 2000;
