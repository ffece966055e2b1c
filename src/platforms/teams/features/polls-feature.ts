// Polls in Teams: "poll …" with the same grammar as Slack's /poll (or a form), the poll card
// posted into the conversation, votes by Action.Execute answered with the voter's refreshed card,
// per-viewer refresh, closing, and the shared message updated (coalesced) as votes come in.
import { z } from "zod";
import { translate } from "#core/i18n/catalogue.js";
import { pollMessages, type Poll } from "#core/polls/poll.js";
import type { PollService } from "#core/polls/poll-service-types.js";
import { pollLocale } from "#core/polls/poll-locale.js";
import { buildPollView, buildRecurrenceConfirmation } from "#core/polls/poll-views.js";
import type { Clock } from "#core/shared/clock.js";
import { DomainError, isDomainError } from "#core/shared/errors.js";
import type { Actor, Locale } from "#core/shared/refs.js";
import { parsePollCommand } from "#core/polls/poll-command.js";
import { PollPhraseError, readPollDeadline, readPollRecurrence } from "#core/polls/poll-command-input.js";
import type { ActionResult, Reply, TeamsFeature } from "../handlers/feature-types.js";
import type { Turn } from "../handlers/turn.js";
import { POLL_VERBS } from "../render/poll-card.js";
import { CUSTOM_TEMPLATE, POLL_FORM_VERB, renderPollForm } from "../render/poll-form-card.js";
import { renderView } from "../render/render-view.js";
import type { TeamsMessenger } from "../teams-messenger.js";
import type { TeamsServices } from "../teams-services.js";
import type { Coalescer } from "./coalescer.js";
import type { ConversationRepository } from "#core/alliance/workspace-repository.js";
import { card, text } from "../render/card-kit.js";
import { otherSpacesOf } from "#core/polls/alliance-poll-relay.js";

const pollId = z.string().min(1).max(100);

/** What the polls feature needs besides the services. */
export interface PollsFeatureDeps {
  services: TeamsServices;
  messenger: TeamsMessenger;
  clock: Clock;
  /** Coalesced updates of posted poll messages, by poll id. */
  updates: Coalescer;
  conversations: ConversationRepository;
}

