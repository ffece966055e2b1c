// PulseRepository.roundAggregates in SQL (issue 12): the rounds' answers are read once and summed
// up per (round, item, respondent organisation, target), and their respondents counted per
// identical answered set, exactly as aggregateRoundAnswers (core/pulse/pulse-round-aggregates.ts)
// does in JavaScript; invites are counted per (round, organisation). No answer leaves the
// database, and no respondent key either (only counts of people who answered alike).
// Orderings use COLLATE "C" so they match JavaScript's string order whatever the database's
// default collation.
//
// A respondent's answered set is a bitmask, not a sorted array (second pass, issue 12): each
// round's distinct (item, target) cells are numbered 0… in (item, target) order, and an answer
// sets bit 2·cell + scored. A respondent answers a cell at most once (the unique key of
// PulseAnswer), so the sum of the answers' bits IS the set: exact (bits 0…61 summed as integers,
// any higher ones as numeric, so any number of cells) and order-free, so people are grouped by one hash aggregate instead of sorting every answer and
// building a sorted text array per respondent. The cells travel once per round ("cell" rows) and
// the masks are decoded here, lowest bit first, which is the (item, target) order of before.
import type { PulseRoundAggregate } from "#core/pulse/pulse-round-aggregates.js";
import type { PulseRound } from "#core/pulse/pulse-types.js";
import type { PrismaClient } from "../prisma-client.js";
import { withAggregateSettings } from "./aggregate-statement-settings.js";

const ANSWERS_SQL = `
WITH s AS MATERIALIZED (
  SELECT "roundId" AS round_id, "itemKey" COLLATE "C" AS item, "respondentOrganizationId" AS org, "targetOrganizationId" COLLATE "C" AS target,
         sum(score)::int AS sum, count(score)::int AS answers,
         min("respondentKey" COLLATE "C") FILTER (WHERE score IS NOT NULL) AS first_key, count(comment)::int AS comments
  FROM "PulseAnswer" WHERE "roundId" = ANY($1::text[])
  GROUP BY "roundId", "itemKey", "respondentOrganizationId", "targetOrganizationId"
),
cells AS MATERIALIZED (
  SELECT round_id, item, target, (row_number() OVER (PARTITION BY round_id ORDER BY item, target) - 1)::int AS cell
  FROM (SELECT DISTINCT round_id, item, target FROM s) AS d
),
p AS (
  -- Bits 0…61 in a bigint (a round of up to 31 cells: one integer sum per answer), higher bits in
  -- a numeric (exact for any number of cells; NULL, and skipped, in a round that small).
  SELECT round_id, org, sum(1::bigint << bit) FILTER (WHERE bit < 62) AS low, sum(power(2::numeric, bit - 62)) FILTER (WHERE bit >= 62) AS high
  FROM (SELECT a."roundId" AS round_id, a."respondentKey" AS rk, a."respondentOrganizationId" AS org, cells.cell * 2 + (a.score IS NOT NULL)::int AS bit
          FROM "PulseAnswer" a JOIN cells ON cells.round_id = a."roundId" AND cells.item = a."itemKey" AND cells.target = a."targetOrganizationId"
         WHERE a."roundId" = ANY($1::text[])) AS answer
  GROUP BY round_id, rk, org
)
SELECT 'score' AS kind, round_id, item::text, org, target::text, sum, answers,
       (row_number() OVER (PARTITION BY round_id ORDER BY item, target, first_key) - 1)::int AS first,
       NULL::text AS answered, NULL::text AS comment
  FROM s WHERE answers > 0
UNION ALL
SELECT 'cell', round_id, item::text, NULL, target::text, NULL, cell, NULL, NULL, NULL FROM cells
UNION ALL
SELECT 'people', round_id, NULL, org, NULL, NULL, count(*)::int, NULL, coalesce(low, 0)::text || ':' || coalesce(trim_scale(high), 0)::text, NULL
  FROM p GROUP BY round_id, org, low, high
UNION ALL
-- Comments are rare: the answers are read a second time only when a round has one.
SELECT 'comment', "roundId", "itemKey", "respondentOrganizationId", "targetOrganizationId", NULL, NULL, NULL, NULL, comment
  FROM "PulseAnswer" WHERE "roundId" = ANY($1::text[]) AND comment IS NOT NULL AND EXISTS (SELECT 1 FROM s WHERE s.comments > 0)
`;

