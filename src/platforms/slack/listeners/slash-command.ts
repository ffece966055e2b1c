// Registers a slash command so that its work can also be run later, outside the request that
// carried it: when a command needs the member's organisation and the bot had to ask first, the
// answer to that question carries the command out (trust/org-choice.ts) instead of dropping it.
import type { App, RespondFn } from "@slack/bolt";
import type { SlashCommand } from "./commands.js";
import { parseCommand } from "./common.js";
import type { SlackListenerContext, SlashCommandWork } from "./listener-context.js";

/** app.command(name) that acks at once and runs `work`; `work` is kept in ctx.slashCommands by name. */
export function registerSlashCommand(app: App, ctx: SlackListenerContext, name: SlashCommand, work: SlashCommandWork): void {
  ctx.slashCommands.set(name, work);
  app.command(name, async ({ ack, command, respond, client }) => {
    // Ack first: anything refused before the ack gets no answer at all (Bolt gives up after 3 s).
    await ack();
    await work({ ...parseCommand(command), command: name }, respond, client);
  });
}

/**
 * A respond function for a response_url kept from an earlier request (valid for 30 minutes and
 * five answers), used when a command waited for the organisation question.
 */
export function respondTo(responseUrl: string): RespondFn {
  return async (message) => {
    const body = typeof message === "string" ? { text: message } : message;
    const res = await fetch(responseUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`response_url answered ${res.status}`);
    return { ok: true } as never;
  };
}
