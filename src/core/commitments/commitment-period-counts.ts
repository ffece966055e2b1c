/**
 * Commitment figures from per-period aggregates, so the summary reads every commitment once for
 * all its periods instead of once per period (issue 12). The storage port returns, for a run of
 * consecutive periods, counts grouped by (period, owner organisation, beneficiary organisation)
 * plus the current period's named lists; `figuresFromAggregates` turns them into the same
 * CommitmentFigures the counting rules in commitment-figures.ts define.
 *
 * `aggregateCommitmentPeriods` is the reference computation over plain rows (the in-memory
 * repository uses it; the Prisma repository does the same in SQL and the contract suite checks
 * both give the same aggregates). Its per-commitment rules are exactly those of
 * commitment-figures.ts: which commitments a period looks at ("listed": created before its end,
 * and unresolved or resolved from its start), the state replayed at the period's end, and for the
 * named lists the state at `asOf`.
 */
import type { Commitment, CommitmentEvent, CommitmentStatus } from "./commitment.js";
import { eventsByCommitment, snapshotAt } from "./commitment-history.js";

/** A half-open period [start, end). */
export interface FiguresPeriod {
  start: Date;
  end: Date;
}

/** Counts of one (period, owner organisation, beneficiary organisation) group. */
export interface CommitmentCounts {
  /** Index into the requested periods. */
  period: number;
  ownerOrganizationId: string;
  /** Null when the beneficiary's organisation is unknown. */
  beneficiaryOrganizationId: string | null;
  /** Commitments the period looks at (created before its end, unresolved or resolved from its start). */
  listed: number;
  /** Resolved in the period, by status at the period's end. */
  kept: number;
  keptLate: number;
  broken: number;
  withdrawn: number;
  /** Resolved in the period (not withdrawn) and still disputed at its end. */
  disputed: number;
  /** Renegotiations recorded in the period. */
  renegotiated: number;
  /** Created in the period, and of those with a due date (as created) and a definition of done. */
  created: number;
  createdWithDueDate: number;
  createdWithDefinitionOfDone: number;
  /** Created in the period with both (every commitment has an owner). */
  createdComplete: number;
}

/** Why a commitment is named in the current period's lists. */
export type CommitmentNoticeKind = "broken" | "overdue" | "disputed";

/** A commitment named in the last period's lists, with its due date as known then. */
export interface CommitmentNotice {
  kind: CommitmentNoticeKind;
  id: string;
  number: number;
  text: string;
  ownerOrganizationId: string;
  beneficiaryOrganizationId: string | null;
  dueAt: Date | null;
}

/** What the repository returns for a run of periods. */
export interface CommitmentPeriodAggregates {
  /** Only groups with a non-zero count. */
  counts: CommitmentCounts[];
  /** broken in the LAST period; overdue and disputed at `asOf` among the commitments it looks at. */
  notices: CommitmentNotice[];
}

/** The question to the repository: consecutive periods (each end is the next start), and asOf for the last. */
export interface CommitmentPeriodQuery {
  allianceId: string;
  periods: readonly FiguresPeriod[];
  /** min(last period's end, now): when overdue and disputed are judged. */
  asOf: Date;
}

/** Throws unless `periods` is a non-empty run of consecutive half-open periods. */
export function assertConsecutive(periods: readonly FiguresPeriod[]): void {
  if (periods.length === 0) throw new RangeError("at least one period is needed");
  periods.forEach((p, i) => {
    if (p.end.getTime() <= p.start.getTime()) throw new RangeError(`period ${i} is empty`);
    const next = periods[i + 1];
    if (next && next.start.getTime() !== p.end.getTime()) throw new RangeError(`period ${i + 1} does not start where period ${i} ends`);
  });
}

