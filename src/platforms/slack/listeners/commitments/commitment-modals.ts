// The commitment modals: a pre-filled "new agreement" form when /commit was ambiguous or
// incomplete, and a small form for what a button needs before the service can act (a new date,
// a reason, the resolved outcome).
import type { types } from "@slack/bolt";
import type { Organization } from "#core/alliance/alliance.js";
import { COMMITMENT_LIMITS } from "#core/commitments/commitment.js";
import { translator } from "#core/i18n/catalogue.js";
import type { Locale } from "#core/shared/refs.js";
import { MODAL } from "../../ids.js";
import { context, inputBlock, modal, option, textInput } from "../../render/blocks.js";
import { BLOCK_KIT, escapeMrkdwn } from "../../render/limits.js";

/** Longest due-date phrase the forms take ("in two weeks on Friday at 17:00" fits easily). */
const DUE_TEXT_MAX = 100;

/** What the create form starts with. */
export interface CreateFormDraft {
  text: string | null;
  ownerSlackId: string | null;
  organizationId: string | null;
  personSlackId: string | null;
  dueText: string | null;
  problems: string[];
}

const input = (blockId: string, label: string, element: types.InputBlock["element"], optional: boolean, hint?: string): types.InputBlock =>
  inputBlock(blockId, label, element, { optional, hint });

/** The "new agreement" modal. */
export function buildCreateModal(locale: Locale, draft: CreateFormDraft, organizations: readonly Organization[], channel: string): types.ModalView {
  const t = translator(locale);
  const orgOptions = organizations.slice(0, BLOCK_KIT.options).map((o) => option(o.name, o.id));
  const initialOrg = orgOptions.find((o) => o.value === draft.organizationId);
  const blocks: types.KnownBlock[] = [];
  if (draft.problems.length) blocks.push(context(draft.problems.map((p) => `⚠️ ${escapeMrkdwn(p)}`)));
  // Before setup there is no organisation to choose: say why rather than leave the list out silently.
  if (orgOptions.length === 0) blocks.push(context([`⚠️ ${escapeMrkdwn(t("commitments.form.noOrganizations", { setup: "`/trust setup`" }))}`]));
  blocks.push(
    input("c.text", t("commitments.form.text"), textInput({ max: COMMITMENT_LIMITS.textMax, multiline: true, initial: draft.text }), false),
    input("c.owner", t("commitments.form.owner"), { type: "users_select", action_id: "value", ...(draft.ownerSlackId ? { initial_user: draft.ownerSlackId } : {}) }, true),
  );
  if (orgOptions.length) blocks.push(input("c.org", t("commitments.form.beneficiary"), { type: "static_select", action_id: "value", options: orgOptions, ...(initialOrg ? { initial_option: initialOrg } : {}) }, true));
  blocks.push(
    input("c.person", t("commitments.form.beneficiary"), { type: "users_select", action_id: "value", ...(draft.personSlackId ? { initial_user: draft.personSlackId } : {}) }, true),
    input("c.due", t("commitments.form.due"), textInput({ max: DUE_TEXT_MAX, initial: draft.dueText }), true, t("commitments.form.dueHint")),
    input("c.dod", t("commitments.form.definitionOfDone"), textInput({ max: COMMITMENT_LIMITS.definitionOfDoneMax, multiline: true }), true),
  );
  return modal(MODAL.commitmentCreate, { title: t("commitments.form.title"), submit: t("common.submit"), close: t("common.cancel") }, JSON.stringify({ c: channel }), blocks);
}

/** What a button's follow-up form asks for. */
export type FollowUp = "renegotiate" | "withdraw" | "dispute" | "resolve";

/** The follow-up modal of a commitment button. */
export function buildFollowUpModal(locale: Locale, kind: FollowUp, commitmentId: string, ref: string, statusLabels: Record<"kept" | "kept_late" | "broken", string>): types.ModalView {
  const t = translator(locale);
  const blocks: types.KnownBlock[] = [];
  if (kind === "renegotiate") {
    blocks.push(input("f.due", t("commitments.form.due"), textInput({ max: DUE_TEXT_MAX }), false, t("commitments.form.dueHint")));
  }
  if (kind === "resolve") {
    const outcomes = (["kept", "kept_late", "broken"] as const).map((o) => option(statusLabels[o], o));
    blocks.push(input("f.outcome", t("commitments.action.resolve"), { type: "static_select", action_id: "value", options: outcomes }, false));
  }
  blocks.push(input("f.reason", t("commitments.form.reason"), textInput({ max: COMMITMENT_LIMITS.reasonMax, multiline: true }), kind !== "dispute"));
  const title = kind === "renegotiate" ? t("commitments.form.renegotiateTitle", { ref }) : `${t(`commitments.action.${kind}`)} ${ref}`;
  return modal(MODAL.commitmentRenegotiate, { title, submit: t("common.submit"), close: t("common.cancel") }, JSON.stringify({ k: kind, id: commitmentId }), blocks);
}
