// Installation into a team, a group chat or a personal scope. Teams sends conversationUpdate
// (membersAdded includes the bot) and installationUpdate; either way we store the conversation
// reference so the scheduler can post there later, and greet once, on the bot's own arrival.
import { translate } from "../../../core/i18n/catalogue.js";
import type { Dispatcher } from "./dispatch.js";
import { parseInbound } from "./inbound-activity.js";

/** conversationUpdate: store the reference; say hello when the bot itself was added. */
export async function onConversationUpdate(raw: unknown, dispatcher: Dispatcher): Promise<void> {
  const activity = parseInbound(raw);
  if (!activity) return;
  const botAdded = activity.membersAdded?.some((member) => member.id === activity.recipient.id) ?? false;
  // A user joining or leaving a team is not news for us; only our own arrival is.
  if (!botAdded) return;
  await dispatcher.withTurn(activity, async (turn, reply) => {
    const name = turn.member.displayName;
    // Join events carry no name; without one from the member API we greet without a name.
    const text =
      turn.kind !== "personal"
        ? translate(turn.locale, "teams.welcome.channel")
        : name
          ? translate(turn.locale, "teams.welcome.personal", { name })
          : translate(turn.locale, "teams.welcome.personalNoName");
    await reply({ text });
  });
}

/** installationUpdate: "add" (and "add-upgrade") store the reference; removal needs nothing. */
export async function onInstallationUpdate(raw: unknown, dispatcher: Dispatcher): Promise<void> {
  const activity = parseInbound(raw);
  if (!activity || !activity.action?.startsWith("add")) return;
  await dispatcher.withTurn(activity, async () => undefined);
}
