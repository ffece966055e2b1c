/**
 * The commitments use cases, as the platforms and the scheduler call them. Every mutation:
 * takes an optional idempotency key (a Slack action id, a Teams activity id...) so a retried
 * request changes nothing; checks who may act (commitment-permissions.ts) and whether the state
 * allows it (commitment-state-machine.ts); and writes with the version it read, retrying a few
 * times when another instance got there first.
 */
import { assertMemberInAlliance, assertOrganizationInAlliance, type AllianceScope, type ScopedField } from "../alliance/alliance-scope.js";
import type { Clock } from "../shared/clock.js";
import { DomainError, isDomainError } from "../shared/errors.js";
import type { Actor } from "../shared/refs.js";
import type { Commitment, CommitmentEvent, CommitmentOutcome } from "./commitment.js";
import { figuresFromAggregates, type CommitmentFigures, type FiguresPeriod } from "./commitment-figures.js";
import { cleanDefinitionOfDone, cleanReason, cleanText, parseCreateInput, type CreateCommitmentInput } from "./commitment-input.js";
import { assertMayAct, reportedBy } from "./commitment-permissions.js";
import { remindersDue, type DueReminder, type ReminderSettings } from "./commitment-reminders.js";
import type { CommitmentQuery, CommitmentRepository, CommitmentWriteResult } from "./commitment-repository.js";
import { transition, type CommitmentAction } from "./commitment-state-machine.js";
import { assertDueInFuture } from "./due-date.js";

/** What the service needs. */
export interface CommitmentServiceDeps {
  commitments: CommitmentRepository;
  clock: Clock;
  /** Where organisations and members belong: every id from a client is checked against it. */
  scope: AllianceScope;
  /** Tries when another instance changed the same commitment in between; default 3. */
  maxAttempts?: number;
}

/** Options every mutation accepts. */
export interface MutationOptions {
  /** The platform's id for this request; the same key twice changes nothing the second time. */
  idempotencyKey?: string;
  reason?: string;
}

/** "#12", "12", 12 or the commitment id. */
export type CommitmentLookup = number | string;

/** The lists a member can ask for. */
export type CommitmentListFilter = "mine" | "ours" | "owed" | "overdue" | "disputed";

/** A commitment and its history. */
export interface CommitmentWithEvents {
  commitment: Commitment;
  events: CommitmentEvent[];
}

/** The alliance settings reminders need. */
export interface ReminderAlliance {
  id: string;
  timezone: string;
  commitmentReminderDays: number;
}

/** The use cases; see createCommitmentService. */
export interface CommitmentService {
  create(actor: Actor, input: CreateCommitmentInput, options?: Pick<MutationOptions, "idempotencyKey">): Promise<CommitmentWriteResult>;
  reportOutcome(actor: Actor, ref: CommitmentLookup, outcome: CommitmentOutcome, options?: MutationOptions): Promise<CommitmentWriteResult>;
  renegotiate(actor: Actor, ref: CommitmentLookup, newDueAt: Date, options?: MutationOptions): Promise<CommitmentWriteResult>;
  withdraw(actor: Actor, ref: CommitmentLookup, options?: MutationOptions): Promise<CommitmentWriteResult>;
  confirm(actor: Actor, ref: CommitmentLookup, options?: MutationOptions): Promise<CommitmentWriteResult>;
  /** A reason is required: the owner needs to know what is missing. */
  dispute(actor: Actor, ref: CommitmentLookup, options: MutationOptions & { reason: string }): Promise<CommitmentWriteResult>;
  resolveDispute(actor: Actor, ref: CommitmentLookup, outcome: CommitmentOutcome, options?: MutationOptions): Promise<CommitmentWriteResult>;
  get(actor: Actor, ref: CommitmentLookup): Promise<CommitmentWithEvents>;
  list(actor: Actor, filter: CommitmentListFilter, options?: { includeResolved?: boolean; limit?: number }): Promise<Commitment[]>;
  dueReminders(alliance: ReminderAlliance, now?: Date): Promise<DueReminder[]>;
  markReminded(reminder: DueReminder, now?: Date): Promise<CommitmentWriteResult>;
  overdue(allianceId: string, now?: Date): Promise<Commitment[]>;
  figures(allianceId: string, period: FiguresPeriod, options: { timeZone: string; now?: Date }): Promise<CommitmentFigures>;
  /**
   * The figures of consecutive periods (oldest first) from one read; the named lists (overdue,
   * broken, disputed) are filled for the last period only, judged at min(its end, now).
   */
  periodFigures(allianceId: string, periods: readonly FiguresPeriod[], options: { timeZone: string; now?: Date }): Promise<CommitmentFigures[]>;
  anonymise(allianceId: string, memberId: string): Promise<number>;
}

