// Pulse check-ins in a 1:1 chat: "pulse" sends the member's next open question; answering
// (Action.Execute) replaces the question with the saved state and sends the next one, or the
// thank-you at the end of the round. The scheduler's proactive round uses the same cards.
import { z } from "zod";
import { translate } from "#core/i18n/catalogue.js";
import type { PendingPulse, PulseService } from "#core/pulse/pulse-service.js";
import { buildPulseAnsweredView, buildNoPulseOpenText, buildPulseQuestionView, buildPulseThankYouView, type PulseViewOptions } from "#core/pulse/pulse-views.js";
import type { Clock } from "#core/shared/clock.js";
import { DomainError } from "#core/shared/errors.js";
import type { Actor, Locale } from "#core/shared/refs.js";
import type { TeamsFeature } from "../handlers/feature-types.js";
import { CANT_SAY, PULSE_VERBS } from "../render/pulse-cards.js";
import { renderView } from "../render/render-view.js";
import type { TeamsServices } from "../teams-services.js";
import { requireOrganization } from "./organization-prompt.js";

const answerSchema = z.object({
  roundId: z.string().min(1).max(100),
  itemKey: z.string().min(1).max(100),
  target: z.string().max(100).default(""),
  score: z.union([z.literal(CANT_SAY), z.coerce.number().int().min(1).max(5)], { error: "choose an answer" }),
  comment: z.string().max(2_000).optional(),
});

/** The next unanswered question of the first open round, or null when there is none. */
export function nextQuestion(pending: readonly PendingPulse[]): { round: PendingPulse; index: number } | null {
  for (const round of pending) {
    const index = round.questions.findIndex((q) => q.answer === null);
    if (index >= 0) return { round, index };
  }
  return null;
}

/** pulse and the answer button. */
export function pulseFeature(services: TeamsServices, clock: Clock): TeamsFeature {
  const service = (): PulseService => {
    if (!services.pulse) throw new DomainError("NOT_FOUND", "pulse service not configured");
    return services.pulse;
  };
  const viewOptions = async (actor: Actor, locale: Locale): Promise<PulseViewOptions> => {
    const alliance = await services.alliances.getAlliance(actor.allianceId);
    return { locale, timeZone: alliance.timezone, k: alliance.anonymityThreshold };
  };

  return {
    commands: {
      async pulse({ turn, reply }) {
        // Members without an organisation are never invited: "nothing open" would be a dead end.
        if (!(await requireOrganization(services, turn, reply))) return;
        const pending = await service().pendingFor(turn.member, clock.now());
        const next = nextQuestion(pending);
        if (!next) {
          const alliance = await services.alliances.getAlliance(turn.member.allianceId);
          return void (await reply({ text: buildNoPulseOpenText(alliance, clock.now(), turn.locale) }));
        }
        await reply(renderView(buildPulseQuestionView(next.round, next.index, await viewOptions(turn.member, turn.locale))));
      },
    },
    actions: {
      async [PULSE_VERBS.answer]({ turn, data, reply }) {
        const input = answerSchema.parse(data);
        const score = input.score === CANT_SAY ? null : input.score;
        const now = clock.now();
        const recorded = await service().recordAnswer(turn.member, { roundId: input.roundId, itemKey: input.itemKey, targetOrganizationId: input.target, score, comment: input.comment ?? null }, now);
        const options = await viewOptions(turn.member, turn.locale);
        const pending = await service().pendingFor(turn.member, now);
        const round = pending.find((p) => p.round.id === input.roundId);
        const question = round?.questions.find((q) => q.itemKey === input.itemKey && q.targetOrganizationId === input.target);
        const next = nextQuestion(pending);
        // The next question follows as a new message; the thank-you only once, when the round is done.
        if (next) await reply(renderView(buildPulseQuestionView(next.round, next.index, options)));
        else if (recorded.completed) await reply(renderView(buildPulseThankYouView(options)));
        if (!round || !question) return { kind: "message", text: translate(turn.locale, "pulse.answered", { answer: "", closes: "" }) };
        return { kind: "card", render: renderView(buildPulseAnsweredView(round, question, score, options)) };
      },
    },
  };
}
