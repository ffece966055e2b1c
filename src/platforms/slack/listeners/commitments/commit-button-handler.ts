// Buttons on commitment cards. Kept, late, broken and confirm act at once; those that need more
// (a date, a reason, an outcome) open the follow-up form.
import { commitmentRef, type Commitment } from "#core/commitments/commitment.js";
import { COMMITMENT_ACTION_IDS } from "#core/commitments/commitment-views.js";
import { translate } from "#core/i18n/catalogue.js";
import { buttonActionSchema, entityIdValue } from "../../payloads.js";
import type { SlackActor } from "../../session/slack-actor.js";
import { afterAckAsMember, interactionIdentity } from "../common.js";
import type { ActionArgs } from "../handler-args.js";
import { replyCard, statusLabels, tellOwnerInOtherSpace, type CommitHandlerDeps } from "./commit-handler-support.js";
import { requestConfirmation } from "./commitment-context.js";
import { buildFollowUpModal, type FollowUp } from "./commitment-modals.js";

type ButtonResult = { commitment: Commitment; replayed: boolean; text: string; notify: boolean };

export function commitButtonHandler(deps: CommitHandlerDeps) {
  const { ctx, commitments } = deps;
  const direct: Record<string, (actor: SlackActor, id: string, key: string) => Promise<ButtonResult>> = {
    [COMMITMENT_ACTION_IDS.kept]: async (actor, id, key) => outcome(actor, id, "kept", key),
    [COMMITMENT_ACTION_IDS.late]: async (actor, id, key) => outcome(actor, id, "kept_late", key),
    [COMMITMENT_ACTION_IDS.broken]: async (actor, id, key) => outcome(actor, id, "broken", key),
    [COMMITMENT_ACTION_IDS.confirm]: async (actor, id, key) => {
      const r = await commitments.confirm(actor, id, { idempotencyKey: key });
      if (!r.replayed) await tellOwnerInOtherSpace(deps, actor, r.commitment);
      return { ...r, notify: false, text: translate(actor.locale, "commitments.result.confirmed", { ref: commitmentRef(r.commitment) }) };
    },
  };
  async function outcome(actor: SlackActor, id: string, value: "kept" | "kept_late" | "broken", key: string) {
    const r = await commitments.reportOutcome(actor, id, value, { idempotencyKey: key });
    return { ...r, notify: true, text: translate(actor.locale, "commitments.result.outcome", { ref: commitmentRef(r.commitment), status: translate(actor.locale, `commitments.status.${r.commitment.status}`) }) };
  }
  const forms: Record<string, FollowUp> = {
    [COMMITMENT_ACTION_IDS.renegotiate]: "renegotiate",
    [COMMITMENT_ACTION_IDS.withdraw]: "withdraw",
    [COMMITMENT_ACTION_IDS.dispute]: "dispute",
    [COMMITMENT_ACTION_IDS.resolve]: "resolve",
  };

  return async function handleCommitButton({ ack, body, action, respond, client }: ActionArgs): Promise<void> {
    await ack();
    const { action_id, value } = buttonActionSchema.parse(action);
    const id = entityIdValue.parse(value);
    const triggerId = (body as { trigger_id?: string }).trigger_id ?? "";
    await afterAckAsMember(ctx, respond, () => interactionIdentity(body), client, async (actor) => {
      const { locale } = actor;
      const form = forms[action_id];
      if (form) {
        const { commitment } = await commitments.get(actor, id);
        await client.views.open({ trigger_id: triggerId, view: buildFollowUpModal(locale, form, commitment.id, commitmentRef(commitment), statusLabels(locale)) });
        return;
      }
      const run = direct[action_id];
      if (!run) return;
      // A double click carries the same action_ts: the second is a no-op in the service.
      const key = `slack:${action_id}:${id}:${(action as { action_ts?: string }).action_ts ?? triggerId}`;
      const result = await run(actor, id, key);
      await replyCard(deps, respond, actor, result.commitment, result.replayed ? translate(locale, "commitments.result.replayed") : result.text, { replace: true });
      if (result.notify && !result.replayed) await requestConfirmation(ctx, result.commitment, actor.workspaceId, actor.teamId, actor.memberId);
    });
  };
}
