// help, setup and "which organisation are you with?" (handlers in organization-choice-handlers.ts):
// administration by card. The setup form's inputs are flat strings (Adaptive Cards have no nested
// inputs), reassembled here into the shape the core validates; field errors come back into the
// same card, next to their field.
import { z } from "zod";
import { buildHelpView, buildSetupFormView, buildSetupSavedText, buildSteeringText } from "#core/alliance/alliance-views.js";
import { commandTextWithMentions } from "../handlers/inbound-activity.js";
import type { SetupFieldError, SetupInputRaw } from "#core/alliance/setup-input.js";
import type { Clock } from "#core/shared/clock.js";
import { DomainError } from "#core/shared/errors.js";
import { translate } from "#core/i18n/catalogue.js";
import { ALLIANCE_VERBS } from "../render/alliance-cards.js";
import type { Action, CardElement } from "@microsoft/teams.cards";
import { card, text } from "../render/card-kit.js";
import { renderView } from "../render/render-view.js";
import { organizationChooser } from "./organization-prompt.js";
import type { TeamsFeature } from "../handlers/feature-types.js";
import type { Turn } from "../handlers/turn.js";
import type { TeamsServices } from "../teams-services.js";
import { approveOrganizationHandler, chooseOrganizationHandler, organizationCommandHandler, type SendToMember } from "./organization-choice-handlers.js";

const textField = z.string().max(500).optional();
/** Blank number fields mean "keep the default", not 0. */
const blankToUndefined = (value: string | undefined) => (value === undefined || value.trim() === "" ? undefined : value.trim());

/** The setup card's inputs plus the button data. */
const setupSubmitSchema = z
  .object({
    name: textField,
    orgs: z.string().max(20_000).default("[]"),
    steering: z.string().max(2_000).default(""),
    steeringHere: z.enum(["true", "false"]).optional(),
    allianceHere: z.enum(["true", "false"]).optional(),
    /** The alliance channel the card was shown with (JSON), to tell "switched off here" from "elsewhere". */
    alliance: z.string().max(2_000).default(""),
    uncertainty: textField,
    anonymityThreshold: textField,
    cultureFlagThreshold: textField,
    commitmentReminderDays: textField,
    locale: textField,
    timezone: textField,
  })
  .catchall(z.string().max(500));

const orgMetaSchema = z.array(z.object({ id: z.string().nullable(), slackTeamIds: z.array(z.string()) }));
const steeringSchema = z.object({ conversationId: z.string(), workspaceId: z.string().optional() });

/** The raw setup plus, per submitted organisation, the card row it came from. */
export function setupFromCard(data: Record<string, unknown>, turn: Pick<Turn, "conversation" | "member">): { raw: SetupInputRaw; rowOf: number[] } {
  const input = setupSubmitSchema.parse(data);
  const meta = orgMetaSchema.parse(JSON.parse(input.orgs));
  const organizations: SetupInputRaw["organizations"] = [];
  const rowOf: number[] = [];
  for (let row = 0; row < 10; row++) {
    const name = input[`org.${row}.name`]?.trim();
    if (!name) continue;
    const domains = (input[`org.${row}.domains`] ?? "").split(/[,;\s]+/).filter(Boolean);
    organizations.push({ id: meta[row]?.id ?? undefined, name, emailDomains: domains, slackTeamIds: meta[row]?.slackTeamIds ?? [] });
    rowOf.push(row);
  }
  const kept = input.steering ? steeringSchema.parse(JSON.parse(input.steering)) : null;
  const steeringChannel =
    input.steeringHere === "true" ? { conversationId: turn.conversation.conversationId, workspaceId: turn.member.workspaceId } : kept;
  // The alliance channel is this organisation's: switched on, it is this conversation; switched
  // off where it was this conversation, there is none; otherwise (elsewhere, or a card without
  // the switch) it stays as it is.
  const shownAlliance = input.alliance ? z.object({ conversationId: z.string() }).parse(JSON.parse(input.alliance)).conversationId : null;
  const allianceChannel =
    input.allianceHere === "true"
      ? { conversationId: turn.conversation.conversationId }
      : input.allianceHere === "false" && shownAlliance === turn.conversation.conversationId
        ? null
        : undefined;
  const cadence = (prefix: string) => ({
    cadence: blankToUndefined(input[`${prefix}.cadence`]),
    weekday: blankToUndefined(input[`${prefix}.weekday`]),
    hour: blankToUndefined(input[`${prefix}.hour`]),
  });
  const raw = {
    name: input.name ?? "",
    organizations,
    steeringChannel,
    ...(allianceChannel !== undefined ? { allianceChannel } : {}),
    summary: cadence("summary"),
    pulse: { ...cadence("pulse"), itemsPerRound: blankToUndefined(input["pulse.itemsPerRound"]) },
    uncertainty: blankToUndefined(input.uncertainty),
    anonymityThreshold: blankToUndefined(input.anonymityThreshold),
    cultureFlagThreshold: blankToUndefined(input.cultureFlagThreshold),
    commitmentReminderDays: blankToUndefined(input.commitmentReminderDays),
    locale: blankToUndefined(input.locale),
    timezone: blankToUndefined(input.timezone),
  } as SetupInputRaw;
  return { raw, rowOf };
}

