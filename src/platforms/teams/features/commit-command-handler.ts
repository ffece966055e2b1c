// "commit …" in Teams, with the shared grammar of src/core/commitments/commit-command.ts. When the
// command lacks something (no date, an unknown person) the bot answers with a form card pre-filled
// with what it understood, the Teams stand-in for a modal.
import { parseCommitCommand, type CommitCommand } from "#core/commitments/commit-command.js";
import { COMMITMENT_LIMITS, type Commitment } from "#core/commitments/commitment.js";
import { buildCommitmentList } from "#core/commitments/commitment-views.js";
import { translate } from "#core/i18n/catalogue.js";
import { commandProblemText, renderCommitmentCreateForm } from "../render/commitment-form-card.js";
import { renderView } from "../render/render-view.js";
import type { CommandContext, CommandHandler } from "../handlers/feature-types.js";
import { commandTextWithMentions } from "../handlers/inbound-activity.js";
import type { Turn } from "../handlers/turn.js";
import { askToConfirm, commitmentService, type CommitmentsFeatureDeps } from "./commitment-feature-support.js";
import { sharedCommitmentCard } from "./commitment-shared-card.js";
import { commitmentViewContext } from "./commitment-context.js";
import { mentionResolver } from "./mention-resolver.js";
import { requireOrganization } from "./organization-prompt.js";

export function commitCommandHandler(deps: CommitmentsFeatureDeps): CommandHandler {
  const { services, connector, clock } = deps;
  const resolveMention = mentionResolver(services, connector);
  return async function handleCommitCommand(context) {
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
    await runCommitCommand(deps, context, command);
  };
}

async function runCommitCommand(deps: CommitmentsFeatureDeps, context: CommandContext, command: CommitCommand): Promise<void> {
  const { services, clock } = deps;
  const service = () => commitmentService(deps);
  // Posted in the chat: in a group chat or channel, neutral and refreshed per viewer.
  const cardOf = (turn: Turn, commitment: Commitment, error?: string) => sharedCommitmentCard(deps, turn, commitment, error);
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
      if (!result.replayed) await askToConfirm(deps, context, result.commitment);
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

