// "poll …" in Teams: the form when empty, otherwise a poll from the one-line grammar shared with
// Slack's /poll (core/polls/poll-command.ts).
import { translate } from "#core/i18n/catalogue.js";
import { parsePollCommand } from "#core/polls/poll-command.js";
import { readPollRecurrence } from "#core/polls/poll-command-input.js";
import type { CommandHandler } from "../handlers/feature-types.js";
import { pollDeadline, pollForm, pollService, postPoll, withPhraseErrors, type PollsFeatureDeps } from "./poll-feature-support.js";

export function pollCommandHandler(deps: PollsFeatureDeps): CommandHandler {
  return async function handlePollCommand({ turn, args, reply }) {
    if (!args.trim()) return void (await reply(await pollForm(deps, turn)));
    const parsed = parsePollCommand(args);
    if (!parsed.ok) {
      const problem =
        parsed.error.code === "unknown_word"
          ? translate(turn.locale, "teams.poll.unknownWord", { word: parsed.error.word })
          : parsed.error.code === "unclosed_quote"
            ? translate(turn.locale, "teams.poll.unclosedQuote")
            : "";
      return void (await reply({ text: `${problem} ${translate(turn.locale, "teams.poll.usage")}`.trim() }));
    }
    const { deadlineText, recurrenceText, ...draft } = parsed.draft;
    const created = await withPhraseErrors(turn.locale, async () =>
      pollService(deps).createPoll(turn.member, { ...draft, closesAt: await pollDeadline(deps, deadlineText, turn.member, turn.locale), recurrence: readPollRecurrence(recurrenceText) }),
    );
    if ("phraseError" in created) return void (await reply({ text: created.phraseError }));
    await postPoll(deps, turn, created, reply);
  };
}
