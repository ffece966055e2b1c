// /commit: list, create, report an outcome, renegotiate or withdraw from one line (the core's
// parseCommitCommand); ambiguous or incomplete input opens a pre-filled form instead of failing.
import { parseCommitCommand, type CommandProblem } from "#core/commitments/commit-command.js";
import { COMMITMENT_LIMITS, commitmentRef } from "#core/commitments/commitment.js";
import { buildCommitmentList, formatDue } from "#core/commitments/commitment-views.js";
import { translate, translator } from "#core/i18n/catalogue.js";
import type { Locale } from "#core/shared/refs.js";
import { renderMessages } from "../../render/render-view.js";
import { replyPrivately, respondWith } from "../common.js";
import type { SlashCommandWork } from "../listener-context.js";
import { answerCommandAsMember } from "../trust/org-choice.js";
import { memberBySlackId, replyCard, statusLabels, type CommitHandlerDeps } from "./commit-handler-support.js";
import { commitmentViewContext, requestConfirmation } from "./commitment-context.js";
import { buildCreateModal, buildFollowUpModal } from "./commitment-modals.js";

function problemText(locale: Locale, problem: CommandProblem): string {
  const t = translator(locale);
  switch (problem.code) {
    case "due_unparseable":
      return translate(locale, "error.COMMITMENT_DUE_DATE_UNPARSEABLE", { text: problem.text });
    case "due_in_past":
      return translate(locale, "error.COMMITMENT_DUE_DATE_IN_PAST", { date: problem.text });
    case "unknown_mention":
      return t("error.NOT_FOUND");
    case "text_length":
      return translate(locale, "error.COMMITMENT_TEXT_LENGTH", { field: "text", min: problem.min, max: problem.max });
  }
}

export function commitCommandHandler(deps: CommitHandlerDeps): SlashCommandWork {
  const { ctx, commitments } = deps;
  return async function handleCommitCommand(cmd, respond, client) {
    await answerCommandAsMember(ctx, respond, cmd, client, async (actor) => {
      const { locale } = actor;
      const organizations = await ctx.alliances.listOrganizations(actor.allianceId);
      const parsed = await parseCommitCommand(cmd.text, {
        now: ctx.clock.now(),
        timeZone: actor.timeZone,
        locale,
        organizations,
        resolveMention: (id) => memberBySlackId(ctx, actor, id, client).catch(() => null),
      });
      const key = `slack:${cmd.trigger_id}`;
      switch (parsed.kind) {
        case "help":
          return await replyPrivately(respond, translate(locale, "slack.commit.usage"));
        case "list": {
          const list = await commitments.list(actor, parsed.filter);
          const view = buildCommitmentList(list, parsed.filter, await commitmentViewContext(ctx, actor.allianceId, locale, actor.timeZone));
          for (const message of renderMessages(view).messages) await respondWith(respond, message);
          return;
        }
        case "create": {
          const { draft } = parsed;
          const result = await commitments.create(actor, { text: draft.text, ...(draft.owner ? { owner: draft.owner } : {}), beneficiary: draft.beneficiary, dueAt: draft.dueAt }, { idempotencyKey: key });
          return await replyCard(deps, respond, actor, result.commitment, translate(locale, "commitments.result.created", { ref: commitmentRef(result.commitment) }), { inChannel: true });
        }
        case "outcome": {
          const result = await commitments.reportOutcome(actor, parsed.number, parsed.outcome, { idempotencyKey: key, ...(parsed.reason ? { reason: parsed.reason } : {}) });
          await replyCard(deps, respond, actor, result.commitment, translate(locale, result.replayed ? "commitments.result.replayed" : "commitments.result.outcome", { ref: commitmentRef(result.commitment), status: translate(locale, `commitments.status.${result.commitment.status}`) }));
          if (!result.replayed) await requestConfirmation(ctx, result.commitment, actor.workspaceId, actor.teamId, actor.memberId);
          return;
        }
        case "renegotiate": {
          const result = await commitments.renegotiate(actor, parsed.number, parsed.due.dueAt, { idempotencyKey: key, ...(parsed.reason ? { reason: parsed.reason } : {}) });
          return await replyCard(deps, respond, actor, result.commitment, translate(locale, "commitments.result.renegotiated", { ref: commitmentRef(result.commitment), date: formatDue(parsed.due.dueAt, locale, actor.timeZone) }));
        }
        case "withdraw": {
          const result = await commitments.withdraw(actor, parsed.number, { idempotencyKey: key, ...(parsed.reason ? { reason: parsed.reason } : {}) });
          return await replyCard(deps, respond, actor, result.commitment, translate(locale, "commitments.result.withdrawn", { ref: commitmentRef(result.commitment) }));
        }
        case "needs_modal": {
          if (parsed.form === "renegotiate") {
            const { commitment } = await commitments.get(actor, parsed.number);
            await client.views.open({ trigger_id: cmd.trigger_id, view: buildFollowUpModal(locale, "renegotiate", commitment.id, commitmentRef(commitment), statusLabels(locale)) });
            return;
          }
          const { draft } = parsed;
          // Too long to pre-fill without cutting what they wrote: say so in chat, naming the limit.
          const length = draft.text?.length ?? 0;
          if (length > COMMITMENT_LIMITS.textMax) return await replyPrivately(respond, translate(locale, "commitments.tooLong", { length, max: COMMITMENT_LIMITS.textMax }));
          const slackIdOf = async (memberId: string | null | undefined) => (memberId ? ((await ctx.memberRepository.get(memberId))?.externalId ?? null) : null);
          const b = draft.beneficiary;
          const problems = [
            ...parsed.problems.map((p) => problemText(locale, p)),
            ...(parsed.missing.length ? [translate(locale, "commitments.needsMore", { fields: parsed.missing.map((f) => translate(locale, `commitments.missing.${f}`)).join(", ") })] : []),
          ];
          await client.views.open({
            trigger_id: cmd.trigger_id,
            view: buildCreateModal(locale, {
              text: draft.text,
              ownerSlackId: await slackIdOf(draft.owner?.memberId),
              organizationId: b?.kind === "organization" ? b.organizationId : null,
              personSlackId: b?.kind === "member" ? await slackIdOf(b.memberId) : null,
              dueText: draft.dueText,
              problems,
            }, organizations, cmd.channel_id),
          });
          return;
        }
      }
    });
  };
}
