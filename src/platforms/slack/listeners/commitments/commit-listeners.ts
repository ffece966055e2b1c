// /commit and the commitment buttons and forms. The command grammar is the core's
// (parseCommitCommand); ambiguous or incomplete input opens a pre-filled form instead of failing.
import { tellOwnerElsewhere } from "../../../../core/commitments/answer-notice.js";
import { isDomainError } from "../../../../core/shared/errors.js";
import type { App, RespondFn } from "@slack/bolt";
import { z } from "zod";
import { parseCommitCommand, type CommandProblem } from "../../../../core/commitments/commit-command.js";
import { COMMITMENT_LIMITS, commitmentRef, type Beneficiary, type Commitment } from "../../../../core/commitments/commitment.js";
import type { CommitmentService } from "../../../../core/commitments/commitment-service.js";
import { buildCommitmentCard, buildCommitmentList, COMMITMENT_ACTION_IDS, formatDue } from "../../../../core/commitments/commitment-views.js";
import { parseDueDate } from "../../../../core/commitments/due-date.js";
import { translate, translator } from "../../../../core/i18n/catalogue.js";
import type { Locale } from "../../../../core/shared/refs.js";
import { MODAL } from "../../ids.js";
import { buttonActionSchema, entityIdValue, inputValue, submittedViewSchema } from "../../payloads.js";
import { renderMessages } from "../../render/render-view.js";
import type { SlackActor } from "../../session/slack-actor.js";
import { afterAck, afterAckAsMember, errorText, interactionIdentity, replyPrivately, respondWith } from "../common.js";
import { joinSlackText, slackText, textMessage } from "../../render/message.js";
import { context } from "../../render/blocks.js";
import { escapeMrkdwn } from "../../render/limits.js";
import type { SlackListenerContext } from "../register.js";
import { registerSlashCommand } from "../slash-command.js";
import { answerCommandAsMember } from "../trust/org-choice.js";
import { commitmentViewContext, requestConfirmation } from "./commitment-context.js";
import { buildCreateModal, buildFollowUpModal, type FollowUp } from "./commitment-modals.js";

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

const followUpMeta = z.object({ k: z.enum(["renegotiate", "withdraw", "dispute", "resolve"]), id: entityIdValue });

