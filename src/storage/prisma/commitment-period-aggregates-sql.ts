// CommitmentRepository.periodAggregates in one SQL statement (issue 12): every commitment of the
// periods and every one of their events is read once, whatever the number of periods. It replays
// what aggregateCommitmentPeriods (core/commitments/commitment-period-counts.ts) does in
// JavaScript, rule by rule:
// - periods are consecutive, so `width_bucket(t, bounds)` (bounds = the starts, then the last end)
//   is the period holding t: 1…n, 0 before, n + 1 after;
// - a commitment is LISTED in periods lo…hi: created before the period's end, unresolved or
//   resolved (its row's resolvedAt) from the period's start;
// - the state at a cut is replayed from the events before the cut in sequence order (last status,
//   last confirmation-changing event, last due date); with no event before the cut, the row's own
//   values stand (snapshotAt's fallback);
// - a commitment has at most one resolving event (outcome or withdrawn: the state machine allows
//   one), so it is resolved in the period holding that event, judged at that period's end;
// - the named lists replay the state at asOf with snapshotAt's rule of stopping at the first event
//   (by sequence) at or after asOf.
// Dates travel as ISO text: the columns are `timestamp(3)` in UTC, and text needs no time zone.
import type {
  CommitmentCounts,
  CommitmentNotice,
  CommitmentNoticeKind,
  CommitmentPeriodAggregates,
  CommitmentPeriodQuery,
} from "../../core/commitments/commitment-period-counts.js";
import { aggregateCommitmentPeriods, assertConsecutive, emptyCounts } from "../../core/commitments/commitment-period-counts.js";
import type { Commitment, CommitmentEvent } from "../../core/commitments/commitment.js";
import type { PrismaClient } from "../prisma-client.js";
import { withSortMemory } from "./sort-memory.js";

// "The last event by sequence with property P" is max(sequence · 2^k + value) over the events
// with P: one cheap hash/group aggregate instead of sorted array_aggs. Status, confirmation and
// the created event's due date are small codes; a due date is its epoch millisecond + 1 (0: none).
const STATUS_CODE = `CASE ev.to_status WHEN 'open' THEN 0 WHEN 'kept' THEN 1 WHEN 'kept_late' THEN 2 WHEN 'broken' THEN 3 WHEN 'withdrawn' THEN 4 END`;
const CONFIRMATION_CODE = `CASE ev.type WHEN 'outcome' THEN 1 WHEN 'confirmed' THEN 2 WHEN 'disputed' THEN 3 WHEN 'dispute_resolved' THEN 2 ELSE 0 END`;
const CONFIRMATION_EVENTS = `ev.type IN ('outcome', 'confirmed', 'disputed', 'dispute_resolved', 'renegotiated', 'withdrawn')`;
const DUE_VALUE = `coalesce((extract(epoch FROM ev.due_after) * 1000)::bigint + 1, 0)`;
const LAST_END = `ev.at < b.bounds[b.n + 1]`;
const CUT_R = `ev.at < c.cut_r`;
const BEFORE_AS_OF = `ev.at < b.as_of`;
const STATUSES = `(ARRAY['open', 'kept', 'kept_late', 'broken', 'withdrawn'])`;
const CONFIRMATIONS = `(ARRAY['none', 'pending', 'confirmed', 'disputed'])`;
const decodeDue = (column: string) => `CASE WHEN ${column} IS NULL OR ${column} % ${2n ** 43n} = 0 THEN NULL ELSE to_timestamp(((${column} % ${2n ** 43n}) - 1) / 1000.0) AT TIME ZONE 'UTC' END`;

