// CommitmentRepository.periodAggregates in one SQL statement, run as two halves side by side
// (issue 12): every commitment of the periods and every one of their events is read once,
// whatever the number of periods. It replays
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
} from "#core/commitments/commitment-period-counts.js";
import { aggregateCommitmentPeriods, assertConsecutive, emptyCounts } from "#core/commitments/commitment-period-counts.js";
import type { Commitment, CommitmentEvent } from "#core/commitments/commitment.js";
import type { PrismaClient } from "../prisma-client.js";
import { withAggregateSettings } from "./aggregate-statement-settings.js";

// "The last event by sequence with property P" is max(sequence · 2^k + value) over the events
// with P: one cheap hash aggregate instead of sorted array_aggs. Each event's codes are computed
// once (status, confirmation and the due date it sets are small codes; a due date is its epoch
// millisecond + 1, 0: none; NULL where the event does not carry that property, which max/min skip).
const DUE_SHIFT = 2n ** 43n;
const STATUSES = `(ARRAY['open', 'kept', 'kept_late', 'broken', 'withdrawn'])`;
const CONFIRMATIONS = `(ARRAY['none', 'pending', 'confirmed', 'disputed'])`;
const decodeDue = (column: string) => `CASE WHEN ${column} IS NULL OR ${column} % ${DUE_SHIFT} = 0 THEN NULL ELSE to_timestamp(((${column} % ${DUE_SHIFT}) - 1) / 1000.0) AT TIME ZONE 'UTC' END`;

