// The aggregate reads behind the weekly summary (issue 12) against memory and Prisma on every
// storage target (PGlite always, PostgreSQL when TEST_DATABASE_URL is set):
// CommitmentRepository.periodAggregates and PulseRepository.roundAggregates give exactly what the
// reference computations (aggregateCommitmentPeriods, aggregateRoundAnswers) give over the same
// rows — on a hand-checked history and on random ones — and the hand-checked numbers themselves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  aggregateCommitmentPeriods,
  type CommitmentPeriodAggregates,
  type FiguresPeriod,
} from "#core/commitments/commitment-period-counts.js";
import type { CommitmentRepository, NewCommitmentEvent } from "#core/commitments/commitment-repository.js";
import { periodKeyFor, periodWindow, shiftPeriodKey } from "#core/pulse/pulse-period.js";
import type { PulseRepository } from "#core/pulse/pulse-repository.js";
import { aggregateRoundAnswers, type PulseRoundAggregate } from "#core/pulse/pulse-round-aggregates.js";
import type { Database } from "#storage/database.js";
import { InMemoryCommitmentRepository } from "#storage/memory/in-memory-commitment-repository.js";
import { InMemoryPulseRepository } from "#storage/memory/in-memory-pulse-repository.js";
import { PrismaCommitmentRepository } from "#storage/prisma/prisma-commitment-repository.js";
import { PrismaPulseRepository } from "#storage/prisma/prisma-pulse-repository.js";
import { storageTargets } from "../support/databases.js";
import { seedRandomHistory, type RandomHistoryStores } from "../support/random-alliance-history.js";

interface Harness {
  commitments: () => CommitmentRepository;
  pulse: () => PulseRepository;
  createAlliance: RandomHistoryStores["createAlliance"];
}

const DAY = 86_400_000;
const WEEK1 = new Date("2026-11-02T00:00:00Z");
const weeks = (n: number): FiguresPeriod[] =>
  Array.from({ length: n }, (_, i) => ({ start: new Date(WEEK1.getTime() + i * 7 * DAY), end: new Date(WEEK1.getTime() + (i + 1) * 7 * DAY) }));

/** Counts and notices in a canonical order (the port leaves the order open). */
function canonical(a: CommitmentPeriodAggregates) {
  const key = (x: { period?: number; ownerOrganizationId: string; beneficiaryOrganizationId: string | null }) =>
    `${x.period ?? ""}|${x.ownerOrganizationId}|${x.beneficiaryOrganizationId ?? "\u0001"}`;
  return {
    counts: [...a.counts].sort((x, y) => key(x).localeCompare(key(y))),
    notices: [...a.notices].sort((x, y) => `${x.kind}|${x.number}`.localeCompare(`${y.kind}|${y.number}`)),
  };
}

function canonicalRounds(rounds: PulseRoundAggregate[]) {
  return rounds.map((r) => ({
    ...r,
    respondents: [...r.respondents].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    invites: [...r.invites].sort((a, b) => (a.organizationId ?? "").localeCompare(b.organizationId ?? "")),
    comments: [...r.comments].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  }));
}

async function reference(repo: CommitmentRepository, query: { allianceId: string; periods: FiguresPeriod[]; asOf: Date }) {
  const rows = await repo.list({ allianceId: query.allianceId, limit: 100_000 });
  return aggregateCommitmentPeriods(query, rows, await repo.listEvents(rows.map((c) => c.id)));
}

function event(type: NewCommitmentEvent["type"], at: Date, toStatus: NewCommitmentEvent["toStatus"], extra: Partial<NewCommitmentEvent> = {}): NewCommitmentEvent {
  return { type, actorMemberId: "m-1", at, fromStatus: null, toStatus, reason: null, dueAtBefore: null, dueAtAfter: null, idempotencyKey: null, ...extra };
}