export const COMMITMENT_PERIOD_AGGREGATES_SQL = `
WITH b AS (
  SELECT $2::text[]::timestamp(3)[] AS bounds, cardinality($2::text[]) - 1 AS n, $3::text::timestamp(3) AS as_of
),
c AS (
  SELECT c.id, c."ownerOrganizationId" AS owner, c."beneficiaryOrganizationId" AS ben,
         c."createdAt" AS created_at, c."resolvedAt" AS resolved_at, c.status, c.confirmation, c."dueAt" AS due_at,
         (c."definitionOfDone" IS NOT NULL AND c."definitionOfDone" ~ '[^[:space:]]') AS has_done,
         width_bucket(c."createdAt", b.bounds) AS pc,
         b.bounds[width_bucket(c."createdAt", b.bounds) + 1] AS cut_c,
         b.bounds[width_bucket(c."resolvedAt", b.bounds) + 1] AS cut_r,
         greatest(width_bucket(c."createdAt", b.bounds), 1) AS lo,
         CASE WHEN c."resolvedAt" IS NULL THEN b.n ELSE least(width_bucket(c."resolvedAt", b.bounds), b.n) END AS hi,
         CASE WHEN c."resolvedAt" IS NULL THEN NULL ELSE width_bucket(c."resolvedAt", b.bounds) END AS prow
  FROM "Commitment" c CROSS JOIN b
  WHERE c."allianceId" = $1 AND c."createdAt" < b.bounds[b.n + 1]
    AND (c."resolvedAt" IS NULL OR c."resolvedAt" >= b.bounds[1])
),
x AS (
  -- One pass over the events, grouped by commitment. The state at the resolving period's end is
  -- replayed up to the row's resolvedAt period; a commitment whose resolving event is not at its
  -- row's resolvedAt, or whose events are out of time order around asOf, is flagged and counted
  -- by the caller from its rows instead (the state machine writes neither).
  SELECT ev.id,
    min(ev.at) AS first_at,
    min(ev.at) FILTER (WHERE ev.type IN ('outcome', 'withdrawn')) AS res_at,
    max(ev.sequence * 8 + ${STATUS_CODE}) FILTER (WHERE ev.to_status IS NOT NULL AND ${CUT_R}) % 8 AS status_r,
    max(ev.sequence * 8 + ${CONFIRMATION_CODE}) FILTER (WHERE ${CONFIRMATION_EVENTS} AND ${CUT_R}) % 8 AS conf_r,
    min(ev.sequence * 2 + (ev.due_after IS NOT NULL)::int) FILTER (WHERE ev.type = 'created' AND ev.at < c.cut_c) % 2 = 1 AS created_due,
    bool_or(${LAST_END}) AS events_in_last,
    max(ev.sequence * ${2n ** 43n} + ${DUE_VALUE}) FILTER (WHERE ev.type IN ('created', 'renegotiated') AND ${LAST_END}) AS due_end,
    max(ev.sequence * 8 + ${STATUS_CODE}) FILTER (WHERE ev.to_status IS NOT NULL AND ${BEFORE_AS_OF}) % 8 AS status_a,
    max(ev.sequence * 8 + ${CONFIRMATION_CODE}) FILTER (WHERE ${CONFIRMATION_EVENTS} AND ${BEFORE_AS_OF}) % 8 AS conf_a,
    max(ev.sequence * ${2n ** 43n} + ${DUE_VALUE}) FILTER (WHERE ev.type IN ('created', 'renegotiated') AND ${BEFORE_AS_OF}) AS due_a,
    max(ev.sequence) FILTER (WHERE ${BEFORE_AS_OF}) AS last_before_as_of,
    min(ev.sequence) FILTER (WHERE ev.at >= b.as_of AND ${LAST_END}) AS first_from_as_of,
    array_agg(width_bucket(ev.at, b.bounds)) FILTER (WHERE ev.type = 'renegotiated') AS renegotiated_in
  FROM (SELECT e."commitmentId" AS id, e.sequence::bigint AS sequence, e.type, e.at, e."toStatus" AS to_status, e."dueAtAfter" AS due_after
          FROM "CommitmentEvent" e) AS ev
  JOIN c ON c.id = ev.id CROSS JOIN b
  GROUP BY ev.id
),
flagged AS MATERIALIZED (
  SELECT x.id FROM x JOIN c ON c.id = x.id
  WHERE x.res_at IS DISTINCT FROM c.resolved_at
     OR (x.first_from_as_of IS NOT NULL AND x.last_before_as_of > x.first_from_as_of)
),
per AS MATERIALIZED (
  SELECT c.*, x.first_at, ${STATUSES}[x.status_r + 1] AS status_r, ${CONFIRMATIONS}[x.conf_r + 1] AS conf_r, x.created_due,
         coalesce(x.events_in_last, false) AS events_in_last, ${decodeDue("x.due_end")} AS due_end,
         ${STATUSES}[x.status_a + 1] AS status_a, ${CONFIRMATIONS}[x.conf_a + 1] AS conf_a, ${decodeDue("x.due_a")} AS due_a,
         x.renegotiated_in, CASE WHEN x.res_at IS NULL THEN NULL ELSE c.prow END AS pr
  FROM c LEFT JOIN x ON x.id = c.id CROSS JOIN b
  WHERE NOT EXISTS (SELECT 1 FROM flagged f WHERE f.id = c.id)
),
outcomes AS (
  -- Resolved by its event: in the period holding that event, status as at that period's end.
  SELECT pr AS p, owner, ben, coalesce(status_r, 'open') AS status, conf_r = 'disputed' AS disputed
  FROM per CROSS JOIN b WHERE pr BETWEEN 1 AND n AND pr BETWEEN lo AND hi
  UNION ALL
  -- No event before the period's end: the row's own resolution stands (snapshotAt's fallback).
  SELECT prow, owner, ben, status, confirmation = 'disputed'
  FROM per CROSS JOIN b WHERE prow BETWEEN 1 AND n AND prow BETWEEN lo AND hi AND (first_at IS NULL OR first_at >= bounds[prow + 1])
),
asof AS (
  SELECT per.*, b.n, b.as_of,
    CASE WHEN events_in_last THEN coalesce(status_a, 'open')
         WHEN resolved_at IS NOT NULL AND resolved_at < as_of THEN status ELSE 'open' END AS a_status,
    CASE WHEN events_in_last THEN coalesce(conf_a, '') = 'disputed'
         ELSE resolved_at IS NOT NULL AND resolved_at < as_of AND confirmation = 'disputed' END AS a_disputed,
    CASE WHEN events_in_last THEN due_a ELSE due_at END AS a_due
  FROM per CROSS JOIN b WHERE lo <= n AND hi = n AND created_at < as_of
),
notices AS (
  SELECT 'broken' AS kind, id, owner, ben, CASE WHEN pr = n THEN due_end ELSE due_at END AS due
    FROM per CROSS JOIN b
    WHERE lo <= n AND hi = n AND (
      (pr = n AND status_r = 'broken')
      OR (prow = n AND (first_at IS NULL OR first_at >= bounds[n + 1]) AND status = 'broken'))
  UNION ALL
  SELECT 'overdue', id, owner, ben, a_due FROM asof WHERE a_status = 'open' AND a_due IS NOT NULL AND a_due < as_of
  UNION ALL
  SELECT 'disputed', id, owner, ben, a_due FROM asof WHERE a_disputed
)
SELECT 'listed' AS kind, lo AS p, hi, owner, ben, NULL::text AS status, false AS f1, false AS f2, count(*)::int AS count,
       NULL::text AS id, NULL::int AS number, NULL::text AS text, NULL::text AS due
  FROM per WHERE lo <= hi GROUP BY lo, hi, owner, ben
UNION ALL
SELECT 'outcome', p, NULL, owner, ben, status, coalesce(disputed, false), false, count(*)::int, NULL, NULL, NULL, NULL
  FROM outcomes GROUP BY p, owner, ben, status, coalesce(disputed, false)
UNION ALL
SELECT 'created', pc, NULL, owner, ben, NULL, coalesce(created_due, due_at IS NOT NULL), has_done, count(*)::int, NULL, NULL, NULL, NULL
  FROM per CROSS JOIN b WHERE pc BETWEEN 1 AND n AND pc <= hi GROUP BY pc, owner, ben, coalesce(created_due, due_at IS NOT NULL), has_done
UNION ALL
SELECT 'renegotiated', r.p, NULL, owner, ben, NULL, false, false, count(*)::int, NULL, NULL, NULL, NULL
  FROM per CROSS JOIN b CROSS JOIN LATERAL unnest(per.renegotiated_in) AS r(p)
  WHERE per.renegotiated_in IS NOT NULL AND r.p BETWEEN greatest(per.lo, 1) AND least(per.hi, b.n)
  GROUP BY r.p, owner, ben
UNION ALL
-- The named lists are few: only their rows are looked up again for the number and text shown.
SELECT notices.kind, b.n, NULL, owner, ben, NULL, false, false, 1, notices.id, k.number, k.text,
       to_char(notices.due, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  FROM notices JOIN "Commitment" k ON k.id = notices.id CROSS JOIN b
UNION ALL
SELECT 'recheck', 0, NULL, NULL, NULL, NULL, false, false, 0, flagged.id, NULL, NULL, NULL FROM flagged
`;