const INVITES_SQL = `
SELECT "roundId" AS round_id, "organizationId" AS org, count(*)::int AS invited, count("completedAt")::int AS completed
  FROM "PulseInvite" WHERE "roundId" = ANY($1::text[]) GROUP BY "roundId", "organizationId"
`;

interface AnswerRow {
  kind: "score" | "cell" | "people" | "comment";
  round_id: string;
  item: string | null;
  org: string | null;
  target: string | null;
  sum: number | null;
  /** Scored answers (score), the cell's number (cell), the people who answered alike (people). */
  answers: number | null;
  first: number | null;
  /** The answered set as a bitmask (people): "low:high", bits 0…61 and 62… in decimal. */
  answered: string | null;
  comment: string | null;
}

type Cell = { itemKey: string; targetOrganizationId: string };

/** The answered cells of a bitmask (bit 2·cell + scored), lowest bit first: (item, target) order. */
function answeredCells(mask: string, cells: readonly Cell[]): Array<Cell & { scored: boolean }> {
  const answered: Array<Cell & { scored: boolean }> = [];
  const [low = "0", high = "0"] = mask.split(":");
  let rest = BigInt(low) | (BigInt(high) << 62n);
  for (let bit = 0; rest > 0n; bit++, rest >>= 1n) {
    if ((rest & 1n) === 0n) continue;
    const cell = cells[bit >> 1];
    if (!cell) throw new Error(`pulse aggregate: bit ${bit} names no cell of its round`);
    answered.push({ ...cell, scored: (bit & 1) === 1 });
  }
  return answered;
}

interface InviteRow {
  round_id: string;
  org: string | null;
  invited: number;
  completed: number;
}

/** The aggregates of `rounds` (in that order), from two statements: answers and invites. */
export async function queryPulseRoundAggregates(prisma: PrismaClient, rounds: readonly PulseRound[]): Promise<PulseRoundAggregate[]> {
  if (rounds.length === 0) return [];
  const ids = rounds.map((r) => r.id);
  const [answerRows, inviteRows] = await Promise.all([
    withAggregateSettings(prisma, { hashOnly: true }, (tx) => tx.$queryRawUnsafe<AnswerRow[]>(ANSWERS_SQL, ids)),
    prisma.$queryRawUnsafe<InviteRow[]>(INVITES_SQL, ids),
  ]);
  const byId = new Map(rounds.map((round): [string, PulseRoundAggregate] => [round.id, { round, scores: [], respondents: [], invites: [], comments: [] }]));
  const cellsOf = new Map<string, Cell[]>();
  for (const row of answerRows) {
    if (row.kind !== "cell") continue;
    let cells = cellsOf.get(row.round_id);
    if (!cells) cellsOf.set(row.round_id, (cells = []));
    cells[row.answers!] = { itemKey: row.item!, targetOrganizationId: row.target! };
  }
  for (const row of answerRows) {
    if (row.kind === "cell") continue;
    const aggregate = byId.get(row.round_id)!;
    if (row.kind === "score") {
      aggregate.scores.push({
        itemKey: row.item!,
        respondentOrganizationId: row.org,
        targetOrganizationId: row.target!,
        sum: row.sum!,
        answers: row.answers!,
        first: row.first!,
      });
    } else if (row.kind === "people") {
      aggregate.respondents.push({
        respondentOrganizationId: row.org,
        answered: answeredCells(row.answered!, cellsOf.get(row.round_id) ?? []),
        count: row.answers!,
      });
    } else {
      aggregate.comments.push({ itemKey: row.item!, respondentOrganizationId: row.org, targetOrganizationId: row.target!, text: row.comment! });
    }
  }
  for (const row of inviteRows) byId.get(row.round_id)!.invites.push({ organizationId: row.org, invited: row.invited, completed: row.completed });
  for (const aggregate of byId.values()) aggregate.scores.sort((a, b) => a.first - b.first);
  return [...byId.values()];
}
