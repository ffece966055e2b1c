// "health": the current trust-health summary, on demand, as the weekly summary card.
import { translate } from "#core/i18n/catalogue.js";
import type { Clock } from "#core/shared/clock.js";
import type { TeamsFeature } from "../handlers/feature-types.js";
import { renderView } from "../render/render-view.js";
import type { TeamsServices } from "../teams-services.js";

/** health. */
export function healthFeature(services: TeamsServices, clock: Clock): TeamsFeature {
  return {
    commands: {
      async health({ turn, reply }) {
        if (!services.summary) return void (await reply({ text: translate(turn.locale, "teams.notAvailable") }));
        const view = await services.summary.current(turn.member.allianceId, turn.locale, clock.now());
        await reply(renderView(view, { locale: turn.locale }));
      },
    },
  };
}