interface Row {
  kind: "listed" | "outcome" | "created" | "renegotiated" | "recheck" | CommitmentNoticeKind;
  p: number;
  hi: number | null;
  owner: string | null;
  ben: string | null;
  status: string | null;
  f1: boolean;
  f2: boolean;
  count: number;
  id: string | null;
  number: number | null;
  text: string | null;
  due: string | null;
}

const OUTCOME_FIELD = { kept: "kept", kept_late: "keptLate", broken: "broken", withdrawn: "withdrawn" } as const;

/** Loads commitments (with their events) by id, for the few the statement leaves to JavaScript. */
export type LoadCommitments = (ids: readonly string[]) => Promise<{ commitments: Commitment[]; events: CommitmentEvent[] }>;

/**
 * Runs the statement and folds its rows into per-group counts (periods 0-based) and notices; the
 * commitments it flags (a history the state machine does not write) are counted from their rows
 * by the reference aggregation and added.
 */
export async function queryCommitmentPeriodAggregates(prisma: PrismaClient, query: CommitmentPeriodQuery, load: LoadCommitments): Promise<CommitmentPeriodAggregates> {
  assertConsecutive(query.periods);
  const bounds = [...query.periods.map((p) => p.start.toISOString()), query.periods[query.periods.length - 1]!.end.toISOString()];
  const rows = await withSortMemory(prisma, (tx) => tx.$queryRawUnsafe<Row[]>(COMMITMENT_PERIOD_AGGREGATES_SQL, query.allianceId, bounds, query.asOf.toISOString()));
  const groups = new Map<string, CommitmentCounts>();
  const group = (period: number, owner: string | null, ben: string | null): CommitmentCounts => {
    if (owner === null) throw new Error("a commitment has no owning organisation");
    const key = `${period}\u0000${owner}\u0000${ben ?? "\u0001"}`;
    let g = groups.get(key);
    if (!g) {
      g = emptyCounts(period, owner, ben);
      groups.set(key, g);
    }
    return g;
  };
  const notices: CommitmentNotice[] = [];
  const recheck: string[] = [];
  for (const row of rows) {
    switch (row.kind) {
      case "recheck":
        recheck.push(row.id!);
        break;
      case "listed":
        for (let p = row.p; p <= row.hi!; p++) group(p - 1, row.owner, row.ben).listed += row.count;
        break;
      case "outcome": {
        const g = group(row.p - 1, row.owner, row.ben);
        const field = OUTCOME_FIELD[row.status as keyof typeof OUTCOME_FIELD];
        if (field) g[field] += row.count;
        if (row.status !== "withdrawn" && row.f1) g.disputed += row.count;
        break;
      }
      case "created": {
        const g = group(row.p - 1, row.owner, row.ben);
        g.created += row.count;
        if (row.f1) g.createdWithDueDate += row.count;
        if (row.f2) g.createdWithDefinitionOfDone += row.count;
        if (row.f1 && row.f2) g.createdComplete += row.count;
        break;
      }
      case "renegotiated":
        group(row.p - 1, row.owner, row.ben).renegotiated += row.count;
        break;
      default:
        if (row.owner === null) throw new Error(`commitment ${row.id} has no owning organisation`);
        notices.push({
          kind: row.kind,
          id: row.id!,
          number: row.number!,
          text: row.text!,
          ownerOrganizationId: row.owner,
          beneficiaryOrganizationId: row.ben,
          dueAt: row.due === null ? null : new Date(row.due),
        });
    }
  }
  if (recheck.length > 0) {
    const { commitments, events } = await load(recheck);
    const extra = aggregateCommitmentPeriods(query, commitments, events);
    for (const g of extra.counts) {
      const into = group(g.period, g.ownerOrganizationId, g.beneficiaryOrganizationId);
      for (const field of COUNT_FIELDS) into[field] += g[field];
    }
    notices.push(...extra.notices);
  }
  return { counts: [...groups.values()], notices };
}

const COUNT_FIELDS = [
  "listed",
  "kept",
  "keptLate",
  "broken",
  "withdrawn",
  "disputed",
  "renegotiated",
  "created",
  "createdWithDueDate",
  "createdWithDefinitionOfDone",
  "createdComplete",
] as const;
