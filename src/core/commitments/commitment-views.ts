/**
 * Commitments as platform-neutral views: a card (one agreement with the buttons the viewer may
 * press), a list, the "kept?" check-in and the confirm/dispute request. Every text is already
 * translated; action ids are stable strings the platforms route back to the service.
 */
import { translator, type Translator } from "../i18n/catalogue.js";
import type { Actor, Locale } from "../shared/refs.js";
import { commitmentRef, isOverdue, type Commitment, type CommitmentEvent } from "./commitment.js";
import { assertMayAct, reportedBy } from "./commitment-permissions.js";
import type { DueReminder } from "./commitment-reminders.js";
import type { CommitmentListFilter } from "./commitment-service.js";
import { LEGAL_FROM, type CommitmentActionKind } from "./commitment-state-machine.js";
import { localDaysBetween } from "../shared/zoned-time.js";

/**
 * Action ids the platforms put on buttons; the button's value is the commitment id. Cards offer
 * "kept" but not "late": lateness follows the clock (a late "kept" is stored as kept_late), so
 * `late` exists only for platforms that route the typed `commit late` the same way.
 */
export const COMMITMENT_ACTION_IDS = {
  kept: "commitment.kept",
  late: "commitment.late",
  broken: "commitment.broken",
  renegotiate: "commitment.renegotiate",
  withdraw: "commitment.withdraw",
  confirm: "commitment.confirm",
  dispute: "commitment.dispute",
  resolve: "commitment.resolve",
} as const;
export type CommitmentActionId = (typeof COMMITMENT_ACTION_IDS)[keyof typeof COMMITMENT_ACTION_IDS];

/** A button. `opensForm`: the platform asks for more (a date, a reason) before calling the service. */
export interface CommitmentButtonView {
  actionId: CommitmentActionId;
  label: string;
  /** The commitment id. */
  value: string;
  style: "primary" | "danger" | "default";
  opensForm: boolean;
}

/** One agreement. */
export interface CommitmentCardView {
  kind: "commitment_card";
  commitmentId: string;
  number: number;
  /** "#12 Send the draft contract". */
  title: string;
  statusText: string;
  /** "Waiting for confirmation" / "Confirmed" / "Disputed", or null. */
  confirmationText: string | null;
  fields: Array<{ label: string; value: string }>;
  overdue: boolean;
  /** "Disputed by Ann: the figures are missing", while the dispute is open. */
  disputeText: string | null;
  /** Only what this viewer may do now. */
  actions: CommitmentButtonView[];
}

/** A list of agreements. */
export interface CommitmentListView {
  kind: "commitment_list";
  title: string;
  /** Shown instead of items when there are none. */
  emptyText: string | null;
  items: Array<{ commitmentId: string; number: number; line: string; statusText: string; overdue: boolean }>;
}

/** The reminder before the due day or the "kept?" question on it. */
export interface CommitmentCheckInView {
  kind: "commitment_check_in";
  variant: DueReminder["kind"];
  text: string;
  card: CommitmentCardView;
}

/** Asks the beneficiary side to confirm or dispute a reported outcome. */
export interface CommitmentConfirmRequestView {
  kind: "commitment_confirm_request";
  text: string;
  card: CommitmentCardView;
}

/** Every commitments view (member of the View union). */
export type CommitmentView = CommitmentCardView | CommitmentListView | CommitmentCheckInView | CommitmentConfirmRequestView;

/** How views find names and where they are shown. */
export interface CommitmentViewContext {
  locale: Locale;
  timeZone: string;
  now: Date;
  /** Display name of a member; undefined → "former member". */
  memberName(memberId: string): string | undefined;
  organizationName(organizationId: string): string | undefined;
}