function contract(name: string, h: Harness): void {
  describe(`summary aggregates: ${name}`, () => {
    it("counts a hand-checked history per week, owner and beneficiary, and names the last week's broken, overdue and disputed", async () => {
      const { allianceId, organizationIds } = await h.createAlliance(
        { name: "hand", locale: "en", timezone: "UTC", anonymityThreshold: 3, uncertainty: "low", cultureFlagThreshold: 10, steering: null, summary: { cadence: "weekly", weekday: 1, hour: 9 }, pulse: { cadence: "weekly", weekday: 3, hour: 10, itemsPerRound: 5 }, commitmentReminderDays: 2 },
        ["A", "B"],
      );
      const [a, b] = organizationIds as [string, string];
      const repo = h.commitments();
      const at = (week: number, day: number) => new Date(WEEK1.getTime() + week * 7 * DAY + day * DAY + 3_600_000);
      const make = async (text: string, created: Date, due: Date | null, to: string | null, done: string | null = "Done") =>
        (
          await repo.create(
            { allianceId, text, ownerMemberId: "m-1", ownerOrganizationId: a, beneficiary: { kind: "organization", organizationId: to as string }, dueAt: due, definitionOfDone: done, createdById: "m-1", createdAt: created },
            event("created", created, "open", { dueAtAfter: due }),
          )
        ).commitment;
      // #1 kept in week 0; #2 broken in week 1, disputed in week 2 (after week 1's end);
      // #3 open, due in week 1 (overdue at the end of week 2); #4 renegotiated in week 1, then kept in week 2;
      // #5 inside A, no due date, blank definition: created in week 2, still open.
      const c1 = await make("one", at(0, 0), at(0, 3), b);
      await repo.applyChange(c1.id, c1.version, { status: "kept", confirmation: "pending", resolvedAt: at(0, 2) }, event("outcome", at(0, 2), "kept"));
      const c2 = await make("two", at(0, 1), at(1, 2), b);
      const c2b = (await repo.applyChange(c2.id, c2.version, { status: "broken", confirmation: "pending", resolvedAt: at(1, 4) }, event("outcome", at(1, 4), "broken"))).commitment;
      await repo.applyChange(c2b.id, c2b.version, { confirmation: "disputed" }, event("disputed", at(2, 1), null));
      await make("three", at(1, 0), at(1, 3), b);
      const c4 = await make("four", at(1, 0), at(1, 5), b);
      const c4b = (await repo.applyChange(c4.id, c4.version, { dueAt: at(2, 3) }, event("renegotiated", at(1, 2), "open", { dueAtBefore: at(1, 5), dueAtAfter: at(2, 3) }))).commitment;
      await repo.applyChange(c4b.id, c4b.version, { status: "kept", confirmation: "pending", resolvedAt: at(2, 2) }, event("outcome", at(2, 2), "kept"));
      await make("five", at(2, 0), null, a, "  ");

      const query = { allianceId, periods: weeks(3), asOf: weeks(3)[2]!.end };
      const got = canonical(await repo.periodAggregates(query));
      const zero = { listed: 0, kept: 0, keptLate: 0, broken: 0, withdrawn: 0, disputed: 0, renegotiated: 0, created: 0, createdWithDueDate: 0, createdWithDefinitionOfDone: 0, createdComplete: 0 };
      const ab = { ownerOrganizationId: a, beneficiaryOrganizationId: b };
      const aa = { ownerOrganizationId: a, beneficiaryOrganizationId: a };
      expect(got.counts).toEqual(
        canonical({
          counts: [
            { ...zero, ...ab, period: 0, listed: 2, kept: 1, created: 2, createdWithDueDate: 2, createdWithDefinitionOfDone: 2, createdComplete: 2 },
            { ...zero, ...ab, period: 1, listed: 3, broken: 1, renegotiated: 1, created: 2, createdWithDueDate: 2, createdWithDefinitionOfDone: 2, createdComplete: 2 },
            { ...zero, ...ab, period: 2, listed: 2, kept: 1 }, // #2 was resolved before week 2: not looked at
            { ...zero, ...aa, period: 2, listed: 1, created: 1 },
          ],
          notices: [],
        }).counts,
      );
      // #2's dispute came after week 1, the week it was resolved in, so week 2 does not name it.
      expect(got.notices.map((n) => [n.kind, n.text, n.dueAt?.toISOString() ?? null])).toEqual([["overdue", "three", at(1, 3).toISOString()]]);
      // Week 1 judged at its end names #2 as broken with its due date; its dispute is later.
      const week1 = canonical(await repo.periodAggregates({ allianceId, periods: weeks(2), asOf: weeks(2)[1]!.end }));
      expect(week1.notices.map((n) => [n.kind, n.text, n.dueAt?.toISOString() ?? null])).toEqual([
        ["broken", "two", at(1, 2).toISOString()],
        ["overdue", "three", at(1, 3).toISOString()],
      ]);
      // Judged in the middle of week 1 instead: #3 not yet due, #4 not yet due either.
      const mid = canonical(await repo.periodAggregates({ allianceId, periods: weeks(2), asOf: at(1, 1) }));
      expect(mid.notices.filter((n) => n.kind === "overdue")).toEqual([]);
      expect(mid).toEqual(canonical(await reference(repo, { allianceId, periods: weeks(2), asOf: at(1, 1) })));
    });

    it("sums a round's answers per item, organisation and target, and counts people who answered alike", async () => {
      const { allianceId, organizationIds } = await h.createAlliance(
        { name: "pulse", locale: "en", timezone: "UTC", anonymityThreshold: 3, uncertainty: "low", cultureFlagThreshold: 10, steering: null, summary: { cadence: "weekly", weekday: 1, hour: 9 }, pulse: { cadence: "weekly", weekday: 3, hour: 10, itemsPerRound: 5 }, commitmentReminderDays: 2 },
        ["A", "B"],
      );
      const [a, b] = organizationIds as [string, string];
      const repo = h.pulse();
      const round = await repo.openRound({ allianceId, periodKey: "2026-W45", itemKeys: ["rel.kept_agreements", "tru.take_risks"], openedAt: WEEK1, closesAt: weeks(1)[0]!.end });
      await repo.addInvites(["m1", "m2", "m3"].map((memberId) => ({ roundId: round.id, memberId, organizationId: a, sentAt: WEEK1 })));
      const invite = await repo.findInvite(round.id, "m1");
      await repo.markInvite(invite!.id, "completedAt", WEEK1);
      const answer = (respondentKey: string, itemKey: string, target: string, score: number | null, comment: string | null = null) =>
        repo.saveAnswer({ roundId: round.id, itemKey, respondentKey, respondentOrganizationId: a, targetOrganizationId: target, score, comment, answeredOn: WEEK1 });
      await answer("k2", "rel.kept_agreements", b, 4);
      await answer("k2", "tru.take_risks", "", 5, "Fine");
      await answer("k1", "rel.kept_agreements", b, 2);
      await answer("k1", "tru.take_risks", "", 3);
      await answer("k3", "rel.kept_agreements", b, null);
      const [got] = canonicalRounds(await repo.roundAggregates(allianceId, ["2026-W45", "2026-W46"]));
      expect(got!.round).toEqual(round);
      expect(got!.scores).toEqual([
        { itemKey: "rel.kept_agreements", respondentOrganizationId: a, targetOrganizationId: b, sum: 6, answers: 2, first: 0 },
        { itemKey: "tru.take_risks", respondentOrganizationId: a, targetOrganizationId: "", sum: 8, answers: 2, first: 1 },
      ]);
      expect(got!.respondents).toEqual(
        canonicalRounds([{ round, scores: [], invites: [], comments: [], respondents: [
          { respondentOrganizationId: a, count: 2, answered: [{ itemKey: "rel.kept_agreements", targetOrganizationId: b, scored: true }, { itemKey: "tru.take_risks", targetOrganizationId: "", scored: true }] },
          { respondentOrganizationId: a, count: 1, answered: [{ itemKey: "rel.kept_agreements", targetOrganizationId: b, scored: false }] },
        ] }])[0]!.respondents,
      );
      expect(got!.invites).toEqual([{ organizationId: a, invited: 3, completed: 1 }]);
      expect(got!.comments).toEqual([{ itemKey: "tru.take_risks", respondentOrganizationId: a, targetOrganizationId: "", text: "Fine" }]);
      expect(await repo.roundAggregates(allianceId, [])).toEqual([]);
    });

    it("tells apart people whose answered cells differ only beyond the 31st cell of a round", async () => {
      const { allianceId, organizationIds } = await h.createAlliance(
        { name: "wide", locale: "en", timezone: "UTC", anonymityThreshold: 3, uncertainty: "low", cultureFlagThreshold: 10, steering: null, summary: { cadence: "weekly", weekday: 1, hour: 9 }, pulse: { cadence: "weekly", weekday: 3, hour: 10, itemsPerRound: 5 }, commitmentReminderDays: 2 },
        ["A", "B"],
      );
      const [a, b] = organizationIds as [string, string];
      const repo = h.pulse();
      // 20 items × 2 targets = 40 cells: bits 0…79, past one 64-bit word.
      const itemKeys = Array.from({ length: 20 }, (_, i) => `item.${String(i).padStart(2, "0")}`);
      const round = await repo.openRound({ allianceId, periodKey: "2026-W45", itemKeys, openedAt: WEEK1, closesAt: weeks(1)[0]!.end });
      const answer = (respondentKey: string, itemKey: string, target: string, score: number | null) =>
        repo.saveAnswer({ roundId: round.id, itemKey, respondentKey, respondentOrganizationId: a, targetOrganizationId: target, score, comment: null, answeredOn: WEEK1 });
      for (const key of ["k1", "k2", "k3", "k4"]) {
        for (const item of itemKeys) await answer(key, item, "", 3);
        await answer(key, itemKeys[0]!, b, 4);
      }
      await answer("k1", itemKeys[19]!, b, 5); // the 40th cell, scored
      await answer("k2", itemKeys[19]!, b, 2);
      await answer("k3", itemKeys[19]!, b, null); // the same cell, "can't say"
      const [got] = canonicalRounds(await repo.roundAggregates(allianceId, ["2026-W45"]));
      const [expected] = canonicalRounds([aggregateRoundAnswers(round, [], await repo.answersOfRounds([round.id]))]);
      expect(got).toEqual(expected);
      expect(got!.respondents.map((r) => [r.count, r.answered.length]).sort()).toEqual([[1, 21], [1, 22], [2, 22]]);
    });

    it.each([5, 17, 29, 43])("gives the reference aggregates over its own rows for random history %i", async (seed) => {
      const history = await seedRandomHistory({ commitments: h.commitments(), pulse: h.pulse(), createAlliance: h.createAlliance }, seed, 14);
      const cadence = history.alliance.summary.cadence;
      const tz = history.alliance.timezone;
      const last = shiftPeriodKey(cadence, periodKeyFor(cadence, history.now, tz), -1);
      const periods = Array.from({ length: 15 }, (_, i) => periodWindow(cadence, shiftPeriodKey(cadence, last, i - 14), tz));
      for (const asOf of [periods[14]!.end, new Date(periods[14]!.start.getTime() + 2 * DAY + 5 * 3_600_000)]) {
        const query = { allianceId: history.alliance.id, periods, asOf };
        expect(canonical(await h.commitments().periodAggregates(query))).toEqual(canonical(await reference(h.commitments(), query)));
      }
      const rounds = await h.pulse().roundsByPeriods(history.alliance.id, periodsOf(history.alliance.pulse.cadence, history.now, tz));
      const expected = await Promise.all(
        rounds.map(async (round) => aggregateRoundAnswers(round, await h.pulse().invitesOfRound(round.id), await h.pulse().answersOfRounds([round.id]))),
      );
      const got = await h.pulse().roundAggregates(history.alliance.id, rounds.map((r) => r.periodKey));
      expect(canonicalRounds(got)).toEqual(canonicalRounds(expected));
      expect(got.some((r) => r.scores.length > 0)).toBe(true);
    }, 120_000);
  });
}

