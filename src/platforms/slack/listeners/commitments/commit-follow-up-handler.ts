// The follow-up form's submission (renegotiate, withdraw, dispute, resolve a dispute): errors come
// back in the ack under their field; the result goes to the member by DM.
import { z } from "zod";
import { commitmentRef } from "#core/commitments/commitment.js";
import { formatDue } from "#core/commitments/commitment-views.js";
import { parseDueDate } from "#core/commitments/due-date.js";
import { translate } from "#core/i18n/catalogue.js";
import { entityIdValue, inputValue, submittedViewSchema } from "../../payloads.js";
import { textMessage } from "../../render/message.js";
import { errorText, interactionIdentity } from "../common.js";
import type { ViewSubmissionArgs } from "../handler-args.js";
import { tellOwnerInOtherSpace, type CommitHandlerDeps } from "./commit-handler-support.js";

const followUpMeta = z.object({ k: z.enum(["renegotiate", "withdraw", "dispute", "resolve"]), id: entityIdValue });

export function commitFollowUpHandler(deps: CommitHandlerDeps) {
  const { ctx, commitments } = deps;
  return async function handleCommitFollowUp({ ack, body, view, client }: ViewSubmissionArgs): Promise<void> {
    const { state, private_metadata } = submittedViewSchema.parse(view);
    const meta = followUpMeta.parse(JSON.parse(private_metadata || "{}"));
    const actor = await ctx.resolveActor(interactionIdentity(body), client);
    const locale = actor.locale;
    const reason = inputValue(state.values, "f.reason")?.trim() || undefined;
    const key = `slack:view:${(body as { view?: { id?: string } }).view?.id ?? ""}`;
    try {
      let result;
      let text: string;
      if (meta.k === "renegotiate") {
        let dueAt: Date;
        try {
          dueAt = parseDueDate(inputValue(state.values, "f.due") ?? "", { now: ctx.clock.now(), timeZone: actor.timeZone, locale }).dueAt;
        } catch (error) {
          return ack({ response_action: "errors", errors: { "f.due": errorText(locale, error) } });
        }
        result = await commitments.renegotiate(actor, meta.id, dueAt, { idempotencyKey: key, ...(reason ? { reason } : {}) });
        text = translate(locale, "commitments.result.renegotiated", { ref: commitmentRef(result.commitment), date: formatDue(dueAt, locale, actor.timeZone) });
      } else if (meta.k === "withdraw") {
        result = await commitments.withdraw(actor, meta.id, { idempotencyKey: key, ...(reason ? { reason } : {}) });
        text = translate(locale, "commitments.result.withdrawn", { ref: commitmentRef(result.commitment) });
      } else if (meta.k === "dispute") {
        result = await commitments.dispute(actor, meta.id, { idempotencyKey: key, reason: reason ?? "" });
        text = translate(locale, "commitments.result.disputed", { ref: commitmentRef(result.commitment) });
      } else {
        const chosen = z.enum(["kept", "kept_late", "broken"]).parse(inputValue(state.values, "f.outcome"));
        result = await commitments.resolveDispute(actor, meta.id, chosen, { idempotencyKey: key, ...(reason ? { reason } : {}) });
        text = translate(locale, "commitments.result.resolved", { ref: commitmentRef(result.commitment), status: translate(locale, `commitments.status.${result.commitment.status}`) });
      }
      await ack();
      await ctx.messenger.sendDirect({ teamId: actor.teamId, user: actor.userId }, textMessage(text));
      // After the ack (its 3 s are not for this): an owner in another space is told there.
      if (meta.k === "dispute" && !result.replayed) {
        const disputed = result.commitment;
        await tellOwnerInOtherSpace(deps, actor, disputed).catch((error: unknown) => ctx.logger.warn({ err: error, commitmentId: disputed.id }, "could not tell the owner in another space"));
      }
    } catch (error) {
      await ack({ response_action: "errors", errors: { "f.reason": errorText(locale, error) } });
    }
  };
}
