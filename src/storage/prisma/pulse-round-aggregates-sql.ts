// PulseRepository.roundAggregates in SQL (issue 12): the rounds' answers are read once and summed
// up per (round, item, respondent organisation, target), and their respondents counted per
// identical answered set, exactly as aggregateRoundAnswers (core/pulse/pulse-round-aggregates.ts)
// does in JavaScript; invites are counted per (round, organisation). No answer leaves the
// database, and no respondent key either (only counts of people who answered alike).
// Orderings use COLLATE "C" so they match JavaScript's string order whatever the database's
// default collation.
import type { PulseRoundAggregate } from "../../core/pulse/pulse-round-aggregates.js";
import type { PulseRound } from "../../core/pulse/pulse-types.js";
import type { PrismaClient } from "../prisma-client.js";
import { withSortMemory } from "./sort-memory.js";

const ANSWERS_SQL = `
WITH a AS MATERIALIZED (
  SELECT "roundId" AS round_id, "itemKey" COLLATE "C" AS item, "respondentKey" COLLATE "C" AS rk,
         "respondentOrganizationId" AS org, "targetOrganizationId" COLLATE "C" AS target, score, comment
  FROM "PulseAnswer" WHERE "roundId" = ANY($1::text[])
),
s AS (
  SELECT round_id, item, org, target, sum(score)::int AS sum, count(*)::int AS answers, min(rk) AS first_key
  FROM a WHERE score IS NOT NULL GROUP BY round_id, item, org, target
),
p AS (
  -- One sorted aggregate per respondent: "item<US>target<US>1" (scored) or "…<US>0" ("can't say").
  SELECT round_id, org, array_agg(item || chr(31) || target || chr(31) || (score IS NOT NULL)::int ORDER BY item, target) AS answered
  FROM a GROUP BY round_id, rk, org
)
SELECT 'score' AS kind, round_id, item::text, org, target::text, sum, answers,
       (row_number() OVER (PARTITION BY round_id ORDER BY item, target, first_key) - 1)::int AS first,
       NULL::text[] AS items, NULL::text[] AS targets, NULL::boolean[] AS scored, NULL::text AS comment
  FROM s
UNION ALL
SELECT 'people', round_id, NULL, org, NULL, NULL, count(*)::int, NULL, answered::text[], NULL, NULL, NULL
  FROM p GROUP BY round_id, org, answered
UNION ALL
SELECT 'comment', round_id, item::text, org, target::text, NULL, NULL, NULL, NULL, NULL, NULL, comment
  FROM a WHERE comment IS NOT NULL
`;

const INVITES_SQL = `
SELECT "roundId" AS round_id, "organizationId" AS org, count(*)::int AS invited, count("completedAt")::int AS completed
  FROM "PulseInvite" WHERE "roundId" = ANY($1::text[]) GROUP BY "roundId", "organizationId"
`;

/** Separates item, target and "scored" in a respondent's answered cells (chr(31) in SQL). */
const UNIT_SEPARATOR = "\u001f";

interface AnswerRow {
  kind: "score" | "people" | "comment";
  round_id: string;
  item: string | null;
  org: string | null;
  target: string | null;
  sum: number | null;
  answers: number | null;
  first: number | null;
  items: string[] | null;
  targets: string[] | null;
  scored: boolean[] | null;
  comment: string | null;
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
    withSortMemory(prisma, (tx) => tx.$queryRawUnsafe<AnswerRow[]>(ANSWERS_SQL, ids)),
    prisma.$queryRawUnsafe<InviteRow[]>(INVITES_SQL, ids),
  ]);
  const byId = new Map(rounds.map((round): [string, PulseRoundAggregate] => [round.id, { round, scores: [], respondents: [], invites: [], comments: [] }]));
  for (const row of answerRows) {
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
        answered: row.items!.map((cell) => {
          const [itemKey = "", targetOrganizationId = "", scored] = cell.split(UNIT_SEPARATOR);
          return { itemKey, targetOrganizationId, scored: scored === "1" };
        }),
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