const NUMBER_REF = /^#?(\d{1,9})$/;
// Reminders read the open commitments due soon; an alliance has hundreds, not millions.
const FIGURES_LIMIT = 100_000;

/** Builds the commitments use cases over a repository and a clock. */
export function createCommitmentService(deps: CommitmentServiceDeps): CommitmentService {
  const repo = deps.commitments;
  const maxAttempts = deps.maxAttempts ?? 3;

  // One read for every period (issue 12): the repository aggregates, the core derives the figures.
  async function periodFigures(allianceId: string, periods: readonly FiguresPeriod[], options: { timeZone: string; now?: Date }): Promise<CommitmentFigures[]> {
    const now = options.now ?? deps.clock.now();
    const last = periods[periods.length - 1];
    const asOf = last ? new Date(Math.min(last.end.getTime(), now.getTime())) : now;
    const query = { allianceId, periods, asOf };
    return figuresFromAggregates({ ...query, timeZone: options.timeZone }, await repo.periodAggregates(query));
  }

  // Keys are scoped to the alliance so two workspaces' action ids can never collide.
  const scopedKey = (allianceId: string, key: string | undefined) => (key ? `${allianceId}:${key}` : null);

  async function load(actor: Actor, ref: CommitmentLookup): Promise<Commitment> {
    const asNumber = typeof ref === "number" ? ref : Number(NUMBER_REF.exec(ref.trim())?.[1] ?? Number.NaN);
    const found = Number.isInteger(asNumber)
      ? await repo.findByNumber(actor.allianceId, asNumber)
      : await repo.findById(String(ref));
    if (!found || found.allianceId !== actor.allianceId) {
      // A number the member typed: say which one and how to list theirs (issue 11); an id (a
      // button on an old card) has nothing to show the member.
      if (Number.isInteger(asNumber)) throw new DomainError("COMMITMENT_NOT_FOUND", `commitment #${asNumber}`, { number: asNumber });
      throw new DomainError("NOT_FOUND", `commitment ${String(ref)}`, { ref: String(ref) });
    }
    return found;
  }

  /**
   * The owner and beneficiary ids come from a form or card the client filled in: each must be the
   * actor's alliance's, and a member's organisation must be the one on record. Checked before
   * anything is written.
   */
  async function assertInAlliance(allianceId: string, input: CreateCommitmentInput): Promise<void> {
    const { scope } = deps;
    const memberWithOrganization = async (memberId: string, organizationId: string | null, field: ScopedField) => {
      const member = await assertMemberInAlliance(scope, allianceId, memberId, field);
      if (organizationId !== null && organizationId !== member.organizationId) {
        throw new DomainError("UNKNOWN_ORGANIZATION", `organisation ${organizationId} is not ${memberId}'s`, { field });
      }
    };
    if (input.owner) await memberWithOrganization(input.owner.memberId, input.owner.organizationId, "owner");
    const b = input.beneficiary;
    if (b.kind === "organization") await assertOrganizationInAlliance(scope, allianceId, b.organizationId, "beneficiary");
    else await memberWithOrganization(b.memberId ?? "", b.organizationId, "beneficiary");
  }

  async function replayOf(key: string | null): Promise<CommitmentWriteResult | null> {
    const prior = key ? await repo.findByIdempotencyKey(key) : null;
    return prior ? { commitment: prior, replayed: true } : null;
  }

  async function mutate(
    actor: Actor,
    ref: CommitmentLookup,
    action: CommitmentAction,
    options: MutationOptions,
    reason: string | null,
  ): Promise<CommitmentWriteResult> {
    const key = scopedKey(actor.allianceId, options.idempotencyKey);
    for (let attempt = 1; ; attempt++) {
      // Checked on every try: after a conflict, the winner may have been this very request's retry.
      const replay = await replayOf(key);
      if (replay) return replay;
      const current = await load(actor, ref);
      const now = deps.clock.now();
      assertMayAct(actor, current, action.kind, now);
      if ((action.kind === "confirm" || action.kind === "dispute") && reportedBy(actor, await repo.listEvents([current.id]))) {
        throw new DomainError("COMMITMENT_OWN_REPORT", "the reporter cannot confirm or dispute their own report", { number: current.number });
      }
      const next = transition(current, action, now);
      const renegotiated = next.event === "renegotiated";
      try {
        return await repo.applyChange(
          current.id,
          current.version,
          {
            status: next.status,
            confirmation: next.confirmation,
            dueAt: next.dueAt,
            resolvedAt: current.resolvedAt ?? (next.status === "open" ? null : now),
          },
          {
            type: next.event,
            actorMemberId: actor.memberId,
            at: now,
            fromStatus: current.status,
            toStatus: next.status,
            reason,
            dueAtBefore: renegotiated ? current.dueAt : null,
            dueAtAfter: renegotiated ? next.dueAt : null,
            idempotencyKey: key,
          },
        );
      } catch (error) {
        // Another instance moved the commitment on: re-read and re-judge the action against the new state.
        if (isDomainError(error, "CONFLICT") && attempt < maxAttempts) continue;
        throw error;
      }
    }
  }

  function listQuery(actor: Actor, filter: CommitmentListFilter, now: Date): CommitmentQuery {
    const base = { allianceId: actor.allianceId };
    const organizationId = () => {
      if (actor.organizationId === null) throw new DomainError("MEMBER_WITHOUT_ORGANIZATION", "member has no organisation");
      return actor.organizationId;
    };
    switch (filter) {
      case "mine":
        return { ...base, ownerMemberId: actor.memberId };
      case "ours":
        return { ...base, ownerOrganizationId: organizationId() };
      case "owed":
        return actor.organizationId === null
          ? { ...base, beneficiaryMemberId: actor.memberId }
          : { ...base, beneficiaryMemberId: actor.memberId, beneficiaryOrganizationId: actor.organizationId };
      case "overdue":
        return { ...base, statuses: ["open"], dueBefore: now };
      case "disputed":
        return { ...base, confirmation: "disputed" };
    }
  }

  return {
    async create(actor, rawInput, options = {}) {
      const input = parseCreateInput(rawInput);
      const key = scopedKey(actor.allianceId, options.idempotencyKey);
      const replay = await replayOf(key);
      if (replay) return replay;
      await assertInAlliance(actor.allianceId, input);
      const owner = input.owner ?? { memberId: actor.memberId, organizationId: actor.organizationId };
      if (owner.organizationId === null) {
        throw new DomainError("MEMBER_WITHOUT_ORGANIZATION", "the owner has no organisation", { memberId: owner.memberId });
      }
      if (input.beneficiary.kind === "member" && input.beneficiary.memberId === owner.memberId) {
        throw new DomainError("INVALID_INPUT", "owner and beneficiary are the same person", { reason: "beneficiary" });
      }
      const now = deps.clock.now();
      const dueAt = input.dueAt ?? null;
      if (dueAt) assertDueInFuture(dueAt, now);
      return repo.create(
        {
          allianceId: actor.allianceId,
          text: cleanText(input.text),
          ownerMemberId: owner.memberId,
          ownerOrganizationId: owner.organizationId,
          beneficiary: input.beneficiary,
          dueAt,
          definitionOfDone: cleanDefinitionOfDone(input.definitionOfDone),
          createdById: actor.memberId,
          createdAt: now,
        },
        {
          type: "created",
          actorMemberId: actor.memberId,
          at: now,
          fromStatus: null,
          toStatus: "open",
          reason: null,
          dueAtBefore: null,
          dueAtAfter: dueAt,
          idempotencyKey: key,
        },
      );
    },

    // async, so a bad reason rejects the promise like every other refusal instead of throwing.
    reportOutcome: async (actor, ref, outcome, options = {}) =>
      mutate(actor, ref, { kind: "report", outcome }, options, cleanReason(options.reason)),
    renegotiate: async (actor, ref, newDueAt, options = {}) =>
      mutate(actor, ref, { kind: "renegotiate", newDueAt }, options, cleanReason(options.reason)),
    withdraw: async (actor, ref, options = {}) => mutate(actor, ref, { kind: "withdraw" }, options, cleanReason(options.reason)),
    confirm: async (actor, ref, options = {}) => mutate(actor, ref, { kind: "confirm" }, options, cleanReason(options.reason)),
    dispute: async (actor, ref, options) => mutate(actor, ref, { kind: "dispute" }, options, cleanReason(options.reason, true)),
    resolveDispute: async (actor, ref, outcome, options = {}) =>
      mutate(actor, ref, { kind: "resolve_dispute", outcome }, options, cleanReason(options.reason)),

    async get(actor, ref) {
      const commitment = await load(actor, ref);
      return { commitment, events: await repo.listEvents([commitment.id]) };
    },

    async list(actor, filter, options = {}) {
      const query = listQuery(actor, filter, deps.clock.now());
      const openOnly = !options.includeResolved && filter !== "disputed";
      return repo.list({ ...query, ...(openOnly ? { statuses: ["open"] } : {}), limit: options.limit ?? 50 });
    },

    async dueReminders(alliance, now = deps.clock.now()) {
      const settings: ReminderSettings = { reminderDays: alliance.commitmentReminderDays, timeZone: alliance.timezone };
      // Everything due before the end of the reminder window; a day of slack covers DST-long days.
      const horizon = new Date(now.getTime() + (settings.reminderDays + 2) * 86_400_000);
      const open = await repo.list({ allianceId: alliance.id, statuses: ["open"], dueBefore: horizon, limit: FIGURES_LIMIT });
      const events = await repo.listEvents(open.map((c) => c.id));
      return remindersDue(open, events, now, settings);
    },

    async markReminded(reminder, now = deps.clock.now()) {
      const key = `${reminder.commitment.allianceId}:${reminder.key}`;
      const replay = await replayOf(key);
      if (replay) return replay;
      for (let attempt = 1; ; attempt++) {
        const current = await repo.findById(reminder.commitment.id);
        if (!current) throw new DomainError("NOT_FOUND", `commitment ${reminder.commitment.id}`);
        const event = {
          type: "reminded" as const,
          actorMemberId: null,
          at: now,
          fromStatus: current.status,
          toStatus: current.status,
          reason: reminder.kind,
          dueAtBefore: null,
          dueAtAfter: reminder.commitment.dueAt,
          idempotencyKey: key,
        };
        try {
          return await repo.applyChange(current.id, current.version, {}, event);
        } catch (error) {
          if (isDomainError(error, "CONFLICT") && attempt < maxAttempts) continue;
          throw error;
        }
      }
    },

    overdue: async (allianceId, now = deps.clock.now()) =>
      repo.list({ allianceId, statuses: ["open"], dueBefore: now, limit: FIGURES_LIMIT }),

    async figures(allianceId, period, options) {
      return (await periodFigures(allianceId, [period], options))[0]!;
    },

    periodFigures,

    anonymise: async (allianceId, memberId) => repo.detachMember(allianceId, memberId),
  };
}
