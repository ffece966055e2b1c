// /pulse and App Home's "open pulse" button: both send the member's open questions as DMs.
import { translate } from "#core/i18n/catalogue.js";
import type { PulseService } from "#core/pulse/pulse-service.js";
import { buildNoPulseOpenText } from "#core/pulse/pulse-views.js";
import { afterAckAsMember, interactionIdentity, replyPrivately } from "../common.js";
import type { ActionArgs } from "../handler-args.js";
import type { SlackListenerContext, SlashCommandWork } from "../listener-context.js";
import { answerCommandAsMember } from "../trust/org-choice.js";
import { sendPendingPulse } from "./pulse-delivery.js";

/** /pulse: the open questions by DM, or when the next round opens. */
export function pulseCommandHandler(ctx: SlackListenerContext, pulse: PulseService): SlashCommandWork {
  return async function handlePulseCommand(cmd, respond, client) {
    await answerCommandAsMember(ctx, respond, cmd, client, async (actor) => {
      const { locale } = actor;
      const sent = await sendPendingPulse(ctx, pulse, actor);
      if (sent > 0) return void (await replyPrivately(respond, translate(locale, "slack.pulse.sent")));
      const alliance = await ctx.alliances.getAlliance(actor.allianceId);
      await replyPrivately(respond, buildNoPulseOpenText(alliance, ctx.clock.now(), locale));
    });
  };
}

export function homeOpenPulseHandler(ctx: SlackListenerContext, pulse: PulseService) {
  return async function handleHomeOpenPulse({ ack, body, client, respond }: ActionArgs): Promise<void> {
    await ack();
    await afterAckAsMember(ctx, respond, () => interactionIdentity(body), client, async (actor) => {
      await sendPendingPulse(ctx, pulse, actor);
    });
  };
}
