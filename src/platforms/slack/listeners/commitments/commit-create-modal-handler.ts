// The pre-filled commitment form's submission: validated in the ack so mistakes show under their
// field; the card is posted in the channel (or, failing that, by DM) after the ack.
import { commitmentRef, type Beneficiary, type Commitment } from "#core/commitments/commitment.js";
import { buildCommitmentCard } from "#core/commitments/commitment-views.js";
import { parseDueDate } from "#core/commitments/due-date.js";
import { translate } from "#core/i18n/catalogue.js";
import { isDomainError } from "#core/shared/errors.js";
import { inputValue, submittedViewSchema } from "../../payloads.js";
import { slackText } from "../../render/message.js";
import { renderMessages } from "../../render/render-view.js";
import { afterAck, errorText, interactionIdentity } from "../common.js";
import type { ViewSubmissionArgs } from "../handler-args.js";
import { memberBySlackId, type CommitHandlerDeps } from "./commit-handler-support.js";
import { commitmentViewContext } from "./commitment-context.js";

export function commitCreateModalHandler({ ctx, commitments }: CommitHandlerDeps) {
  return async function handleCommitCreateModal({ ack, body, view, client }: ViewSubmissionArgs): Promise<void> {
    const { state, private_metadata } = submittedViewSchema.parse(view);
    const channel = (JSON.parse(private_metadata || "{}") as { c?: string }).c ?? "";
    const actor = await ctx.resolveActor(interactionIdentity(body), client);
    const locale = actor.locale;
    const fail = (block: string, text: string) => ack({ response_action: "errors", errors: { [block]: text } });
    const text = inputValue(state.values, "c.text")?.trim() ?? "";
    const ownerId = inputValue(state.values, "c.owner");
    const personId = inputValue(state.values, "c.person");
    const orgId = inputValue(state.values, "c.org");
    const dueText = inputValue(state.values, "c.due")?.trim() ?? "";
    let dueAt: Date | null = null;
    if (dueText) {
      try {
        dueAt = parseDueDate(dueText, { now: ctx.clock.now(), timeZone: actor.timeZone, locale }).dueAt;
      } catch (error) {
        return fail("c.due", errorText(locale, error));
      }
    }
    let beneficiary: Beneficiary;
    if (personId) {
      const person = await memberBySlackId(ctx, actor, personId, client);
      beneficiary = { kind: "member", memberId: person.memberId, organizationId: person.organizationId };
    } else if (orgId) beneficiary = { kind: "organization", organizationId: orgId };
    else return fail(state.values["c.org"] ? "c.org" : "c.person", translate(locale, "commitments.needsMore", { fields: translate(locale, "commitments.missing.beneficiary") }));
    let created: Commitment;
    try {
      const owner = ownerId && ownerId !== actor.userId ? await memberBySlackId(ctx, actor, ownerId, client) : undefined;
      created = (await commitments.create(actor, { text, ...(owner ? { owner } : {}), beneficiary, dueAt, definitionOfDone: inputValue(state.values, "c.dod") }, { idempotencyKey: `slack:view:${(body as { view?: { id?: string } }).view?.id ?? ""}:${text}` })).commitment;
    } catch (error) {
      // The core names the field whose id it refused (another alliance's or an unknown one).
      const field = isDomainError(error) ? error.details.field : undefined;
      const block = field === "owner" ? "c.owner" : field === "beneficiary" ? (personId || !state.values["c.org"] ? "c.person" : "c.org") : "c.text";
      return fail(block, errorText(locale, error));
    }
    await ack();
    await afterAck(ctx, undefined, () => locale, async () => {
      const viewCtx = await commitmentViewContext(ctx, actor.allianceId, locale, actor.timeZone);
      const [message] = renderMessages(buildCommitmentCard(created, viewCtx, actor)).messages;
      const posted = { text: slackText(translate(locale, "commitments.result.created", { ref: commitmentRef(created) })), blocks: message?.blocks };
      await ctx.messenger.post({ teamId: actor.teamId, channel }, posted).catch(() => ctx.messenger.sendDirect({ teamId: actor.teamId, user: actor.userId }, posted));
    });
  };
}
