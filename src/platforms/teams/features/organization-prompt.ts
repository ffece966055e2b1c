// "Which organisation do you work for?": what a member without an organisation sees instead of a
// dead end when a command needs one (commit, pulse, culture), when they type "organisation", and
// when a service call fails for want of one. Answering replaces the card with a confirmation.
import { buildChooseOrganizationView } from "../../../core/alliance/alliance-views.js";
import { translate } from "../../../core/i18n/catalogue.js";
import type { Reply } from "../handlers/feature-types.js";
import type { Turn } from "../handlers/turn.js";
import { card, text } from "../render/card-kit.js";
import type { CardRender } from "../render/render-types.js";
import { renderView } from "../render/render-view.js";
import type { TeamsServices } from "../teams-services.js";

/** The chooser card for the turn's member, with `error` shown in it when given. */
export async function organizationChooser(services: TeamsServices, turn: Turn, error?: string): Promise<CardRender> {
  const organizations = await services.alliances.listOrganizations(turn.member.allianceId);
  return renderView(buildChooseOrganizationView(turn.locale, organizations), error ? { error } : {});
}

/** True when the member has an organisation; otherwise sends the chooser and returns false. */
export async function requireOrganization(services: TeamsServices, turn: Turn, reply: Reply): Promise<boolean> {
  if (turn.member.organizationId !== null) return true;
  await reply(await organizationChooser(services, turn));
  return false;
}

/** What replaces the chooser once answered: "Thanks! You're now with Acme." (no buttons left). */
export function organizationChosenCard(turn: Turn, organizationName: string): CardRender {
  const done = translate(turn.locale, "alliance.chooseOrg.done", { name: organizationName });
  return { card: card([text(done, { color: "Good" })]), summary: done };
}
