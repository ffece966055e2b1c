// /trust health | setup | steering | culture | my-data | forget-me | link | unlink | help: the
// command's words (English and Dutch) to the flow that answers them.
import { buildHelpView, buildSteeringText } from "#core/alliance/alliance-views.js";
import { translate } from "#core/i18n/catalogue.js";
import { renderMessages } from "../../render/render-view.js";
import { replyPrivately, respondWith } from "../common.js";
import type { SlackListenerContext, SlashCommandWork } from "../listener-context.js";
import { openCultureModal } from "./culture-flow.js";
import { showHealth } from "./health-flow.js";
import { answerLink, answerUnlink } from "./link-flow.js";
import { answerCommandAsMember, openChooseOrganization } from "./org-choice.js";
import { forgetMeConfirmation, sendMyData } from "./privacy-flow.js";
import { openSetupModal } from "./setup-flow.js";

type Sub = "health" | "setup" | "culture" | "my-data" | "forget-me" | "help" | "organisation" | "steering" | "link" | "unlink";

const SUBCOMMANDS: Record<string, Sub> = {
  health: "health", gezondheid: "health", status: "health",
  setup: "setup", instellingen: "setup", inrichting: "setup",
  culture: "culture", cultuur: "culture",
  "my-data": "my-data", mydata: "my-data", "mijn-gegevens": "my-data", data: "my-data",
  "forget-me": "forget-me", forgetme: "forget-me", "vergeet-mij": "forget-me",
  help: "help", hulp: "help", "": "help",
  organisation: "organisation", organization: "organisation", org: "organisation", organisatie: "organisation",
  link: "link", koppelen: "link", koppel: "link",
  unlink: "unlink", ontkoppelen: "unlink", ontkoppel: "unlink",
  steering: "steering", stuurgroep: "steering",
};

/** Slack user mentions in command text: <@U123> or <@U123|name>. */
const MENTION = /<@([A-Z0-9]{2,30})(?:\|[^>]*)?>/g;

export function trustCommandHandler(ctx: SlackListenerContext): SlashCommandWork {
  return async function handleTrustCommand(cmd, respond, client) {
    const [word = "", ...rest] = cmd.text.trim().toLowerCase().split(/\s+/);
    const sub = SUBCOMMANDS[word];
    await answerCommandAsMember(ctx, respond, cmd, client, async (actor) => {
      const { locale } = actor;
      switch (sub) {
        case "help": {
          for (const message of renderMessages(buildHelpView(locale, "slack", actor.alliance.anonymityThreshold)).messages) {
            await respondWith(respond, message);
          }
          return;
        }
        case "setup":
          return await openSetupModal(ctx, client, actor, cmd.trigger_id, cmd.channel_id);
        case "organisation":
          return await openChooseOrganization(ctx, client, actor, cmd.trigger_id);
        case "culture":
          if (!ctx.culture) return await replyPrivately(respond, translate(locale, "error.unexpected"));
          // The assessment is about one's own organisation: ask for it first when unknown.
          if (actor.organizationId === null) return await openChooseOrganization(ctx, client, actor, cmd.trigger_id);
          return await openCultureModal(ctx, ctx.culture, client, actor, cmd.trigger_id);
        case "my-data":
          if (!ctx.privacy) return await replyPrivately(respond, translate(locale, "error.unexpected"));
          await sendMyData(ctx, ctx.privacy, actor);
          return await replyPrivately(respond, translate(locale, "slack.dmSent"));
        case "forget-me":
          for (const message of forgetMeConfirmation(actor)) {
            await respondWith(respond, message);
          }
          return;
        case "link":
          if (!ctx.links) return await replyPrivately(respond, translate(locale, "error.unexpected"));
          return await answerLink(ctx.links, actor, respond, rest.join(""));
        case "unlink":
          if (!ctx.links) return await replyPrivately(respond, translate(locale, "error.unexpected"));
          return await answerUnlink(ctx, ctx.links, actor, respond);
        case "steering": {
          // `/trust steering` shows the committee; `… @a @b` names them and `… remove @a` takes
          // someone off (admins only, checked by the core).
          const userIds = [...cmd.text.matchAll(MENTION)].map((m) => m[1] ?? "");
          if (userIds.length > 0) {
            const memberIds = await Promise.all(userIds.map(async (userId) => (await ctx.resolveActor({ teamId: actor.teamId, userId }, client)).memberId));
            const remove = rest.some((w) => ["remove", "verwijder", "off", "eraf"].includes(w));
            await ctx.members.changeSteering(actor, remove ? { remove: memberIds } : { add: memberIds });
            ctx.forgetActors();
          }
          const committee = await ctx.members.steeringCommittee(actor.allianceId);
          return await replyPrivately(respond, buildSteeringText(locale, "slack", committee).join("\n"));
        }
        case "health":
          return await showHealth(ctx, actor, respond, { toChannel: rest.some((w) => ["channel", "kanaal", "share", "delen"].includes(w)), channel: cmd.channel_id });
        default:
          return await replyPrivately(respond, translate(locale, "slack.unknownSubcommand", { text: cmd.text.trim() }));
      }
      // Setup opens straight away: the admin defines the organisations in it (asked after saving).
    }, { askOrganization: sub !== "setup" });
  };
}