// Shape of the plan (issue 12, second pass): the alliance's commitments of the periods (cc) are
// read once with their period numbers and cuts; every event is hash-joined to them and folded
// into one row per commitment (x) by one hash aggregate; per adds the keys each commitment is
// counted under; the result groups per. No sort and no merge join on the way (the first version
// sorted the 95,000 joined events by commitment id and merge-joined three times: ~2x the CPU).
// The statement reads one half of the commitments ($4: true for those whose id hashes below zero,
// false for the others; the same for their events): every figure is a count per commitment, so
// the halves' rows simply add up, and the two run side by side on two connections (one backend is
// one core; PGlite, with one connection, runs them one after the other).
export const COMMITMENT_PERIOD_AGGREGATES_SQL = `
WITH b AS MATERIALIZED (
  SELECT $2::text[]::timestamp(3)[] AS bounds, cardinality($2::text[]) - 1 AS n, $3::text::timestamp(3) AS as_of,
         ($2::text[])[1]::timestamp(3) AS first_start, ($2::text[])[cardinality($2::text[])]::timestamp(3) AS last_end
),
cc AS MATERIALIZED (
  SELECT c.id, c."ownerOrganizationId" AS owner, c."beneficiaryOrganizationId" AS ben,
         c."createdAt" AS created_at, c."resolvedAt" AS resolved_at, c.status, c.confirmation, c."dueAt" AS due_at,
         (c."definitionOfDone" IS NOT NULL AND c."definitionOfDone" ~ '[^[:space:]]') AS has_done,
         k.pc, k.prow, b.bounds[k.pc + 1] AS cut_c, b.bounds[k.prow + 1] AS cut_r
  FROM "Commitment" c CROSS JOIN b
    CROSS JOIN LATERAL (SELECT width_bucket(c."createdAt", b.bounds) AS pc, width_bucket(c."resolvedAt", b.bounds) AS prow) k
  WHERE c."allianceId" = $1 AND (hashtext(c.id) < 0) = $4::boolean AND c."createdAt" < b.last_end AND (c."resolvedAt" IS NULL OR c."resolvedAt" >= b.first_start)
),
ev AS (
  SELECT e."commitmentId" AS id, e.sequence::bigint AS seq, e.at,
    CASE e."toStatus" WHEN 'open' THEN 0 WHEN 'kept' THEN 1 WHEN 'kept_late' THEN 2 WHEN 'broken' THEN 3 WHEN 'withdrawn' THEN 4 END AS st,
    CASE e.type WHEN 'outcome' THEN 1 WHEN 'confirmed' THEN 2 WHEN 'disputed' THEN 3 WHEN 'dispute_resolved' THEN 2
                WHEN 'renegotiated' THEN 0 WHEN 'withdrawn' THEN 0 END AS cf,
    CASE WHEN e.type IN ('created', 'renegotiated') THEN coalesce(round(date_part('epoch', e."dueAtAfter") * 1000)::bigint + 1, 0) END AS dv,
    CASE WHEN e.type = 'created' THEN e.sequence::bigint * 2 + (e."dueAtAfter" IS NOT NULL)::int END AS cd,
    e.type IN ('outcome', 'withdrawn') AS res,
    e.type = 'renegotiated' AS reneg
  FROM "CommitmentEvent" e
  WHERE (hashtext(e."commitmentId") < 0) = $4::boolean
  OFFSET 0
),
x AS (
  SELECT cc.id,
    count(*) AS events,
    min(ev.at) AS first_at,
    min(ev.at) FILTER (WHERE ev.res) AS res_at,
    max(ev.seq * 8 + ev.st) FILTER (WHERE ev.at < cc.cut_r) % 8 AS status_r,
    max(ev.seq * 8 + ev.cf) FILTER (WHERE ev.at < cc.cut_r) % 8 AS conf_r,
    min(ev.cd) FILTER (WHERE ev.at < cc.cut_c) % 2 = 1 AS created_due,
    bool_or(ev.at < b.last_end) AS events_in_last,
    max(ev.seq * ${DUE_SHIFT} + ev.dv) FILTER (WHERE ev.at < b.last_end) AS due_end,
    max(ev.seq * 8 + ev.st) FILTER (WHERE ev.at < b.as_of) % 8 AS status_a,
    max(ev.seq * 8 + ev.cf) FILTER (WHERE ev.at < b.as_of) % 8 AS conf_a,
    max(ev.seq * ${DUE_SHIFT} + ev.dv) FILTER (WHERE ev.at < b.as_of) AS due_a,
    max(ev.seq) FILTER (WHERE ev.at < b.as_of) AS last_before_as_of,
    min(ev.seq) FILTER (WHERE ev.at >= b.as_of AND ev.at < b.last_end) AS first_from_as_of,
    -- Renegotiations per period as base-1000 digits (digit p: the period holding the event);
    -- a commitment with 1,000 or more is flagged, so a digit never carries.
    sum(power(1000::numeric, width_bucket(ev.at, b.bounds))) FILTER (WHERE ev.reneg) AS renegotiated,
    count(*) FILTER (WHERE ev.reneg) AS renegotiations
  FROM cc JOIN ev ON ev.id = cc.id CROSS JOIN b
  GROUP BY cc.id
),
per AS MATERIALIZED (
  -- One row per commitment with the keys it is counted under (NULL: not counted there).
  SELECT cc.id, owner, ben, lo, hi, prow, pr, due_at, created_at, resolved_at, status, confirmation, first_at, flagged,
    status_r, due_end, events_in_last, status_a, conf_a, due_a, renegotiated,
    CASE WHEN lo <= hi THEN lo END AS listed_lo,
    CASE WHEN pr BETWEEN 1 AND b.n AND pr BETWEEN lo AND hi THEN pr
         WHEN prow BETWEEN 1 AND b.n AND prow BETWEEN lo AND hi AND (first_at IS NULL OR first_at >= b.bounds[prow + 1]) THEN prow END AS out_p,
    CASE WHEN pr BETWEEN 1 AND b.n AND pr BETWEEN lo AND hi THEN coalesce(status_r, 'open') ELSE status END AS out_status,
    coalesce(CASE WHEN pr BETWEEN 1 AND b.n AND pr BETWEEN lo AND hi THEN conf_r = 'disputed' ELSE confirmation = 'disputed' END, false) AS out_disputed,
    CASE WHEN pc BETWEEN 1 AND b.n AND pc <= hi THEN pc END AS created_p,
    coalesce(created_due, due_at IS NOT NULL) AS created_due, has_done
  FROM (
    SELECT cc.id, owner, ben, created_at, resolved_at, status, confirmation, due_at, has_done, pc,
         greatest(pc, 1) AS lo,
         CASE WHEN resolved_at IS NULL THEN b.n ELSE least(prow, b.n) END AS hi,
         prow, first_at, ${STATUSES}[status_r + 1] AS status_r, ${CONFIRMATIONS}[conf_r + 1] AS conf_r, created_due,
         coalesce(events_in_last, false) AS events_in_last, due_end,
         ${STATUSES}[status_a + 1] AS status_a, ${CONFIRMATIONS}[conf_a + 1] AS conf_a, due_a,
         CASE WHEN res_at IS NULL THEN NULL ELSE prow END AS pr,
         coalesce(events > 0 AND (res_at IS DISTINCT FROM resolved_at OR (first_from_as_of IS NOT NULL AND last_before_as_of > first_from_as_of)
                       OR renegotiations >= 1000), false) AS flagged, renegotiated
    FROM cc LEFT JOIN x ON x.id = cc.id CROSS JOIN b
    OFFSET 0
  ) AS cc CROSS JOIN b
),
asof AS (
  SELECT per.id, owner, ben, b.as_of,
    CASE WHEN events_in_last THEN coalesce(status_a, 'open')
         WHEN resolved_at IS NOT NULL AND resolved_at < as_of THEN status ELSE 'open' END AS a_status,
    CASE WHEN events_in_last THEN coalesce(conf_a, '') = 'disputed'
         ELSE resolved_at IS NOT NULL AND resolved_at < as_of AND confirmation = 'disputed' END AS a_disputed,
    CASE WHEN events_in_last THEN ${decodeDue("due_a")} ELSE due_at END AS a_due
  FROM per CROSS JOIN b WHERE NOT flagged AND lo <= b.n AND hi = b.n AND created_at < b.as_of
),
notices AS (
  SELECT 'broken' AS kind, id, owner, ben, CASE WHEN pr = n THEN ${decodeDue("due_end")} ELSE due_at END AS due
    FROM per CROSS JOIN b
    WHERE NOT flagged AND lo <= n AND hi = n AND (
      (pr = n AND status_r = 'broken')
      OR (prow = n AND (first_at IS NULL OR first_at >= bounds[n + 1]) AND status = 'broken'))
  UNION ALL
  SELECT 'overdue', id, owner, ben, a_due FROM asof WHERE a_status = 'open' AND a_due IS NOT NULL AND a_due < as_of
  UNION ALL
  SELECT 'disputed', id, owner, ben, a_due FROM asof WHERE a_disputed
)
SELECT 'listed' AS kind, listed_lo AS p, hi, owner, ben, NULL::text AS status, false AS f1, false AS f2, count(*)::int AS count,
       NULL::text AS id, NULL::int AS number, NULL::text AS text, NULL::text AS due
  FROM per WHERE NOT flagged AND listed_lo IS NOT NULL GROUP BY listed_lo, hi, owner, ben
UNION ALL
SELECT 'outcome', out_p, NULL, owner, ben, out_status, out_disputed, false, count(*)::int, NULL, NULL, NULL, NULL
  FROM per WHERE NOT flagged AND out_p IS NOT NULL GROUP BY out_p, owner, ben, out_status, out_disputed
UNION ALL
SELECT 'created', created_p, NULL, owner, ben, NULL, created_due, has_done, count(*)::int, NULL, NULL, NULL, NULL
  FROM per WHERE NOT flagged AND created_p IS NOT NULL GROUP BY created_p, owner, ben, created_due, has_done
UNION ALL
SELECT 'renegotiated', r.p, NULL, owner, ben, NULL, false, false, sum(r.count)::int, NULL, NULL, NULL, NULL
  FROM per CROSS JOIN b
    CROSS JOIN LATERAL (SELECT p, mod(div(per.renegotiated, power(1000::numeric, p)), 1000) AS count
                          FROM generate_series(greatest(per.lo, 1), least(per.hi, b.n)) AS p) AS r
  WHERE NOT per.flagged AND per.renegotiated IS NOT NULL AND r.count > 0
  GROUP BY r.p, owner, ben
UNION ALL
SELECT notices.kind, b.n, NULL, owner, ben, NULL, false, false, 1, notices.id, k.number, k.text,
       to_char(notices.due, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  FROM notices JOIN "Commitment" k ON k.id = notices.id CROSS JOIN b
UNION ALL
SELECT 'recheck', 0, NULL, NULL, NULL, NULL, false, false, 0, id, NULL, NULL, NULL FROM per WHERE flagged
`;

