// The poll card's buttons in Teams (vote, the per-viewer refresh, close) and the create form's
// submission. Each answers with the card as the member who pressed it sees it.
import { z } from "zod";
import { translate } from "#core/i18n/catalogue.js";
import type { Poll } from "#core/polls/poll.js";
import { isDomainError } from "#core/shared/errors.js";
import type { ActionHandler } from "../handlers/feature-types.js";
import { card, text } from "../render/card-kit.js";
import { POLL_VERBS } from "../render/poll-card.js";
import { CUSTOM_TEMPLATE, POLL_FORM_VERB } from "../render/poll-form-card.js";
import { pollChanged, pollDeadline, pollForm, pollIdField, pollService, postPoll, viewerPollCard, withPhraseErrors, type PollsFeatureDeps } from "./poll-feature-support.js";

const pollFormSchema = z.object({
  template: z.string().max(100).default(CUSTOM_TEMPLATE),
  question: z.string().max(300).default(""),
  options: z.string().max(1_000).default(""),
  mode: z.enum(["single", "multiple"]).default("single"),
  anonymous: z.enum(["true", "false"]).default("false"),
  visibility: z.enum(["live", "after_close", "steering"]).default("live"),
  closes: z.string().max(100).default(""),
  forAlliance: z.enum(["true", "false"]).default("false"),
});

/** Ticks and unticks on the card, applied to the stored choice; rule violations shown in the card. */
export function pollVoteHandler(deps: PollsFeatureDeps): ActionHandler {
  return async function voteOnPoll({ turn, data }) {
    const id = pollIdField.parse(data.pollId);
    const ids = (field: unknown) => (z.string().max(2_000).optional().parse(field) ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    const optionIds = ids(data.choice);
    // `seen` is what the card showed as the voter's choice (see poll-card.ts): what is ticked is
    // added and what was shown but is no longer ticked is taken away, applied by the core to the
    // stored choice in one atomic step. Submitting the same card twice changes nothing.
    const submitted = new Set(optionIds);
    const unselect = ids(data.seen).filter((option) => !submitted.has(option));
    let voted: Poll;
    try {
      voted = (await pollService(deps).changeChoice(turn.member, id, { select: optionIds, unselect })).poll;
    } catch (error) {
      // Rule violations (closed, too many choices, none chosen) are shown inside the card.
      if (!isDomainError(error) || error.code === "NOT_FOUND" || error.code === "FORBIDDEN") throw error;
      const text = translate(turn.locale, `error.${error.code}` as Parameters<typeof translate>[1], error.details);
      return { kind: "card", render: await viewerPollCard(deps, turn, id, text) };
    }
    pollChanged(deps, id, voted);
    return { kind: "card", render: await viewerPollCard(deps, turn, id) };
  };
}

/** Teams' per-viewer refresh: the card with this member's figures, choice and buttons. */
export function pollRefreshHandler(deps: PollsFeatureDeps): ActionHandler {
  return async function refreshPollCard({ turn, data }) {
    return { kind: "card", render: await viewerPollCard(deps, turn, pollIdField.parse(data.pollId)) };
  };
}

/** Closes the poll (creator or admin, checked by the core); every copy follows. */
export function pollCloseHandler(deps: PollsFeatureDeps): ActionHandler {
  return async function closePoll({ turn, data }) {
    const id = pollIdField.parse(data.pollId);
    const { poll } = await pollService(deps).closePoll(turn.member, id);
    pollChanged(deps, id, poll);
    return { kind: "card", render: await viewerPollCard(deps, turn, id) };
  };
}

/** The create form's submission: a template poll, or the member's own question and options. */
export function pollFormHandler(deps: PollsFeatureDeps): ActionHandler {
  return async function submitPollForm({ turn, data, reply }) {
    const input = pollFormSchema.parse(data);
    const anonymous = input.anonymous === "true";
    const forAlliance = input.forAlliance === "true";
    const created = await withPhraseErrors(turn.locale, async () => {
      const closesAt = await pollDeadline(deps, input.closes.trim() || null, turn.member, turn.locale);
      // What the member typed wins over the template (the form says so): a question or
      // options in the form make it their own poll instead of being silently ignored.
      if (input.template !== CUSTOM_TEMPLATE && !input.question.trim() && !input.options.trim()) {
        return pollService(deps).createPollFromTemplate(turn.member, input.template, turn.locale, { anonymous, visibility: input.visibility, closesAt, forAlliance });
      }
      const options = input.options.split(/\r?\n/).map((o) => o.trim()).filter(Boolean);
      return pollService(deps).createPoll(turn.member, { question: input.question, options, mode: input.mode, anonymous, visibility: input.visibility, closesAt, forAlliance });
    }).catch((error: unknown) => {
      if (!isDomainError(error) || error.code === "FORBIDDEN") throw error;
      return { phraseError: translate(turn.locale, `error.${error.code}` as Parameters<typeof translate>[1], error.details) };
    });
    if ("phraseError" in created) return { kind: "card", render: await pollForm(deps, turn, created.phraseError) };
    await postPoll(deps, turn, created, reply);
    const done = translate(turn.locale, "polls.create.created");
    return { kind: "card", render: { card: card([text(done, { color: "Good" })]), summary: done } };
  };
}

/** Every poll card verb → its handler. */
export function pollCardActions(deps: PollsFeatureDeps): Record<string, ActionHandler> {
  return {
    [POLL_VERBS.vote]: pollVoteHandler(deps),
    [POLL_VERBS.refresh]: pollRefreshHandler(deps),
    [POLL_VERBS.close]: pollCloseHandler(deps),
    [POLL_FORM_VERB]: pollFormHandler(deps),
  };
}