/** Registers /commit and its interactions. */
export function registerCommitListeners(app: App, ctx: SlackListenerContext, commitments: CommitmentService): void {
  /** A card for `viewer` as ephemeral or channel message through response_url. */
  const replyCard = async (respond: RespondFn, actor: SlackActor, commitment: Commitment, text: string, options: { inChannel?: boolean; replace?: boolean } = {}) => {
    const viewCtx = await commitmentViewContext(ctx, actor.allianceId, actor.locale, actor.timeZone);
    const { events } = await commitments.get(actor, commitment.id);
    const [message] = renderMessages(buildCommitmentCard(commitment, viewCtx, actor, events)).messages;
    await respondWith(
      respond,
      { text: message ? joinSlackText(slackText(text), message.text) : slackText(text), blocks: [context([escapeMrkdwn(text)]), ...(message?.blocks ?? [])] },
      options,
    );
  };

  const memberBySlackId = async (actor: SlackActor, slackUserId: string, client: Parameters<SlackListenerContext["resolveActor"]>[1]) => {
    const other = await ctx.resolveActor({ teamId: actor.teamId, userId: slackUserId }, client);
    return { memberId: other.memberId, organizationId: other.organizationId };
  };

  registerSlashCommand(app, ctx, "/commit", async (cmd, respond, client) => {
    await answerCommandAsMember(ctx, respond, cmd, client, async (actor) => {
      const { locale } = actor;
      const organizations = await ctx.alliances.listOrganizations(actor.allianceId);
      const parsed = await parseCommitCommand(cmd.text, {
        now: ctx.clock.now(),
        timeZone: actor.timeZone,
        locale,
        organizations,
        resolveMention: (id) => memberBySlackId(actor, id, client).catch(() => null),
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
          return await replyCard(respond, actor, result.commitment, translate(locale, "commitments.result.created", { ref: commitmentRef(result.commitment) }), { inChannel: true });
        }
        case "outcome": {
          const result = await commitments.reportOutcome(actor, parsed.number, parsed.outcome, { idempotencyKey: key, ...(parsed.reason ? { reason: parsed.reason } : {}) });
          await replyCard(respond, actor, result.commitment, translate(locale, result.replayed ? "commitments.result.replayed" : "commitments.result.outcome", { ref: commitmentRef(result.commitment), status: translate(locale, `commitments.status.${result.commitment.status}`) }));
          if (!result.replayed) await requestConfirmation(ctx, result.commitment, actor.workspaceId, actor.teamId, actor.memberId);
          return;
        }
        case "renegotiate": {
          const result = await commitments.renegotiate(actor, parsed.number, parsed.due.dueAt, { idempotencyKey: key, ...(parsed.reason ? { reason: parsed.reason } : {}) });
          return await replyCard(respond, actor, result.commitment, translate(locale, "commitments.result.renegotiated", { ref: commitmentRef(result.commitment), date: formatDue(parsed.due.dueAt, locale, actor.timeZone) }));
        }
        case "withdraw": {
          const result = await commitments.withdraw(actor, parsed.number, { idempotencyKey: key, ...(parsed.reason ? { reason: parsed.reason } : {}) });
          return await replyCard(respond, actor, result.commitment, translate(locale, "commitments.result.withdrawn", { ref: commitmentRef(result.commitment) }));
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
  });

  const statusLabels = (locale: Locale) => ({
    kept: translate(locale, "commitments.status.kept"),
    kept_late: translate(locale, "commitments.status.kept_late"),
    broken: translate(locale, "commitments.status.broken"),
  });

  // The pre-filled form: validated in the ack so mistakes show under their field.
  app.view(MODAL.commitmentCreate, async ({ ack, body, view, client }) => {
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
      const person = await memberBySlackId(actor, personId, client);
      beneficiary = { kind: "member", memberId: person.memberId, organizationId: person.organizationId };
    } else if (orgId) beneficiary = { kind: "organization", organizationId: orgId };
    else return fail(state.values["c.org"] ? "c.org" : "c.person", translate(locale, "commitments.needsMore", { fields: translate(locale, "commitments.missing.beneficiary") }));
    let created: Commitment;
    try {
      const owner = ownerId && ownerId !== actor.userId ? await memberBySlackId(actor, ownerId, client) : undefined;
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
  });

  // Buttons on cards. Those that need more (date, reason, outcome) open the follow-up form.
  const direct: Record<string, (actor: SlackActor, id: string, key: string) => Promise<{ commitment: Commitment; replayed: boolean; text: string; notify: boolean }>> = {
    [COMMITMENT_ACTION_IDS.kept]: async (actor, id, key) => outcome(actor, id, "kept", key),
    [COMMITMENT_ACTION_IDS.late]: async (actor, id, key) => outcome(actor, id, "kept_late", key),
    [COMMITMENT_ACTION_IDS.broken]: async (actor, id, key) => outcome(actor, id, "broken", key),
    [COMMITMENT_ACTION_IDS.confirm]: async (actor, id, key) => {
      const r = await commitments.confirm(actor, id, { idempotencyKey: key });
      if (!r.replayed) await tellOwner(actor, r.commitment);
      return { ...r, notify: false, text: translate(actor.locale, "commitments.result.confirmed", { ref: commitmentRef(r.commitment) }) };
    },
  };
  /** After a confirm or dispute: an owner in another space (e.g. on Teams) is told there. */
  async function tellOwner(actor: SlackActor, commitment: Commitment): Promise<void> {
    const { events } = await commitments.get(actor, commitment.id);
    const deps = { members: ctx.memberRepository, alliances: ctx.alliances, clock: ctx.clock, notifyMember: ctx.notifyMember };
    await tellOwnerElsewhere(deps, commitment, events, actor.workspaceId);
  }
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

  app.action(/^commitment\./, async ({ ack, body, action, respond, client }) => {
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
      await replyCard(respond, actor, result.commitment, result.replayed ? translate(locale, "commitments.result.replayed") : result.text, { replace: true });
      if (result.notify && !result.replayed) await requestConfirmation(ctx, result.commitment, actor.workspaceId, actor.teamId, actor.memberId);
    });
  });

  app.view(MODAL.commitmentRenegotiate, async ({ ack, body, view, client }) => {
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
        await tellOwner(actor, disputed).catch((error: unknown) => ctx.logger.warn({ err: error, commitmentId: disputed.id }, "could not tell the owner in another space"));
      }
    } catch (error) {
      await ack({ response_action: "errors", errors: { "f.reason": errorText(locale, error) } });
    }
  });
}