/**
 * Updates the shared (public) poll cards to the current results; used by the coalescer. An
 * alliance poll has a card in every linked Teams organisation's alliance channel too (its Slack
 * copies are the Slack adapter's): each is updated, one failure does not hold back the others,
 * and the first failure is thrown afterwards so the caller can try again.
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

/** poll … and the poll card's buttons. */
export function pollsFeature(deps: PollsFeatureDeps): TeamsFeature {
  const { services, clock } = deps;
  const service = (): PollService => {
    if (!services.polls) throw new DomainError("NOT_FOUND", "poll service not configured");
    return services.polls;
  };

  /** The card as `viewer` sees it (their figures, their choice, their buttons). */
  const viewerCard = async (turn: Turn, id: string, error?: string) => {
    const results = await service().getResults(turn.member, id);
    const alliance = await services.alliances.getAlliance(turn.member.allianceId);
    // One message, one language: the poll's (core/polls/poll-locale.ts), like its posted card; a
    // viewer's own language would mix with the question's.
    const locale = await pollLocale(results.poll, services.memberRepository, alliance.locale);
    const view = buildPollView(results, { locale, timeZone: alliance.timezone, now: clock.now() });
    const myChoice = await service().myChoice(turn.member, id);
    const canClose = results.poll.createdById === turn.member.memberId || turn.member.role === "admin";
    return renderView(view, { locale, poll: { myChoice, canClose, error: error ?? null } });
  };

  /** Posts a new poll's public card and remembers where, so votes can update it. */
  const post = async (turn: Turn, poll: Poll, reply: Reply) => {
    const results = await service().getResults(null, poll.id);
    const alliance = await services.alliances.getAlliance(turn.member.allianceId);
    const locale = await pollLocale(poll, services.memberRepository, alliance.locale);
    const view = buildPollView(results, { locale, timeZone: alliance.timezone, now: clock.now() });
    const sent = await reply(renderView(view, { locale }));
    await service().recordMessage(poll.id, { workspaceId: turn.member.workspaceId, conversationId: turn.conversation.conversationId, messageId: sent.id });
    // An alliance poll: its copies go into the other spaces' alliance channels through the outbox.
    const copies = poll.forAlliance && services.pollRelay ? await services.pollRelay.postCopies(poll.id) : 0;
    if (copies > 0) await reply({ text: translate(turn.locale, "polls.create.forAllianceQueued", { count: copies }) });
    // A recurring poll: say the rule in words and when the next run appears.
    const confirmation = buildRecurrenceConfirmation(poll, { locale: turn.locale, timeZone: alliance.timezone, now: clock.now() });
    if (confirmation) await reply({ text: confirmation });
  };

  /** One tally, every copy: a vote or close on an alliance poll updates its copies on the other platform too. */
  const changed = (id: string, poll: Pick<Poll, "forAlliance">) => {
    deps.updates.request(id);
    if (poll.forAlliance) services.pollRelay?.changed(id, "teams");
  };

  /** The form, offering "every space" when other spaces have an alliance channel. */
  const form = async (turn: Turn, error?: string) => {
    const others = services.pollRelay ? otherSpacesOf(await services.pollRelay.targets(turn.member.allianceId), turn.member.workspaceId) : [];
    return renderPollForm(turn.locale, error, others);
  };

  // Teams reads deadlines in the alliance's zone (a Teams turn carries no member zone).
  const deadline = async (text: string | null, actor: Actor, locale: Locale): Promise<Date | null> => {
    if (!text) return null;
    const alliance = await services.alliances.getAlliance(actor.allianceId);
    return readPollDeadline(text, { now: clock.now(), timeZone: alliance.timezone, locale });
  };

  const withPhraseErrors = async <T>(locale: Locale, work: () => Promise<T>): Promise<T | { phraseError: string }> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof PollPhraseError) {
        const key = error.field === "closes" ? "teams.poll.badDeadline" : "teams.poll.badRecurrence";
        return { phraseError: translate(locale, key, { text: error.text }) };
      }
      throw error;
    }
  };

  const vote = async ({ turn, data }: { turn: Turn; data: Record<string, unknown> }): Promise<ActionResult> => {
    const id = pollId.parse(data.pollId);
    const ids = (field: unknown) => (z.string().max(2_000).optional().parse(field) ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    const optionIds = ids(data.choice);
    // `seen` is what the card showed as the voter's choice (see poll-card.ts): what is ticked is
    // added and what was shown but is no longer ticked is taken away, applied by the core to the
    // stored choice in one atomic step. Submitting the same card twice changes nothing.
    const submitted = new Set(optionIds);
    const unselect = ids(data.seen).filter((option) => !submitted.has(option));
    let voted: Poll;
    try {
      voted = (await service().changeChoice(turn.member, id, { select: optionIds, unselect })).poll;
    } catch (error) {
      // Rule violations (closed, too many choices, none chosen) are shown inside the card.
      if (!isDomainError(error) || error.code === "NOT_FOUND" || error.code === "FORBIDDEN") throw error;
      const text = translate(turn.locale, `error.${error.code}` as Parameters<typeof translate>[1], error.details);
      return { kind: "card", render: await viewerCard(turn, id, text) };
    }
    changed(id, voted);
    return { kind: "card", render: await viewerCard(turn, id) };
  };

  return {
    commands: {
      async poll({ turn, args, reply }) {
        if (!args.trim()) return void (await reply(await form(turn)));
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
          service().createPoll(turn.member, { ...draft, closesAt: await deadline(deadlineText, turn.member, turn.locale), recurrence: readPollRecurrence(recurrenceText) }),
        );
        if ("phraseError" in created) return void (await reply({ text: created.phraseError }));
        await post(turn, created, reply);
      },
    },
    refreshVerbs: [POLL_VERBS.refresh],
    actions: {
      [POLL_VERBS.vote]: vote,
      async [POLL_VERBS.refresh]({ turn, data }) {
        return { kind: "card", render: await viewerCard(turn, pollId.parse(data.pollId)) };
      },
      async [POLL_VERBS.close]({ turn, data }) {
        const id = pollId.parse(data.pollId);
        const { poll } = await service().closePoll(turn.member, id);
        changed(id, poll);
        return { kind: "card", render: await viewerCard(turn, id) };
      },
      async [POLL_FORM_VERB]({ turn, data, reply }) {
        const input = z
          .object({
            template: z.string().max(100).default(CUSTOM_TEMPLATE),
            question: z.string().max(300).default(""),
            options: z.string().max(1_000).default(""),
            mode: z.enum(["single", "multiple"]).default("single"),
            anonymous: z.enum(["true", "false"]).default("false"),
            visibility: z.enum(["live", "after_close", "steering"]).default("live"),
            closes: z.string().max(100).default(""),
            forAlliance: z.enum(["true", "false"]).default("false"),
          })
          .parse(data);
        const anonymous = input.anonymous === "true";
        const forAlliance = input.forAlliance === "true";
        const created = await withPhraseErrors(turn.locale, async () => {
          const closesAt = await deadline(input.closes.trim() || null, turn.member, turn.locale);
          // What the member typed wins over the template (the form says so): a question or
          // options in the form make it their own poll instead of being silently ignored.
          if (input.template !== CUSTOM_TEMPLATE && !input.question.trim() && !input.options.trim()) {
            return service().createPollFromTemplate(turn.member, input.template, turn.locale, { anonymous, visibility: input.visibility, closesAt, forAlliance });
          }
          const options = input.options.split(/\r?\n/).map((o) => o.trim()).filter(Boolean);
          return service().createPoll(turn.member, { question: input.question, options, mode: input.mode, anonymous, visibility: input.visibility, closesAt, forAlliance });
        }).catch((error: unknown) => {
          if (!isDomainError(error) || error.code === "FORBIDDEN") throw error;
          return { phraseError: translate(turn.locale, `error.${error.code}` as Parameters<typeof translate>[1], error.details) };
        });
        if ("phraseError" in created) return { kind: "card", render: await form(turn, created.phraseError) };
        await post(turn, created, reply);
        const done = translate(turn.locale, "polls.create.created");
        return { kind: "card", render: { card: card([text(done, { color: "Good" })]), summary: done } };
      },
    },
  };
}