const BUTTONS: ReadonlyArray<{ id: CommitmentActionId; action: CommitmentActionKind; key: Parameters<Translator>[0]; style: CommitmentButtonView["style"]; form: boolean }> = [
  { id: COMMITMENT_ACTION_IDS.kept, action: "report", key: "commitments.action.kept", style: "primary", form: false },
  { id: COMMITMENT_ACTION_IDS.broken, action: "report", key: "commitments.action.broken", style: "danger", form: false },
  { id: COMMITMENT_ACTION_IDS.renegotiate, action: "renegotiate", key: "commitments.action.renegotiate", style: "default", form: true },
  { id: COMMITMENT_ACTION_IDS.withdraw, action: "withdraw", key: "commitments.action.withdraw", style: "default", form: true },
  { id: COMMITMENT_ACTION_IDS.confirm, action: "confirm", key: "commitments.action.confirm", style: "primary", form: false },
  { id: COMMITMENT_ACTION_IDS.dispute, action: "dispute", key: "commitments.action.dispute", style: "danger", form: true },
  { id: COMMITMENT_ACTION_IDS.resolve, action: "resolve_dispute", key: "commitments.action.resolve", style: "default", form: true },
];

/** A date in the zone, e.g. "5 Dec 2026" or with time "5 Dec 2026, 17:00" when one was agreed. */
export function formatDue(dueAt: Date, locale: Locale, timeZone: string): string {
  const local = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(dueAt);
  const endOfDay = local === "23:59";
  return new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    ...(endOfDay ? {} : { hour: "2-digit", minute: "2-digit" }),
  }).format(dueAt);
}

function names(c: Commitment, ctx: CommitmentViewContext, t: Translator) {
  // Unknown (forgotten) members read "former member"; a member whose platform never sent a name
  // is stored with an empty one.
  const member = (id: string | null) => {
    const name = id === null ? undefined : ctx.memberName(id);
    return name === undefined ? t("common.formerMember") : name || t("common.unnamedMember");
  };
  const org = (id: string | null) => (id === null ? undefined : ctx.organizationName(id)) ?? "?";
  const owner = `${member(c.ownerMemberId)} (${org(c.ownerOrganizationId)})`;
  const beneficiary =
    c.beneficiary.kind === "organization"
      ? org(c.beneficiary.organizationId)
      : c.beneficiary.organizationId === null
        ? member(c.beneficiary.memberId)
        : `${member(c.beneficiary.memberId)} (${org(c.beneficiary.organizationId)})`;
  return { owner, beneficiary, member };
}

function dueText(c: Commitment, ctx: CommitmentViewContext, t: Translator): string {
  if (c.dueAt === null) return t("commitments.noDueDate");
  const date = formatDue(c.dueAt, ctx.locale, ctx.timeZone);
  if (c.status !== "open") return date;
  const days = localDaysBetween(ctx.now, c.dueAt, ctx.timeZone);
  if (isOverdue(c, ctx.now)) return `${date} · ${t("commitments.overdueDays", { days: Math.max(1, -days) })}`;
  return days === 0 ? `${date} · ${t("commitments.dueToday")}` : `${date} · ${t("commitments.dueInDays", { days })}`;
}

function allowed(viewer: Actor, c: Commitment, action: CommitmentActionKind, now: Date): boolean {
  if (!LEGAL_FROM[action](c)) return false;
  try {
    assertMayAct(viewer, c, action, now);
    return true;
  } catch {
    return false;
  }
}

