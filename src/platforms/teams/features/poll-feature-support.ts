// What the Teams poll handlers share: their dependencies, the card as one viewer sees it, posting a
// new poll's card, telling every copy that the tally changed, the create form, and reading the
// deadline phrase in the alliance's time zone.
import { z } from "zod";
import { translate } from "#core/i18n/catalogue.js";
import type { ConversationRepository } from "#core/alliance/workspace-repository.js";
import { otherSpacesOf } from "#core/polls/alliance-poll-relay.js";
import type { Poll } from "#core/polls/poll.js";
import { PollPhraseError, readPollDeadline } from "#core/polls/poll-command-input.js";
import { pollLocale } from "#core/polls/poll-locale.js";
import type { PollService } from "#core/polls/poll-service-types.js";
import { buildPollView, buildRecurrenceConfirmation } from "#core/polls/poll-views.js";
import type { Clock } from "#core/shared/clock.js";
import { DomainError } from "#core/shared/errors.js";
import type { Actor, Locale } from "#core/shared/refs.js";
import type { Reply } from "../handlers/feature-types.js";
import type { Turn } from "../handlers/turn.js";
import { renderPollForm } from "../render/poll-form-card.js";
import { renderView } from "../render/render-view.js";
import type { TeamsMessenger } from "../teams-messenger.js";
import type { TeamsServices } from "../teams-services.js";
import type { Coalescer } from "./coalescer.js";

/** A poll id from a card's data. */
export const pollIdField = z.string().min(1).max(100);

/** What the polls feature needs besides the services. */
export interface PollsFeatureDeps {
  services: TeamsServices;
  messenger: TeamsMessenger;
  clock: Clock;
  /** Coalesced updates of posted poll messages, by poll id. */
  updates: Coalescer;
  conversations: ConversationRepository;
}

/** The core service; absent only when the composition root left polls out. */
export function pollService({ services }: Pick<PollsFeatureDeps, "services">): PollService {
  if (!services.polls) throw new DomainError("NOT_FOUND", "poll service not configured");
  return services.polls;
}

/** The card as the member in `turn` sees it (their figures, their choice, their buttons). */
export async function viewerPollCard(deps: PollsFeatureDeps, turn: Turn, id: string, error?: string) {
  const { services, clock } = deps;
  const results = await pollService(deps).getResults(turn.member, id);
  const alliance = await services.alliances.getAlliance(turn.member.allianceId);
  // One message, one language: the poll's (core/polls/poll-locale.ts), like its posted card; a
  // viewer's own language would mix with the question's.
  const locale = await pollLocale(results.poll, services.memberRepository, alliance.locale);
  const view = buildPollView(results, { locale, timeZone: alliance.timezone, now: clock.now() });
  const myChoice = await pollService(deps).myChoice(turn.member, id);
  const canClose = results.poll.createdById === turn.member.memberId || turn.member.role === "admin";
  return renderView(view, { locale, poll: { myChoice, canClose, error: error ?? null } });
}

/** Posts a new poll's public card and remembers where, so votes can update it. */
export async function postPoll(deps: PollsFeatureDeps, turn: Turn, poll: Poll, reply: Reply): Promise<void> {
  const { services, clock } = deps;
  const results = await pollService(deps).getResults(null, poll.id);
  const alliance = await services.alliances.getAlliance(turn.member.allianceId);
  const locale = await pollLocale(poll, services.memberRepository, alliance.locale);
  const view = buildPollView(results, { locale, timeZone: alliance.timezone, now: clock.now() });
  const sent = await reply(renderView(view, { locale }));
  await pollService(deps).recordMessage(poll.id, { workspaceId: turn.member.workspaceId, conversationId: turn.conversation.conversationId, messageId: sent.id });
  // An alliance poll: its copies go into the other spaces' alliance channels through the outbox.
  const copies = poll.forAlliance && services.pollRelay ? await services.pollRelay.postCopies(poll.id) : 0;
  if (copies > 0) await reply({ text: translate(turn.locale, "polls.create.forAllianceQueued", { count: copies }) });
  // A recurring poll: say the rule in words and when the next run appears.
  const confirmation = buildRecurrenceConfirmation(poll, { locale: turn.locale, timeZone: alliance.timezone, now: clock.now() });
  if (confirmation) await reply({ text: confirmation });
}

/** One tally, every copy: a vote or close on an alliance poll updates its copies on the other platform too. */
export function pollChanged({ services, updates }: PollsFeatureDeps, id: string, poll: Pick<Poll, "forAlliance">): void {
  updates.request(id);
  if (poll.forAlliance) services.pollRelay?.changed(id, "teams");
}

/** The create form, offering "every space" when other spaces have an alliance channel. */
export async function pollForm({ services }: PollsFeatureDeps, turn: Turn, error?: string) {
  const others = services.pollRelay ? otherSpacesOf(await services.pollRelay.targets(turn.member.allianceId), turn.member.workspaceId) : [];
  return renderPollForm(turn.locale, error, others);
}

/** A deadline phrase read in the alliance's zone (a Teams turn carries no member zone). */
export async function pollDeadline({ services, clock }: PollsFeatureDeps, text: string | null, actor: Actor, locale: Locale): Promise<Date | null> {
  if (!text) return null;
  const alliance = await services.alliances.getAlliance(actor.allianceId);
  return readPollDeadline(text, { now: clock.now(), timeZone: alliance.timezone, locale });
}

/** Runs `work`; a deadline or recurrence phrase it could not read becomes a message to show. */
export async function withPhraseErrors<T>(locale: Locale, work: () => Promise<T>): Promise<T | { phraseError: string }> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PollPhraseError) {
      const key = error.field === "closes" ? "teams.poll.badDeadline" : "teams.poll.badRecurrence";
      return { phraseError: translate(locale, key, { text: error.text }) };
    }
    throw error;
  }
}
