// Weekly summary at scale (issue 12): one alliance with 2,000 members in 8 organisations,
// 50,000 commitments over 16 weeks (each with its "created" and outcome events) and 200,000 pulse
// answers, on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL); measured at 1/16, 1/4 and full
// scale so growth can be read off. Rows are inserted in bulk (raw SQL and createMany); the summary
// is built through the real services as the Monday post would (buildCurrent).
// `BENCH_SUMMARY_SCALES=0.0625,0.25` limits the scales (seeding full scale takes a while).
// Baseline: a plain COUNT(*) over the same commitment and answer tables, the floor of "read it all".
// In the same run, once per scale: the old path (test/support/oracle: every period's rows read and
// counted in JavaScript, as before issue 12) for the before/after ratio, and a check that both
// build the same summary at that scale. `BENCH_SUMMARY_OLD=0` skips the old path.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { buildCoreServices } from "#src/compose-services.js";
import { questionsFor } from "#core/pulse/pulse-questions.js";
import { periodKeyFor, periodWindow, shiftPeriodKey } from "#core/pulse/pulse-period.js";
import { itemsForRound } from "#core/pulse/pulse-rotation.js";
import { FixedClock } from "#core/shared/clock.js";
import { openDatabase, type Database } from "#storage/database.js";
import { InMemorySummaryRepository } from "#storage/memory/in-memory-summary-repository.js";
import { PrismaCommitmentRepository } from "#storage/prisma/prisma-commitment-repository.js";
import { PrismaPulseRepository } from "#storage/prisma/prisma-pulse-repository.js";
import { createOldSummaryService } from "../test/support/oracle/old-summary-service.js";
import { oldFigureSources } from "../test/support/oracle/old-figure-sources.js";
import { summaryDifferences } from "../test/support/summary-sameness.js";
import { measure, scaleRow, type Benchmark, type CaseResult } from "./lib.js";

