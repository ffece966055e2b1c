// "my data" and "forget me". Both only in a 1:1 chat: an export is personal, and a "forget me"
// confirmation in a channel could be pressed by someone else. The export is offered as a JSON
// file through Teams' file-consent card; on "Allow" the data is exported again and uploaded.
import { z } from "zod";
import { buildForgetMeConfirmView, buildForgetMeDoneText, buildMyDataView } from "#core/alliance/alliance-views.js";
import { translate } from "#core/i18n/catalogue.js";
import { DomainError } from "#core/shared/errors.js";
import type { Locale } from "#core/shared/refs.js";
import { ALLIANCE_VERBS } from "../render/alliance-cards.js";
import { card, text } from "../render/card-kit.js";
import { renderView } from "../render/render-view.js";
import type { CommandContext, TeamsFeature } from "../handlers/feature-types.js";
import type { TeamsServices } from "../teams-services.js";
import type { FileOffer } from "./file-consent.js";

const personalOnly = async ({ turn, reply }: CommandContext, command: "myData" | "forgetMe"): Promise<boolean> => {
  if (turn.kind === "personal") return true;
  await reply({ text: translate(turn.locale, "teams.personalOnly", { command: translate(turn.locale, `teams.command.${command}`) }) });
  return false;
};

/** Builds the export file for a member (also called again when they accept the upload). */
export async function myDataFile(services: TeamsServices, memberId: string, locale: Locale): Promise<FileOffer> {
  if (!services.privacy) throw new DomainError("NOT_FOUND", "privacy service not configured");
  const view = buildMyDataView(locale, await services.privacy.exportMyData(memberId));
  return { name: view.file.name, description: view.title, content: view.file.content };
}

/** my data / forget me. `offerFile` sends the file-consent card into the 1:1 chat. */
export function privacyFeature(services: TeamsServices, offerFile: (context: CommandContext, offer: FileOffer) => Promise<void>): TeamsFeature {
  return {
    commands: {
      async myData(context) {
        if (!(await personalOnly(context, "myData"))) return;
        const { turn, reply } = context;
        if (!services.privacy) return void (await reply({ text: translate(turn.locale, "teams.notAvailable") }));
        const view = buildMyDataView(turn.locale, await services.privacy.exportMyData(turn.member.memberId));
        await reply(renderView(view));
        await offerFile(context, { name: view.file.name, description: view.title, content: view.file.content });
      },
      async forgetMe(context) {
        if (!(await personalOnly(context, "forgetMe"))) return;
        await context.reply(renderView(buildForgetMeConfirmView(context.turn.locale, context.turn.member.memberId)));
      },
    },
    actions: {
      async [ALLIANCE_VERBS.forgetConfirm]({ turn, data }) {
        const { memberId } = z.object({ memberId: z.string().min(1).max(100) }).parse(data);
        if (!services.privacy) throw new DomainError("NOT_FOUND", "privacy service not configured");
        // The button carries the id it was shown to; the core lets nobody else press it.
        const result = await services.privacy.confirmForgetMe({ memberId: turn.member.memberId }, memberId);
        const done = buildForgetMeDoneText(turn.locale, result);
        return { kind: "card", render: { card: card([text(done)]), summary: done } };
      },
      async [ALLIANCE_VERBS.forgetCancel]({ turn }) {
        const cancelled = translate(turn.locale, "common.cancel");
        return { kind: "card", render: { card: card([text(`✕ ${cancelled}`, { isSubtle: true })]), summary: cancelled } };
      },
    },
  };
}