/** A group with nothing counted yet. */
export function emptyCounts(period: number, owner: string, beneficiary: string | null): CommitmentCounts {
  return {
    period,
    ownerOrganizationId: owner,
    beneficiaryOrganizationId: beneficiary,
    listed: 0,
    kept: 0,
    keptLate: 0,
    broken: 0,
    withdrawn: 0,
    disputed: 0,
    renegotiated: 0,
    created: 0,
    createdWithDueDate: 0,
    createdWithDefinitionOfDone: 0,
    createdComplete: 0,
  };
}

const within = (at: Date | null, period: FiguresPeriod) =>
  at !== null && at.getTime() >= period.start.getTime() && at.getTime() < period.end.getTime();

const OUTCOME_FIELD: Partial<Record<CommitmentStatus, "kept" | "keptLate" | "broken" | "withdrawn">> = {
  kept: "kept",
  kept_late: "keptLate",
  broken: "broken",
  withdrawn: "withdrawn",
};

/** The reference aggregation over plain rows (rules in the module header). */
export function aggregateCommitmentPeriods(
  query: CommitmentPeriodQuery,
  commitments: readonly Commitment[],
  events: readonly CommitmentEvent[],
): CommitmentPeriodAggregates {
  assertConsecutive(query.periods);
  const groups = new Map<string, CommitmentCounts>();
  const notices: CommitmentNotice[] = [];
  const all = eventsByCommitment(events);
  const last = query.periods.length - 1;
  query.periods.forEach((period, index) => {
    for (const c of commitments) {
      if (c.allianceId !== query.allianceId) continue;
      if (c.createdAt.getTime() >= period.end.getTime()) continue;
      if (c.resolvedAt !== null && c.resolvedAt.getTime() < period.start.getTime()) continue;
      const history = (all.get(c.id) ?? []).filter((e) => e.at.getTime() < period.end.getTime());
      const atEnd = snapshotAt(c, history, period.end);
      if (!atEnd.exists) continue;
      const from = c.ownerOrganizationId;
      const to = c.beneficiary.organizationId;
      const key = `${index}\u0000${from}\u0000${to ?? ""}\u0000${to === null ? "null" : ""}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = emptyCounts(index, from, to)));
      g.listed++;
      g.renegotiated += history.filter((e) => e.type === "renegotiated" && within(e.at, period)).length;
      if (within(atEnd.resolvedAt, period)) {
        const field = OUTCOME_FIELD[atEnd.status];
        if (field) g[field]++;
        if (atEnd.status !== "withdrawn" && atEnd.confirmation === "disputed") g.disputed++;
      }
      if (within(c.createdAt, period)) {
        const created = history.find((e) => e.type === "created");
        const hasDue = (created ? created.dueAtAfter : c.dueAt) !== null;
        const hasDone = c.definitionOfDone !== null && c.definitionOfDone.trim() !== "";
        g.created++;
        if (hasDue) g.createdWithDueDate++;
        if (hasDone) g.createdWithDefinitionOfDone++;
        if (hasDue && hasDone) g.createdComplete++;
      }
      if (index !== last) continue;
      const notice = (kind: CommitmentNoticeKind, dueAt: Date | null): CommitmentNotice => ({
        kind,
        id: c.id,
        number: c.number,
        text: c.text,
        ownerOrganizationId: from,
        beneficiaryOrganizationId: to,
        dueAt,
      });
      if (within(atEnd.resolvedAt, period) && atEnd.status === "broken") notices.push(notice("broken", atEnd.dueAt));
      const atAsOf = query.asOf.getTime() === period.end.getTime() ? atEnd : snapshotAt(c, history, query.asOf);
      if (atAsOf.exists && atAsOf.status === "open" && atAsOf.dueAt !== null && atAsOf.dueAt.getTime() < query.asOf.getTime()) {
        notices.push(notice("overdue", atAsOf.dueAt));
      }
      if (atAsOf.exists && atAsOf.confirmation === "disputed") notices.push(notice("disputed", atAsOf.dueAt));
    }
  });
  const nonZero = [...groups.values()].filter((g) => g.listed > 0);
  return { counts: nonZero, notices };
}

