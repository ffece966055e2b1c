// "commit …" with the shared grammar of src/core/commitments/commit-command.ts, and the buttons
// on commitment cards. When the command lacks something (no date, an unknown person) the bot
// answers with a form card pre-filled with what it understood, the Teams stand-in for a modal.
import { tellOwnerElsewhere } from "../../../core/commitments/answer-notice.js";
import { z } from "zod";
import { parseCommitCommand, type CommitCommand } from "../../../core/commitments/commit-command.js";
import { COMMITMENT_LIMITS, type Commitment, type CommitmentOutcome } from "../../../core/commitments/commitment.js";
import type { CommitmentService } from "../../../core/commitments/commitment-service.js";
import { buildCommitmentCard, buildCommitmentList, buildConfirmRequest, COMMITMENT_ACTION_IDS } from "../../../core/commitments/commitment-views.js";
import { parseDueDate } from "../../../core/commitments/due-date.js";
import { translate } from "../../../core/i18n/catalogue.js";
import { DomainError } from "../../../core/shared/errors.js";
import type { Actor } from "../../../core/shared/refs.js";
import type { Clock } from "../../../core/shared/clock.js";
import { commandProblemText, renderCommitmentCreateForm, COMMITMENT_FORM_VERB, DUE_TEXT_MAX } from "../render/commitment-form-card.js";
import { renderView } from "../render/render-view.js";
import type { ActionHandler, ActionResult, CommandContext, TeamsFeature } from "../handlers/feature-types.js";
import { commandTextWithMentions } from "../handlers/inbound-activity.js";
import type { Turn } from "../handlers/turn.js";
import type { TeamsServices } from "../teams-services.js";
import type { TeamsConnector } from "../transport/teams-connector.js";
import { mentionResolver } from "./mention-resolver.js";
import { commitmentViewContext } from "./commitment-context.js";
import { requireOrganization } from "./organization-prompt.js";

const reasonField = z.string().trim().max(500).optional();
const idField = z.string().min(1).max(100);

/** commit … and the commitment buttons. */
/** How many people of a beneficiary organisation in another space get the confirm request (one is enough to answer). */
const MAX_ELSEWHERE_RECIPIENTS = 5;

