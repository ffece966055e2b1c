// The shared (public) poll cards brought up to the current results: what the coalescer runs after
// votes and closes. An alliance poll has a card in every linked Teams organisation's alliance
// channel too (its Slack copies are the Slack adapter's).
import { pollMessages } from "#core/polls/poll.js";
import { pollLocale } from "#core/polls/poll-locale.js";
import { buildPollView } from "#core/polls/poll-views.js";
import type { PollsFeatureDeps } from "./poll-feature-support.js";

/**
 * Updates every Teams card of poll `id`; one failure does not hold back the others, and the first
 * failure is thrown afterwards so the caller can try again.
 */
export async function refreshPostedPoll(deps: Pick<PollsFeatureDeps, "services" | "messenger" | "clock" | "conversations">, id: string): Promise<void> {
  const polls = deps.services.polls;
  if (!polls) return;
  const results = await polls.getResults(null, id);
  const refs = pollMessages(results.poll);
  // Only conversations the Teams adapter knows (with a service URL) are Teams ones.
  const conversations = await Promise.all(refs.map((ref) => deps.conversations.findConversation(ref.workspaceId, ref.conversationId)));
  const cards = refs.flatMap((ref, i) => (conversations[i]?.serviceUrl ? [{ ref, conversation: conversations[i]! }] : []));
  if (cards.length === 0) return;
  const alliance = await deps.services.alliances.getAlliance(results.poll.allianceId);
  const locale = await pollLocale(results.poll, deps.services.memberRepository, alliance.locale);
  const view = buildPollView(results, { locale, timeZone: alliance.timezone, now: deps.clock.now() });
  let failure: unknown = null;
  for (const { ref, conversation } of cards) {
    try {
      await deps.messenger.update(conversation, ref.messageId, view, { locale });
    } catch (error) {
      failure ??= error;
    }
  }
  if (failure !== null) throw failure;
}
