// Delivering pulse questions as DMs and saving answers: what the pulse handlers share. Answers are
// stored by the pulse service under a keyed hash, never the member id.
import type { PendingPulse, PulseService } from "#core/pulse/pulse-service.js";
import { buildPulseAnsweredView, buildPulseQuestionView, buildPulseThankYouView, type PulseViewOptions } from "#core/pulse/pulse-views.js";
import { renderMessages } from "../../render/render-view.js";
import type { SlackActor } from "../../session/slack-actor.js";
import type { SlackListenerContext } from "../listener-context.js";

const optionsOf = (actor: SlackActor): PulseViewOptions => ({ locale: actor.locale, timeZone: actor.alliance.timezone, k: actor.alliance.anonymityThreshold });

/** Sends the member's open pulse questions as DMs; returns how many were sent. */
export async function sendPendingPulse(ctx: SlackListenerContext, pulse: PulseService, actor: SlackActor): Promise<number> {
  const pending = await pulse.pendingFor(actor, ctx.clock.now());
  let sent = 0;
  for (const round of pending) {
    let sentOfRound = 0;
    for (let i = 0; i < round.questions.length; i++) {
      if (round.questions[i]?.answer !== null) continue;
      const { messages } = renderMessages(buildPulseQuestionView(round, i, optionsOf(actor)));
      for (const message of messages) await ctx.messenger.sendDirect({ teamId: actor.teamId, user: actor.userId }, message);
      sentOfRound += 1;
    }
    // Delivery starts the reminder clock (first delivery wins in the service).
    if (sentOfRound > 0) await pulse.markSent(round.invite.id, ctx.clock.now());
    sent += sentOfRound;
  }
  return sent;
}

export function findQuestion(pending: PendingPulse[], roundId: string, itemKey: string, target: string) {
  const round = pending.find((p) => p.round.id === roundId);
  const question = round?.questions.find((q) => q.itemKey === itemKey && q.targetOrganizationId === target);
  return round && question ? { round, question } : null;
}

/** Saves an answer and turns the question message into its "answered" state. */
export async function recordPulseAnswer(ctx: SlackListenerContext, pulse: PulseService, actor: SlackActor, input: { roundId: string; itemKey: string; targetOrganizationId: string; score: number | null; comment?: string | null }, at: { channel: string; ts: string }): Promise<void> {
  const recorded = await pulse.recordAnswer(actor, input, ctx.clock.now());
  const pending = await pulse.pendingFor(actor, ctx.clock.now());
  const found = findQuestion(pending, input.roundId, input.itemKey, input.targetOrganizationId);
  if (found) {
    const [message] = renderMessages(buildPulseAnsweredView(found.round, found.question, input.score, optionsOf(actor))).messages;
    if (message) await ctx.messenger.update({ teamId: actor.teamId, channel: at.channel, ts: at.ts }, message);
  }
  if (recorded.completed) {
    for (const message of renderMessages(buildPulseThankYouView(optionsOf(actor))).messages) await ctx.messenger.post({ teamId: actor.teamId, channel: at.channel }, message);
  }
}
