// "Which organisation are you with?" in Teams: the command that (re)opens the chooser, the
// chooser's answer (a known organisation, or a new name that waits for an admin, then the command
// that was waiting for it), and an admin's approval of a new partner organisation.
import { z } from "zod";
import { buildOrganizationRequestView } from "#core/alliance/alliance-views.js";
import type { Member } from "#core/alliance/member.js";
import { translate } from "#core/i18n/catalogue.js";
import type { View } from "#core/views.js";
import { card, text } from "../render/card-kit.js";
import type { ActionHandler, CommandHandler } from "../handlers/feature-types.js";
import type { TeamsServices } from "../teams-services.js";
import { organizationChooser, organizationChosenCard, readPendingCommand } from "./organization-prompt.js";

/** Sends a view to a member 1:1 on their own platform; false when they cannot be reached. */
export type SendToMember = (member: Member, view: View) => Promise<boolean>;

/** "organisation": (re)opens the chooser; once chosen, only an admin can change it, so say which it is. */
export function organizationCommandHandler(services: TeamsServices): CommandHandler {
  return async function handleOrganizationCommand({ turn, reply }) {
    // (Re)opens the chooser; once chosen, only an admin can change it, so say which it is.
    if (turn.member.organizationId === null) return void (await reply(await organizationChooser(services, turn)));
    const org = (await services.alliances.listOrganizations(turn.member.allianceId)).find((o) => o.id === turn.member.organizationId);
    await reply({ text: translate(turn.locale, "teams.organization.current", { name: org?.name ?? "" }) });
  };
}

export function chooseOrganizationHandler(services: TeamsServices, sendToMember: SendToMember): ActionHandler {
  return async function handleChooseOrganization({ turn, data, runCommand }) {
    const input = z.object({ organizationId: z.string().max(100).optional(), newOrganization: z.string().max(80).optional(), then: z.string().max(20_000).optional() }).parse(data);
    const newName = input.newOrganization?.trim();
    let organizationId: string | null = null;
    if (newName) {
      // A new partner organisation needs an admin: a member's request waits for approval.
      const request = await services.members.requestOrganization(turn.member.memberId, newName);
      if (request.kind === "requested") {
        let asked = 0;
        for (const admin of request.admins) {
          const view = buildOrganizationRequestView(admin.locale ?? turn.locale, { memberId: request.member.id, memberName: request.member.displayName, name: request.name });
          if (await sendToMember(admin, view).catch(() => false)) asked++;
        }
        if (asked === 0) return { kind: "card", render: await organizationChooser(services, turn, translate(turn.locale, "alliance.chooseOrg.noAdmin", { name: request.name })) };
        const waiting = translate(turn.locale, "alliance.chooseOrg.requested", { name: request.name });
        return { kind: "card", render: { card: card([text(waiting)]), summary: waiting } };
      }
      organizationId = request.actor.organizationId;
    } else if (input.organizationId) organizationId = (await services.members.chooseOrganization(turn.member.memberId, input.organizationId)).organizationId;
    if (!organizationId) return { kind: "card", render: await organizationChooser(services, turn, translate(turn.locale, "teams.chooseOrg.pick")) };
    const org = (await services.alliances.listOrganizations(turn.member.allianceId)).find((o) => o.id === organizationId);
    // The command that made the chooser appear is carried out now, as the member with their
    // organisation, instead of being dropped (its answer follows as a message).
    const pending = readPendingCommand(input.then);
    if (pending) {
      const { text, entities } = pending;
      await runCommand({ ...turn, member: { ...turn.member, organizationId, needsOrganization: false }, activity: { ...turn.activity, type: "message", text, entities: entities as typeof turn.activity.entities } });
    }
    // The answered chooser is replaced, so it cannot be pressed again.
    return { kind: "card", render: organizationChosenCard(turn, org?.name ?? "") };
  };
}

export function approveOrganizationHandler(services: TeamsServices, sendToMember: SendToMember): ActionHandler {
  return async function handleApproveOrganization({ turn, data }) {
    const input = z.object({ memberId: z.string().max(100), name: z.string().max(200) }).parse(data);
    const { organization, member } = await services.members.approveOrganization(turn.member, input.memberId, input.name);
    // The member hears it 1:1; the admin's card is replaced, so it cannot be pressed again.
    await sendToMember(member, { kind: "text", text: translate(member.locale ?? turn.locale, "alliance.orgRequest.memberTold", { name: organization.name }) }).catch(() => false);
    const done = translate(turn.locale, "alliance.orgRequest.approved", { name: organization.name, member: member.displayName || translate(turn.locale, "alliance.orgRequest.theMember") });
    return { kind: "card", render: { card: card([text(done, { color: "Good" })]), summary: done } };
  };
}