export function commitmentsFeature(services: TeamsServices, connector: TeamsConnector, clock: Clock): TeamsFeature {
  const service = (): CommitmentService => {
    if (!services.commitments) throw new DomainError("NOT_FOUND", "commitments service not configured");
    return services.commitments;
  };

  const cardOf = async (turn: Turn, commitment: Commitment, error?: string) => {
    const { events } = await service().get(turn.member, commitment.id);
    const ctx = await commitmentViewContext(services, turn.member.allianceId, [commitment], { locale: turn.locale, now: clock.now() });
    return renderView(buildCommitmentCard(commitment, ctx, turn.member, events), { locale: turn.locale, ...(error ? { error } : {}) });
  };

  /** After an outcome, the receiving side is asked to confirm in the same conversation. */
  const askToConfirm = async (context: { turn: Turn; reply: CommandContext["reply"] }, commitment: Commitment) => {
    if (commitment.confirmation !== "pending") return;
    const ctx = await commitmentViewContext(services, context.turn.member.allianceId, [commitment], { locale: context.turn.locale, now: clock.now() });
    // Rendered for no particular viewer: the buttons show the actions of the receiving side.
    const beneficiaryView: Actor = {
      memberId: commitment.beneficiary.kind === "member" ? (commitment.beneficiary.memberId ?? "") : "",
      allianceId: commitment.allianceId,
      organizationId: commitment.beneficiary.organizationId,
      role: "member",
    };
    await context.reply(renderView(buildConfirmRequest(commitment, ctx, beneficiaryView), { locale: context.turn.locale }));
    await askElsewhere(context.turn, commitment);
  };

  /**
   * The receiving side in another space of the alliance (a linked Slack workspace) is asked on
   * its own platform, through the outbox: the person it was for, or a few of the organisation's.
   */
  const askElsewhere = async (turn: Turn, commitment: Commitment) => {
    if (!services.notifyMember) return;
    const b = commitment.beneficiary;
    const candidates =
      b.kind === "member" && b.memberId
        ? [await services.memberRepository.get(b.memberId)]
        : b.organizationId
          ? await services.memberRepository.list(commitment.allianceId, { organizationId: b.organizationId })
          : [];
    const elsewhere = candidates.filter((m) => m !== null && !m.erasedAt && m.workspaceId !== turn.member.workspaceId && m.id !== commitment.ownerMemberId).slice(0, MAX_ELSEWHERE_RECIPIENTS);
    for (const member of elsewhere) {
      const locale = member!.locale ?? turn.locale;
      const ctx = await commitmentViewContext(services, commitment.allianceId, [commitment], { locale, now: clock.now() });
      const view = buildConfirmRequest(commitment, ctx, { memberId: member!.id, allianceId: commitment.allianceId, organizationId: member!.organizationId, role: member!.role });
      await services.notifyMember(member!.id, view, locale, `commitment-confirm:${commitment.id}:${commitment.version}:${member!.id}`);
    }
  };

  const resolveMention = mentionResolver(services, connector);

  async function run(context: CommandContext, command: CommitCommand): Promise<void> {
    const { turn, reply } = context;
    const key = turn.activity.id ? `teams:${turn.activity.id}` : undefined;
    const options = { ...(key ? { idempotencyKey: key } : {}) };
    switch (command.kind) {
      case "help":
        return void (await reply({ text: translate(turn.locale, "commitments.help") }));
      case "list": {
        const list = await service().list(turn.member, command.filter);
        const ctx = await commitmentViewContext(services, turn.member.allianceId, list, { locale: turn.locale, now: clock.now() });
        return void (await reply(renderView(buildCommitmentList(list, command.filter, ctx))));
      }
      case "create": {
        const { text, owner, beneficiary, dueAt } = command.draft;
        const result = await service().create(turn.member, { text, beneficiary, dueAt, ...(owner ? { owner } : {}) }, options);
        return void (await reply(await cardOf(turn, result.commitment)));
      }
      case "needs_modal": {
        if (command.form === "renegotiate") {
          const { commitment } = await service().get(turn.member, command.number);
          const problems = command.problems.map((p) => commandProblemText(turn.locale, p)).join(" ");
          return void (await reply(await cardOf(turn, commitment, problems || undefined)));
        }
        // Too long to pre-fill without cutting what they wrote: say so, naming the limit.
        const length = command.draft.text?.length ?? 0;
        if (length > COMMITMENT_LIMITS.textMax) return void (await reply({ text: translate(turn.locale, "commitments.tooLong", { length, max: COMMITMENT_LIMITS.textMax }) }));
        const organizations = await services.alliances.listOrganizations(turn.member.allianceId);
        return void (await reply(renderCommitmentCreateForm({ locale: turn.locale, draft: command.draft, missing: command.missing, problems: command.problems, organizations })));
      }
      case "outcome": {
        const result = await service().reportOutcome(turn.member, command.number, command.outcome, { ...options, ...(command.reason ? { reason: command.reason } : {}) });
        await reply(await cardOf(turn, result.commitment));
        if (!result.replayed) await askToConfirm(context, result.commitment);
        return;
      }
      case "renegotiate": {
        const result = await service().renegotiate(turn.member, command.number, command.due.dueAt, { ...options, ...(command.reason ? { reason: command.reason } : {}) });
        return void (await reply(await cardOf(turn, result.commitment)));
      }
      case "withdraw": {
        const result = await service().withdraw(turn.member, command.number, { ...options, ...(command.reason ? { reason: command.reason } : {}) });
        return void (await reply(await cardOf(turn, result.commitment)));
      }
    }
  }

  /** A card button: the service call, then the refreshed card in place. */
  const act = (call: (turn: Turn, id: string, data: Record<string, unknown>, key: string | undefined) => Promise<{ commitment: Commitment; replayed: boolean }>, confirmAfter = false): ActionHandler =>
    async ({ turn, data, reply }): Promise<ActionResult> => {
      const id = idField.parse(data.commitmentId);
      const key = turn.activity.id ? `teams:${turn.activity.id}` : undefined;
      const result = await call(turn, id, data, key);
      if (confirmAfter && !result.replayed) await askToConfirm({ turn, reply }, result.commitment);
      return { kind: "card", render: await cardOf(turn, result.commitment) };
    };
  /** After a confirm or dispute: an owner in another space (e.g. on Slack) is told there. */
  const answered = async (turn: Turn, change: Promise<{ commitment: Commitment; replayed: boolean }>) => {
    const result = await change;
    if (!result.replayed) {
      const { events } = await service().get(turn.member, result.commitment.id);
      await tellOwnerElsewhere({ members: services.memberRepository, alliances: services.alliances, clock, notifyMember: services.notifyMember }, result.commitment, events, turn.member.workspaceId);
    }
    return result;
  };
  const withKey = (key: string | undefined, reason?: string) => ({ ...(key ? { idempotencyKey: key } : {}), ...(reason ? { reason } : {}) });
  const outcome = (o: CommitmentOutcome) =>
    act((turn, id, data, key) => service().reportOutcome(turn.member, id, o, withKey(key, reasonField.parse(data.reason))), true);

  return {
    commands: {
      async commit(context) {
        const alliance = await services.alliances.getAlliance(context.turn.member.allianceId);
        const organizations = await services.alliances.listOrganizations(alliance.id);
        const text = commandTextWithMentions(context.turn.activity).replace(/^\/?(?:trust\s+)?\S+\s*/i, "");
        const command = await parseCommitCommand(text, {
          now: clock.now(),
          timeZone: alliance.timezone,
          locale: context.turn.locale,
          organizations,
          resolveMention: resolveMention(context.turn),
        });
        // Agreements are between organisations: ask for the member's own first, not after the form.
        if (command.kind !== "help" && !(await requireOrganization(services, context.turn, context.reply))) return;
        await run(context, command);
      },
    },
    actions: {
      [COMMITMENT_ACTION_IDS.kept]: outcome("kept"),
      [COMMITMENT_ACTION_IDS.late]: outcome("kept_late"),
      [COMMITMENT_ACTION_IDS.broken]: outcome("broken"),
      [COMMITMENT_ACTION_IDS.confirm]: act((turn, id, _data, key) => answered(turn, service().confirm(turn.member, id, withKey(key)))),
      [COMMITMENT_ACTION_IDS.dispute]: act((turn, id, data, key) =>
        answered(turn, service().dispute(turn.member, id, { ...withKey(key), reason: z.string().trim().min(1).max(500).parse(data.reason) })),
      ),
      [COMMITMENT_ACTION_IDS.resolve]: act((turn, id, data, key) =>
        service().resolveDispute(turn.member, id, z.enum(["kept", "kept_late", "broken"]).parse(data.outcome), withKey(key, reasonField.parse(data.reason))),
      ),
      [COMMITMENT_ACTION_IDS.withdraw]: act((turn, id, data, key) => service().withdraw(turn.member, id, withKey(key, reasonField.parse(data.reason)))),
      [COMMITMENT_ACTION_IDS.renegotiate]: act(async (turn, id, data, key) => {
        const alliance = await services.alliances.getAlliance(turn.member.allianceId);
        const due = parseDueDate(z.string().min(1).max(100).parse(data.dueDate), { now: clock.now(), timeZone: alliance.timezone, locale: turn.locale });
        return service().renegotiate(turn.member, id, due.dueAt, withKey(key, reasonField.parse(data.reason)));
      }),
      async [COMMITMENT_FORM_VERB]({ turn, data }) {
        const input = z
          .object({
            text: z.string().trim().max(COMMITMENT_LIMITS.textMax).default(""),
            beneficiary: z.string().max(100).default(""),
            due: z.string().trim().max(DUE_TEXT_MAX).default(""),
            definitionOfDone: z.string().trim().max(COMMITMENT_LIMITS.definitionOfDoneMax).optional(),
          })
          .parse(data);
        const alliance = await services.alliances.getAlliance(turn.member.allianceId);
        const dueAt = input.due ? parseDueDate(input.due, { now: clock.now(), timeZone: alliance.timezone, locale: turn.locale }).dueAt : null;
        const key = turn.activity.id ? `teams:${turn.activity.id}` : undefined;
        const result = await service().create(
          turn.member,
          { text: input.text, beneficiary: { kind: "organization", organizationId: idField.parse(input.beneficiary) }, dueAt, ...(input.definitionOfDone ? { definitionOfDone: input.definitionOfDone } : {}) },
          withKey(key),
        );
        return { kind: "card", render: await cardOf(turn, result.commitment) };
      },
    },
  };
}
