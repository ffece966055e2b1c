// Pulse questions as DMs: the prompt with 1–5 buttons, "can't say" and "add a comment"; once
// answered, the same message is updated to show what was saved.
import type { PulseAnsweredView, PulseQuestionView, PulseThankYouView } from "#core/pulse/pulse-views.js";
import { ACTION } from "../ids.js";
import type { SlackMessage } from "../transport/slack-messenger.js";
import { actions, button, context, sections, type Block } from "./blocks.js";
import { escapeMrkdwn } from "./limits.js";
import { toSingleMessage } from "./message.js";

/** What a pulse button carries: round, item, target organisation and the score ("x" = can't say). */
export function pulseValue(view: Pick<PulseQuestionView, "roundId" | "itemKey" | "targetOrganizationId">, score: number | "x" | "c"): string {
  return [view.roundId, view.itemKey, view.targetOrganizationId, String(score)].join("|");
}

/** One question. */
export function renderPulseQuestion(view: PulseQuestionView): SlackMessage {
  const current = view.current;
  const chosen = (score: number | null) => current !== null && current.score === score;
  const blocks: Block[] = [];
  if (view.intro) blocks.push(...sections(escapeMrkdwn(view.intro)));
  blocks.push(context([[view.progress, view.pillar, view.about].filter(Boolean).map((s) => escapeMrkdwn(s ?? "")).join("  ·  ")]));
  blocks.push(...sections(`*${escapeMrkdwn(view.prompt)}*`));
  const scoreButtons = view.options.map((o) => button(`${o.value} · ${o.label}`, ACTION.pulseScore, pulseValue(view, o.value), chosen(o.value) ? "primary" : undefined));
  blocks.push(...actions(scoreButtons, "pulse.scores"));
  blocks.push(
    ...actions(
      [
        button(view.cantSayLabel, ACTION.pulseScore, pulseValue(view, "x"), chosen(null) ? "primary" : undefined),
        button(view.comment.label, ACTION.pulseComment, pulseValue(view, "c")),
      ],
      "pulse.more",
    ),
  );
  blocks.push(context([escapeMrkdwn(view.closesText)]));
  return toSingleMessage(view.prompt, blocks);
}

/** The question once answered. */
export function renderPulseAnswered(view: PulseAnsweredView): SlackMessage {
  return toSingleMessage(view.text, [...sections(`~${escapeMrkdwn(view.prompt)}~`), context([`✅ ${escapeMrkdwn(view.text)}`])]);
}

/** The end of a round. */
export function renderPulseThankYou(view: PulseThankYouView): SlackMessage {
  return toSingleMessage(view.text, sections(escapeMrkdwn(view.text)));
}