function periodsOf(cadence: Parameters<typeof periodKeyFor>[0], now: Date, tz: string): string[] {
  const last = periodKeyFor(cadence, now, tz);
  return Array.from({ length: 30 }, (_, i) => shiftPeriodKey(cadence, last, -i));
}

contract("in-memory", (() => {
  let commitments = new InMemoryCommitmentRepository();
  let pulse = new InMemoryPulseRepository();
  let next = 0;
  beforeAll(() => {
    commitments = new InMemoryCommitmentRepository();
    pulse = new InMemoryPulseRepository();
  });
  return {
    commitments: () => commitments,
    pulse: () => pulse,
    createAlliance: async (_alliance, names) => ({ allianceId: `al-${next++}`, organizationIds: names.map((n) => `org-${next++}-${n}`) }),
  };
})());

for (const target of storageTargets) {
  let db: Database;
  beforeAll(async () => {
    db = await target.open();
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });
  contract(`prisma on ${target.name}`, {
    commitments: () => new PrismaCommitmentRepository(db.prisma),
    pulse: () => new PrismaPulseRepository(db.prisma),
    async createAlliance(alliance, names) {
      const row = await db.prisma.alliance.create({ data: { name: alliance.name, timezone: alliance.timezone } });
      const orgs = await Promise.all(names.map((name) => db.prisma.organization.create({ data: { allianceId: row.id, name } })));
      return { allianceId: row.id, organizationIds: orgs.map((o) => o.id) };
    },
  });
}