const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const SCALES = (process.env.BENCH_SUMMARY_SCALES ?? "0.0625,0.25,1").split(",").map(Number);
const WITH_OLD = process.env.BENCH_SUMMARY_OLD !== "0";
/** p50 of the new path per scale, for the growth figures of the issue's row. */
const p50s = new Map<number, number>();
const FULL = { members: 2000, commitments: 50_000, answers: 200_000 };
const ORGANIZATIONS = 8;
const WEEKS = 16;
const TIME_ZONE = "Europe/Amsterdam";
/** Monday 30 November 2026 09:00 local: the post reports the week that ended the day before. */
const NOW = new Date("2026-11-30T08:00:00Z");

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A deterministic PRNG so every run seeds the same history. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seed(db: Database, scale: number): Promise<{ allianceId: string; rows: number }> {
  const random = prng(42);
  const members = Math.round(FULL.members * scale);
  const commitments = Math.round(FULL.commitments * scale);
  const answersWanted = Math.round(FULL.answers * scale);
  const prisma = db.prisma;
  const alliance = await prisma.alliance.create({
    data: { name: `bench summary ${scale}`, timezone: TIME_ZONE, pulseItemsPerRound: 5, anonymityThreshold: 5, uncertainty: "medium" },
  });
  const workspace = await prisma.workspace.create({ data: { platform: "slack", externalId: `T${randomUUID()}`, allianceId: alliance.id } });
  const orgs = Array.from({ length: ORGANIZATIONS }, (_, i) => ({ id: `org-${i}`, allianceId: alliance.id, name: `Partner ${String.fromCharCode(65 + i)}` }));
  await prisma.organization.createMany({ data: orgs });
  const people = Array.from({ length: members }, (_, i) => ({
    id: `m-${i}`,
    allianceId: alliance.id,
    workspaceId: workspace.id,
    externalId: `U${i}`,
    displayName: `Person ${i}`,
    organizationId: orgs[i % ORGANIZATIONS]!.id,
  }));
  await prisma.member.createMany({ data: people });

  // Commitments: spread evenly over the weeks, owner organisation → another one, most kept.
  const reported = shiftPeriodKey("weekly", periodKeyFor("weekly", NOW, TIME_ZONE), -1);
  const weeks = Array.from({ length: WEEKS }, (_, i) => shiftPeriodKey("weekly", reported, i - WEEKS + 1));
  const starts = weeks.map((key) => periodWindow("weekly", key, TIME_ZONE).start.toISOString());
  await prisma.$executeRawUnsafe(
    `INSERT INTO "Commitment" (id, "allianceId", number, text, "ownerMemberId", "ownerOrganizationId", "beneficiaryOrganizationId",
       "dueAt", "definitionOfDone", status, confirmation, "createdById", "createdAt", "resolvedAt", version)
     SELECT 'c-' || i, $1, i, 'Deliver item ' || i, 'm-' || (i % $3), 'org-' || ((i % $3) % ${ORGANIZATIONS}),
       'org-' || (((i % $3) % ${ORGANIZATIONS} + 1 + (i / $3) % ${ORGANIZATIONS - 1}) % ${ORGANIZATIONS}),
       created + interval '4 days', 'Delivered and confirmed',
       CASE WHEN i % 10 = 0 THEN 'open' WHEN i % 10 IN (1, 2) THEN 'broken' WHEN i % 10 = 3 THEN 'kept_late' ELSE 'kept' END,
       'none', 'm-' || (i % $3), created,
       CASE WHEN i % 10 = 0 THEN NULL ELSE created + interval '3 days' END, 1
     FROM (SELECT i, ($4::timestamptz[])[1 + (i % ${WEEKS})] + (i % 5) * interval '1 hour' AS created
           FROM generate_series(1, $2) AS i) AS s`,
    alliance.id,
    commitments,
    members,
    starts,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO "CommitmentEvent" (id, "commitmentId", sequence, type, "actorMemberId", at, "fromStatus", "toStatus")
     SELECT 'e1-' || id, id, 1, 'created', "ownerMemberId", "createdAt", NULL, 'open' FROM "Commitment" WHERE "allianceId" = $1
     UNION ALL
     SELECT 'e2-' || id, id, 2, 'outcome', "ownerMemberId", "resolvedAt", 'open', status FROM "Commitment" WHERE "allianceId" = $1 AND status <> 'open'`,
    alliance.id,
  );

  // Pulse: a round per week; each round's respondents answer every question they are asked,
  // until the wanted number of answers is spread over the weeks.
  const perRound = Math.ceil(answersWanted / WEEKS);
  let answers = 0;
  let invites = 0;
  for (const key of weeks) {
    const window = periodWindow("weekly", key, TIME_ZONE);
    const openedAt = new Date(window.start.getTime() + 2 * 86_400_000 + 9 * 3_600_000);
    const round = await prisma.pulseRound.create({
      data: { allianceId: alliance.id, periodKey: key, itemKeys: itemsForRound("weekly", key, 5).map((i) => i.key), openedAt, closesAt: window.end },
    });
    await prisma.pulseInvite.createMany({
      data: people.map((p) => ({ id: `${round.id}-${p.id}`, roundId: round.id, memberId: p.id, organizationId: p.organizationId })),
    });
    invites += people.length;
    const rows: Array<Record<string, unknown>> = [];
    const done: string[] = [];
    const answeredOn = new Date(Date.UTC(openedAt.getUTCFullYear(), openedAt.getUTCMonth(), openedAt.getUTCDate()));
    for (const p of people.slice().sort(() => random() - 0.5)) {
      if (rows.length >= perRound) break;
      for (const q of questionsFor(round, orgs, p.organizationId)) {
        rows.push({
          roundId: round.id,
          itemKey: q.itemKey,
          respondentKey: `${round.id}:${p.id}`,
          respondentOrganizationId: p.organizationId,
          targetOrganizationId: q.targetOrganizationId,
          score: 1 + Math.floor(random() * 5),
          answeredOn,
        });
      }
      done.push(p.id);
    }
    for (let i = 0; i < rows.length; i += 5000) await prisma.pulseAnswer.createMany({ data: rows.slice(i, i + 5000) as never });
    await prisma.pulseInvite.updateMany({ where: { roundId: round.id, memberId: { in: done } }, data: { completedAt: openedAt } });
    answers += rows.length;
  }
  const events = await prisma.commitmentEvent.count({ where: { commitment: { allianceId: alliance.id } } });
  await prisma.$executeRawUnsafe("ANALYZE");
  return { allianceId: alliance.id, rows: commitments + events + answers + invites };
}

async function atScale(scale: number): Promise<CaseResult[]> {
  const name = `atb_bench_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: "postgresql", url: url.toString(), poolSize: 5 });
  try {
    const seeding = performance.now();
    const { allianceId, rows } = await seed(db, scale);
    console.log(`seeded scale ${scale}: ${rows} rows in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
    const services = buildCoreServices({ prisma: db.prisma, clock: new FixedClock(NOW), secret: "bench-secret-bench-secret-bench-secret" });
    const label = `${scale === 1 ? "full" : `1/${Math.round(1 / scale)}`}: ${Math.round(FULL.commitments * scale)} commitments, ${Math.round(FULL.answers * scale)} answers`;
    const floor = await measure(`floor: COUNT(*) commitments + answers (${label})`, () =>
      db.prisma.$queryRawUnsafe(`SELECT (SELECT COUNT(*) FROM "Commitment") + (SELECT COUNT(*) FROM "PulseAnswer")`), { iterations: 5, warmup: 1 });
    const summary = await measure(`weekly summary, buildCurrent (${label})`, () => services.summary.buildCurrent(allianceId, NOW), { iterations: 5, warmup: 1 });
    p50s.set(scale, summary.p50);
    const results = [floor, summary];
    let old = "";
    if (WITH_OLD) {
      const stores = { commitments: new PrismaCommitmentRepository(db.prisma), pulse: new PrismaPulseRepository(db.prisma) };
      const oldService = createOldSummaryService({
        alliances: services.alliances,
        polls: { listByAlliance: (id, filter) => services.stores.polls.listByAlliance(id, filter), getResults: (viewer, id) => services.polls.getResults(viewer, id) },
        culture: services.culture,
        summaries: new InMemorySummaryRepository(),
        clock: services.clock,
        ...oldFigureSources({ ...stores, organizations: (id) => services.alliances.listOrganizations(id), now: () => NOW }),
      });
      const before = await measure(`old path (row by row, as before issue 12), buildCurrent (${label})`, () => oldService.buildCurrent(allianceId, NOW), { iterations: 1 });
      results.push(before);
      const differences = summaryDifferences(await services.summary.buildCurrent(allianceId, NOW), await oldService.buildCurrent(allianceId, NOW));
      if (differences.length > 0) throw new Error(`the new summary differs from the old at scale ${scale}: ${differences.slice(0, 5).join("; ")}`);
      console.log(`scale ${scale}: new and old summaries identical; old path ${before.p50.toFixed(0)} ms = ${(before.p50 / summary.p50).toFixed(1)} × the new`);
      old = `; old path ${before.p50.toFixed(0)} ms in this run`;
    }
    scaleRow({ row: `Weekly summary, PostgreSQL, ${label}`, value: `${summary.p50.toFixed(0)} ms p50 (${(summary.p50 / floor.p50).toFixed(1)} × floor${old})`, target: scale === 1 ? "≤ 300 ms" : "linear growth", floor: `${floor.p50.toFixed(1)} ms (COUNT(*))` });
    return results;
  } finally {
    await db.close();
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

const benchmark: Benchmark = {
  title: "Weekly summary at scale (PostgreSQL)",
  async run() {
    const results: CaseResult[] = [];
    for (const scale of SCALES) results.push(...(await atScale(scale)));
    // The issue's row: full scale against its target, and how the time grows with the data.
    const growth = [...p50s.entries()].sort(([a], [b]) => a - b);
    const steps = growth.slice(1).map(([scale, ms], i) => `×${(ms / growth[i]![1]).toFixed(1)} for ×${(scale / growth[i]![0]).toFixed(0)} data`);
    const full = p50s.get(1);
    scaleRow({
      row: "Weekly summary, 2,000 members, 50,000 commitments, 200,000 pulse answers, PostgreSQL",
      value: `${full === undefined ? "full scale not run" : `${full.toFixed(0)} ms p50`}${steps.length > 0 ? `; growth ${steps.join(", ")}` : ""}`,
      target: "≤ 300 ms, growing no faster than linearly",
    });
    return results;
  },
};

export default benchmark;
