// "link", "link CODE" and "unlink" (DESIGN.md §2.7). Codes are secret, so linking answers only
// in a 1:1 chat with the bot: the code is shown to the admin who asked, and a code typed in a
// channel would be seen by everyone. The confirmation card names the alliance and its partners;
// its button carries the code back and the core checks everything again before using it.
import { z } from "zod";
import { buildLinkCodeText, buildLinkConfirmView, buildLinkDoneText } from "#core/alliance/space-link-views.js";
import { buildLinkMergeView, buildMergeDoneText } from "#core/alliance/space-merge-views.js";
import { translate } from "#core/i18n/catalogue.js";
import { DomainError } from "#core/shared/errors.js";
import { ALLIANCE_VERBS } from "../render/alliance-cards.js";
import { card, text } from "../render/card-kit.js";
import { renderView } from "../render/render-view.js";
import type { ActionResult, CommandContext, TeamsFeature } from "../handlers/feature-types.js";
import type { TeamsServices } from "../teams-services.js";

const codeSchema = z.object({ code: z.string().regex(/^[A-Za-z0-9 -]{1,40}$/) });

const textCard = (body: string): ActionResult => ({ kind: "card", render: { card: card([text(body)]), summary: body } });

/** The link service, or a refusal when the composition root did not provide it. */
function linksOf(services: TeamsServices) {
  if (!services.links) throw new DomainError("NOT_FOUND", "link service not configured");
  return services.links;
}

/** Answers in a 1:1 chat only; elsewhere says where to ask. */
async function personalOnly({ turn, reply }: CommandContext, command: "link" | "unlink"): Promise<boolean> {
  if (turn.kind === "personal") return true;
  await reply({ text: translate(turn.locale, "link.personalOnly", { command: translate(turn.locale, `teams.command.${command}`) }) });
  return false;
}

/** link / unlink and the confirmation's buttons. */
export function linkFeature(services: TeamsServices): TeamsFeature {
  return {
    commands: {
      async link(context) {
        if (!(await personalOnly(context, "link"))) return;
        const { turn, reply, args } = context;
        const links = linksOf(services);
        const typed = args.trim();
        if (!typed) {
          const issued = await links.issueCode(turn.member);
          const body = buildLinkCodeText(turn.locale, "teams", { code: issued.code, expiresAt: issued.expiresAt, allianceName: issued.alliance.name, timeZone: issued.alliance.timezone });
          return void (await reply({ text: body }));
        }
        const code = typed.toUpperCase();
        // A space with history of its own joins only by a merge: it sees the mapping instead.
        const entry = await links.previewEntry(turn.member, typed);
        const view = entry.kind === "join" ? buildLinkConfirmView(turn.locale, entry.preview, code) : buildLinkMergeView(turn.locale, entry.preview, code);
        await reply(renderView(view));
      },
      async unlink(context) {
        if (!(await personalOnly(context, "unlink"))) return;
        const { left } = await linksOf(services).unlink(context.turn.member);
        await context.reply({ text: translate(context.turn.locale, "link.unlinked", { alliance: left.name }) });
      },
    },
    actions: {
      async [ALLIANCE_VERBS.linkConfirm]({ turn, data }) {
        const { code } = codeSchema.parse(data);
        // The presser must be an admin of this space; the core checks that and the code again.
        const result = await linksOf(services).confirmLink(turn.member, code);
        return textCard(buildLinkDoneText(turn.locale, result.alliance.name, result.organizations.map((o) => o.name)));
      },
      async [ALLIANCE_VERBS.linkMerge]({ turn, data }) {
        const { code } = codeSchema.parse(data);
        // The card's ChoiceSets arrive in the data as "merge.<organisation id>": value. The core
        // refuses the merge unless every organisation of this space's alliance has one.
        const mapping: Record<string, string> = {};
        for (const [key, value] of Object.entries(data)) {
          const organizationId = /^merge\.(.+)$/.exec(key)?.[1];
          if (organizationId && typeof value === "string" && value) mapping[organizationId] = value;
        }
        const result = await linksOf(services).confirmMerge(turn.member, code, mapping);
        return textCard(buildMergeDoneText(turn.locale, result));
      },
      async [ALLIANCE_VERBS.linkCancel]({ turn }) {
        return textCard(translate(turn.locale, "link.cancelled"));
      },
    },
  };
}