/** The card of `commitment` as `viewer` sees it (events give the open dispute's reason). */
export function buildCommitmentCard(
  commitment: Commitment,
  ctx: CommitmentViewContext,
  viewer: Actor | null,
  events: readonly CommitmentEvent[] = [],
): CommitmentCardView {
  const t = translator(ctx.locale);
  const who = names(commitment, ctx, t);
  const fields = [
    { label: t("commitments.field.owner"), value: who.owner },
    { label: t("commitments.field.for"), value: who.beneficiary },
    { label: t("commitments.field.due"), value: dueText(commitment, ctx, t) },
  ];
  if (commitment.definitionOfDone) fields.push({ label: t("commitments.field.definitionOfDone"), value: commitment.definitionOfDone });
  if (commitment.renegotiations > 0) {
    fields.push({ label: t("commitments.field.renegotiated"), value: t("commitments.renegotiatedTimes", { count: commitment.renegotiations }) });
  }
  const dispute = commitment.confirmation === "disputed" ? [...events].reverse().find((e) => e.type === "disputed") : undefined;
  // Whoever reported the outcome is not offered Confirm / Dispute of their own report.
  const ownReport = viewer !== null && reportedBy(viewer, events);
  const actions = viewer
    ? BUTTONS.filter((b) => allowed(viewer, commitment, b.action, ctx.now) && !(ownReport && (b.action === "confirm" || b.action === "dispute"))).map((b) => ({
        actionId: b.id,
        label: t(b.key),
        value: commitment.id,
        style: b.style,
        opensForm: b.form,
      }))
    : [];
  return {
    kind: "commitment_card",
    commitmentId: commitment.id,
    number: commitment.number,
    title: `${commitmentRef(commitment)} ${commitment.text}`,
    statusText: t(`commitments.status.${commitment.status}`),
    confirmationText: commitment.confirmation === "none" ? null : t(`commitments.confirmation.${commitment.confirmation}`),
    fields,
    overdue: isOverdue(commitment, ctx.now),
    disputeText: dispute
      ? t("commitments.disputeOpen", { who: who.member(dispute.actorMemberId), reason: dispute.reason ?? "" })
      : null,
    actions,
  };
}

/** A list under the title of `filter`. */
export function buildCommitmentList(
  commitments: readonly Commitment[],
  filter: CommitmentListFilter,
  ctx: CommitmentViewContext,
): CommitmentListView {
  const t = translator(ctx.locale);
  return {
    kind: "commitment_list",
    title: t(`commitments.list.${filter}`),
    emptyText: commitments.length === 0 ? t("commitments.list.empty") : null,
    items: commitments.map((c) => ({
      commitmentId: c.id,
      number: c.number,
      line: t("commitments.list.line", {
        ref: commitmentRef(c),
        text: c.text,
        beneficiary: names(c, ctx, t).beneficiary,
        due: dueText(c, ctx, t),
      }),
      statusText: t(`commitments.status.${c.status}`),
      overdue: isOverdue(c, ctx.now),
    })),
  };
}

/** The reminder or "kept?" question for the owner (`viewer`). */
export function buildCheckIn(reminder: DueReminder, ctx: CommitmentViewContext, viewer: Actor): CommitmentCheckInView {
  const t = translator(ctx.locale);
  const c = reminder.commitment;
  const base = { ref: commitmentRef(c), text: c.text, beneficiary: names(c, ctx, t).beneficiary };
  const text =
    reminder.kind === "before_due"
      ? t("commitments.checkIn.beforeDue", { ...base, due: dueText(c, ctx, t) })
      : reminder.daysLeft < 0 && c.dueAt
        ? t("commitments.checkIn.overdue", { ...base, date: formatDue(c.dueAt, ctx.locale, ctx.timeZone) })
        : t("commitments.checkIn.dueToday", base);
  return { kind: "commitment_check_in", variant: reminder.kind, text, card: buildCommitmentCard(c, ctx, viewer) };
}

/**
 * The question to the beneficiary side (`viewer`) after an outcome was reported; with a null
 * viewer the neutral card everyone in a shared chat sees (no buttons). `events` tell who
 * reported, so the reporter is not offered Confirm / Dispute of their own report.
 */
export function buildConfirmRequest(
  commitment: Commitment,
  ctx: CommitmentViewContext,
  viewer: Actor | null,
  events: readonly CommitmentEvent[] = [],
): CommitmentConfirmRequestView {
  const t = translator(ctx.locale);
  const text = t("commitments.confirmRequest", {
    owner: names(commitment, ctx, t).owner,
    ref: commitmentRef(commitment),
    text: commitment.text,
    status: t(`commitments.status.${commitment.status}`).toLowerCase(),
  });
  return { kind: "commitment_confirm_request", text, card: buildCommitmentCard(commitment, ctx, viewer, events) };
}