/**
 * The halves the commitment aggregate is split into ($4), run concurrently: two halve the wall time
 * at full scale on a 2-core host (measured: 395 → 196 ms for the statement; four quarters: 310 ms).
 * Each holds a pooled connection for its duration. "Hash below zero" is a one-sided comparison,
 * which the planner estimates at a third of the rows (an equality on a hash modulo was estimated at
 * 0.5% and turned the hash aggregate into a sort and the renegotiation count into 24,000 index
 * probes).
 */
const HALVES = [true, false] as const;

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
 * Runs the statement (both halves) and folds their rows into per-group counts (periods 0-based) and notices; the
 * commitments it flags (a history the state machine does not write) are counted from their rows
 * by the reference aggregation and added.
 */
export async function queryCommitmentPeriodAggregates(prisma: PrismaClient, query: CommitmentPeriodQuery, load: LoadCommitments): Promise<CommitmentPeriodAggregates> {
  assertConsecutive(query.periods);
  const bounds = [...query.periods.map((p) => p.start.toISOString()), query.periods[query.periods.length - 1]!.end.toISOString()];
  const halves = HALVES.map((hashBelowZero) =>
    withAggregateSettings(prisma, {}, (tx) =>
      tx.$queryRawUnsafe<Row[]>(COMMITMENT_PERIOD_AGGREGATES_SQL, query.allianceId, bounds, query.asOf.toISOString(), hashBelowZero),
    ),
  );
  const rows = (await Promise.all(halves)).flat();
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
