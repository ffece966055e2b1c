// "Which organisation do you work for?": what a member without an organisation sees instead of a
// dead end when a command needs one (commit, pulse, culture), when they type "organisation", and
// when a service call fails for want of one. Answering replaces the card with a confirmation and
// carries out the command that made it ask (its text travels in the card's button data).
import { z } from "zod";
import { buildChooseOrganizationView } from "#core/alliance/alliance-views.js";
import { translate } from "#core/i18n/catalogue.js";
import { parseCommand } from "../commands/command-parser.js";
import type { Reply } from "../handlers/feature-types.js";
import { commandTextOf } from "../handlers/inbound-activity.js";
import type { Turn } from "../handlers/turn.js";
import { card, text } from "../render/card-kit.js";
import type { CardRender } from "../render/render-types.js";
import { renderView } from "../render/render-view.js";
import type { TeamsServices } from "../teams-services.js";

/** The typed message to carry out once the organisation is chosen: its text and its mentions. */
const pendingCommandSchema = z.object({
  text: z.string().max(4_000),
  entities: z.array(z.object({ type: z.string() }).loose()).max(50).optional(),
});

/**
 * The command that made the chooser appear (a typed "commit …", "pulse", "culture"), so it can
 * be carried out after the member picks instead of being dropped; null for a button press or
 * for "organisation" itself.
 */
function pendingCommandOf(turn: Turn): string | null {
  const { activity } = turn;
  if (activity.type !== "message" || !activity.text) return null;
  const parsed = parseCommand(commandTextOf(activity));
  if (!parsed || parsed.command === "organization") return null;
  return JSON.stringify(pendingCommandSchema.parse({ text: activity.text.slice(0, 4_000), entities: activity.entities }));
}

/** The pending command from the chooser's button data; null when absent or not well formed. */
export function readPendingCommand(then: string | undefined): z.infer<typeof pendingCommandSchema> | null {
  if (!then) return null;
  try {
    const parsed = pendingCommandSchema.safeParse(JSON.parse(then));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The chooser card for the turn's member, with `error` shown in it when given. */
export async function organizationChooser(services: TeamsServices, turn: Turn, error?: string): Promise<CardRender> {
  const organizations = await services.alliances.listOrganizations(turn.member.allianceId);
  const then = pendingCommandOf(turn);
  return renderView(buildChooseOrganizationView(turn.locale, organizations), { ...(error ? { error } : {}), ...(then ? { then } : {}) });
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