/** Field paths of submitted organisations ("organizations.1.name") → the card row they came from. */
function toCardFields(errors: readonly SetupFieldError[], rowOf: readonly number[]): SetupFieldError[] {
  return errors.map((error) => {
    const match = /^organizations\.(\d+)(\..*)?$/.exec(error.field);
    const row = match ? rowOf[Number(match[1])] : undefined;
    return match && row !== undefined ? { ...error, field: `organizations.${row}${match[2] ?? ""}` } : error;
  });
}

/** In a channel or group chat the form can make it the steering channel; it says whether it is. */
const setupOptions = (turn: Turn) => ({ canChooseHereAsSteering: turn.kind !== "personal", conversationId: turn.conversation.conversationId });

/** help, setup, organisation and the organisation prompt. */
/** Sends a view 1:1 to a member on Teams; false when they cannot be reached from here. */
export type { SendToMember } from "./organization-choice-handlers.js";

/** Resolves a mentioned Teams user to a member (features/mention-resolver.ts). */
type ResolveMention = (turn: Turn) => (platformUserId: string) => Promise<{ memberId: string } | null>;

/** "setup steering [remove] @a @b": shows the steering committee, or names / takes off the mentioned people. */
async function steering(services: TeamsServices, resolveMention: ResolveMention, turn: Turn, args: string): Promise<string> {
  const ids = [...commandTextWithMentions(turn.activity).matchAll(/<@([^>\s]{1,200})>/g)].map((m) => m[1] ?? "");
  let unknown = 0;
  if (ids.length > 0) {
    const members = await Promise.all(ids.map((id) => resolveMention(turn)(id)));
    const memberIds = members.filter((m): m is { memberId: string } => m !== null).map((m) => m.memberId);
    unknown = ids.length - memberIds.length;
    const remove = /\b(remove|verwijder)\b/i.test(args);
    await services.members.changeSteering(turn.member, remove ? { remove: memberIds } : { add: memberIds });
  }
  const lines = buildSteeringText(turn.locale, "teams", await services.members.steeringCommittee(turn.member.allianceId));
  // Someone who never wrote to the bot is not a member yet: say so instead of skipping them silently.
  return [...(unknown > 0 ? [translate(turn.locale, "alliance.steering.unknown", { count: unknown })] : []), ...lines].join("\n\n");
}

export function adminFeature(services: TeamsServices, clock: Clock, sendToMember: SendToMember, resolveMention: ResolveMention): TeamsFeature {
  return {
    commands: {
      organization: organizationCommandHandler(services),
      async help({ turn, reply }) {
        const alliance = await services.alliances.getAlliance(turn.member.allianceId);
        await reply(renderView(buildHelpView(turn.locale, "teams", alliance.anonymityThreshold)));
      },
      async setup({ turn, args, reply }) {
        if (turn.member.role !== "admin") throw new DomainError("FORBIDDEN", "setup is for admins");
        if (/^(steering|stuurgroep)\b/i.test(args)) return void (await reply({ text: await steering(services, resolveMention, turn, args) }));
        const values = await services.alliances.currentSetup(turn.member.allianceId, { workspaceId: turn.member.workspaceId });
        await reply(renderView(buildSetupFormView(turn.locale, values), { setup: setupOptions(turn) }));
      },
    },
    actions: {
      [ALLIANCE_VERBS.chooseOrganization]: chooseOrganizationHandler(services, sendToMember),
      [ALLIANCE_VERBS.approveOrganization]: approveOrganizationHandler(services, sendToMember),
      async [ALLIANCE_VERBS.setupSubmit]({ turn, data }) {
        const { raw, rowOf } = setupFromCard(data, turn);
        const result = await services.alliances.applySetup(turn.member, raw, { workspaceId: turn.member.workspaceId });
        if (!result.ok) {
          const form = buildSetupFormView(turn.locale, raw, toCardFields(result.errors, rowOf));
          return { kind: "card", render: renderView(form, { setup: setupOptions(turn) }) };
        }
        // The form is replaced by what was set up, what happens next and when (not one pale line).
        const current = result.alliance.steering;
        const steering = !current ? null : current.conversationId === turn.conversation.conversationId ? translate(turn.locale, "teams.setup.steeringThisConversation") : translate(turn.locale, "teams.setup.steeringChosenEarlier");
        const [what = "", ...next] = buildSetupSavedText(turn.locale, "teams", result, { now: clock.now(), steering });
        const saved = [text(what, { weight: "Bolder", color: "Good" }), ...next.map((line) => text(line))];
        // The admin's own organisation, now that the organisations exist: asked in the same card
        // (the chooser below the summary) only when their e-mail domain did not place them.
        const me = await services.memberRepository.get(turn.member.memberId);
        if (me && me.organizationId === null) {
          const chooser = await organizationChooser(services, turn);
          const [, , ...inputs] = (chooser.card?.body ?? []) as CardElement[]; // without the chooser's own title and text
          return { kind: "card", render: { card: card([...saved, text(translate(turn.locale, "alliance.chooseOrg.afterSetup"), { weight: "Bolder", separator: true }), ...inputs], (chooser.card?.actions ?? []) as Action[]), summary: what } };
        }
        return { kind: "card", render: { card: card(saved), summary: what } };
      },
    },
  };
}
