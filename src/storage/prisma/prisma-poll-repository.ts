// PollRepository on Prisma (PGlite and PostgreSQL): the only place poll rows ⇄ domain types are
// mapped. Ballots are written with one INSERT … ON CONFLICT statement that also locks and checks
// the poll, so double clicks, retries, concurrent instances and a close racing a vote all end in
// exactly one ballot per (poll, voter key) and no vote after close.
import { randomUUID } from "node:crypto";
import { Prisma } from "#generated/prisma/client.js";
import type { NewPoll, Poll, PollBallot, PollMessageRef } from "#core/polls/poll.js";
import type { MergeBallotsResult, PollFilter, PollRepository, RecordBallotResult } from "#core/polls/poll-repository.js";
import { pickMergedBallot } from "#core/polls/person-ballots.js";
import type { PollTally } from "#core/polls/poll-tally.js";
import type { PollMode, PollStatus, PollVisibility } from "#core/polls/poll.js";
import type { PrismaClient } from "../prisma-client.js";
import { isAnonymousVoterKey } from "#core/polls/voter-key.js";
import type { BallotSealer } from "../ballot-seal.js";
import { isUniqueViolation } from "./prisma-errors.js";
import { newPollColumns } from "../new-poll-columns.js";
import { createMicroBatcher, type MicroBatcher } from "../micro-batcher.js";

/**
 * The end of both ballot writes (one vote, or votes arriving together): a ballot that changes
 * nothing is not written again, so `written` is empty for a repeated click and the vote counts as
 * unchanged; the columns returned are what outcomeOf reads.
 */
const UPSERT_BALLOT = Prisma.sql`ON CONFLICT ("pollId", "voterKey") DO UPDATE
          SET "optionIds" = EXCLUDED."optionIds", "sealed" = EXCLUDED."sealed", "castOn" = EXCLUDED."castOn",
              "organizationId" = EXCLUDED."organizationId", "memberId" = EXCLUDED."memberId"
          WHERE "PollBallot"."optionIds" IS DISTINCT FROM EXCLUDED."optionIds"
             OR "PollBallot"."organizationId" IS DISTINCT FROM EXCLUDED."organizationId"
             OR "PollBallot"."sealed" IS DISTINCT FROM EXCLUDED."sealed"
        RETURNING "pollId", "voterKey", "memberId", "organizationId", "optionIds", "sealed", "castOn"`;

const withOptions = {
  options: { orderBy: { position: "asc" } },
  copies: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
} satisfies Prisma.PollInclude;
type PollRow = Prisma.PollGetPayload<{ include: typeof withOptions }>;
type BallotRow = { pollId: string; voterKey: string; memberId: string | null; organizationId: string | null; optionIds: string[]; sealed: string | null; castOn: Date };

function toPoll(row: PollRow): Poll {
  const message: PollMessageRef | null =
    row.workspaceId !== null && row.conversationId !== null && row.messageId !== null
      ? { workspaceId: row.workspaceId, conversationId: row.conversationId, messageId: row.messageId }
      : null;
  return {
    id: row.id,
    allianceId: row.allianceId,
    question: row.question,
    mode: row.mode as PollMode,
    maxChoices: row.maxChoices,
    anonymous: row.anonymous,
    visibility: row.visibility as PollVisibility,
    status: row.status as PollStatus,
    closesAt: row.closesAt,
    closedAt: row.closedAt,
    recurrence: row.recurrence,
    templateKey: row.templateKey,
    createdById: row.createdById,
    message,
    forAlliance: row.forAlliance,
    copies: row.copies.map((c) => ({ workspaceId: c.workspaceId, conversationId: c.conversationId, messageId: c.messageId })),
    createdAt: row.createdAt,
    options: row.options.map((option) => ({ id: option.id, position: option.position, label: option.label })),
  };
}

function toBallot(row: BallotRow, sealer: BallotSealer): PollBallot {
  const content = row.sealed === null ? row : sealer.open(row.pollId, row.voterKey, row.sealed);
  return {
    pollId: row.pollId,
    voterKey: row.voterKey,
    memberId: row.memberId,
    organizationId: content.organizationId,
    optionIds: [...content.optionIds],
    castOn: row.castOn,
  };
}

/**
 * The columns a ballot is stored in. An anonymous ballot's choice and organisation go into the
 * sealed column only (see ballot-seal.ts); the plain columns stay empty.
 */
function toColumns(ballot: PollBallot, sealer: BallotSealer): Pick<BallotRow, "optionIds" | "organizationId" | "sealed"> {
  if (!isAnonymousVoterKey(ballot.voterKey)) return { optionIds: ballot.optionIds, organizationId: ballot.organizationId, sealed: null };
  return { optionIds: [], organizationId: null, sealed: sealer.seal(ballot.pollId, ballot.voterKey, ballot) };
}

/** Same choice and organisation: writing it again would change nothing. */
const sameBallot = (a: PollBallot, b: PollBallot): boolean =>
  a.organizationId === b.organizationId && a.optionIds.length === b.optionIds.length && a.optionIds.every((id, i) => id === b.optionIds[i]);

/** A change waits for the voter's previous one; generous limits because PGlite has one connection. */
const TX_OPTIONS = { maxWait: 10_000, timeout: 10_000 };

/** Ballot values as read back through row_to_json (dates as "YYYY-MM-DD"). */
type BallotJson = Omit<BallotRow, "castOn"> & { castOn: string };
const fromJson = (json: BallotJson, sealer: BallotSealer): PollBallot => toBallot({ ...json, castOn: new Date(`${json.castOn}T00:00:00.000Z`) }, sealer);

/** One row of a batched ballot write, as the statement returns it. */
type BallotWriteRow = { found: boolean; open: boolean; written: BallotJson | null; previous: BallotJson | null };

/** A ballot to record at `now`. */
type BallotWrite = { ballot: PollBallot; now: Date };

/**
 * Votes arriving together are written by one statement: up to this many ballots, and at most two
 * such statements at once (PGlite has one connection; on PostgreSQL the rest of the pool stays
 * free for everything else a vote does).
 */
const BALLOT_BATCH = { maxBatch: 25, maxInFlight: 1 };

/** A PollRepository over Prisma. */
export class PrismaPollRepository implements PollRepository {
  private readonly ballotWrites: MicroBatcher<BallotWrite, RecordBallotResult>;

  constructor(
    private readonly prisma: PrismaClient,
    /** Seals anonymous ballots (createBallotSealer with the server secret). */
    private readonly sealer: BallotSealer,
  ) {
    this.ballotWrites = createMicroBatcher<BallotWrite, RecordBallotResult>({
      ...BALLOT_BATCH,
      runBatch: (items) => this.recordBallots(items),
      runOne: (item) => this.recordOneBallot(item.ballot, item.now),
      // ON CONFLICT cannot touch one row twice in a statement: a voter's second click waits.
      conflictKey: (item) => `${item.ballot.pollId}\u0000${item.ballot.voterKey}`,
    });
  }

  async create(draft: NewPoll): Promise<Poll> {
    return this.insert(draft);
  }

  async createOnce(id: string, draft: NewPoll): Promise<{ poll: Poll; created: boolean }> {
    const existing = await this.get(id);
    if (existing) return { poll: existing, created: false };
    try {
      return { poll: await this.insert(draft, id), created: true };
    } catch (error) {
      // Another caller created it between our read and our insert: theirs stands.
      const winner = isUniqueViolation(error) ? await this.get(id) : null;
      if (!winner) throw error;
      return { poll: winner, created: false };
    }
  }

  private async insert(draft: NewPoll, id?: string): Promise<Poll> {
    const row = await this.prisma.poll.create({
      data: {
        ...(id === undefined ? {} : { id }),
        ...newPollColumns(draft),
        options: { create: draft.options.map((label, position) => ({ label, position })) },
      },
      include: withOptions,
    });
    return toPoll(row);
  }

  async get(pollId: string): Promise<Poll | null> {
    // Every vote and every message update reads its poll: one statement with the options folded
    // (and an alliance poll's copies) in as JSON, where Prisma's include takes more round trips.
    const rows = await this.prisma.$queryRaw<PollRow[]>`
      SELECT p.*, COALESCE((
        SELECT json_agg(json_build_object('id', o.id, 'position', o.position, 'label', o.label) ORDER BY o.position)
        FROM "PollOption" o WHERE o."pollId" = p.id), '[]'::json) AS options,
      COALESCE((
        SELECT json_agg(json_build_object('workspaceId', c."workspaceId", 'conversationId', c."conversationId", 'messageId', c."messageId") ORDER BY c."createdAt", c.id)
        FROM "PollCopy" c WHERE c."pollId" = p.id), '[]'::json) AS copies
      FROM "Poll" p WHERE p.id = ${pollId}`;
    return rows[0] ? toPoll(rows[0]) : null;
  }

  async listByAlliance(allianceId: string, filter: PollFilter = {}): Promise<Poll[]> {
    const rows = await this.prisma.poll.findMany({
      where: {
        allianceId,
        ...(filter.status === undefined ? {} : { status: filter.status }),
        ...(filter.templateKey === undefined ? {} : { templateKey: filter.templateKey }),
      },
      include: withOptions,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    return rows.map(toPoll);
  }

  async listDue(now: Date): Promise<Poll[]> {
    return this.findPolls({ status: "open", closesAt: { lte: now } }, "closesAt");
  }

  async listRecurring(): Promise<Poll[]> {
    return this.findPolls({ recurrence: { not: null } }, "createdAt");
  }

  async listClosedSince(since: Date): Promise<Poll[]> {
    return this.findPolls({ status: "closed", closedAt: { gte: since } }, "closedAt");
  }

  /** Polls matching `where` with their options, oldest first by `by` (then id, for a stable order). */
  private async findPolls(where: Prisma.PollWhereInput, by: "closesAt" | "createdAt" | "closedAt"): Promise<Poll[]> {
    const rows = await this.prisma.poll.findMany({ where, include: withOptions, orderBy: [{ [by]: "asc" }, { id: "asc" }] });
    return rows.map(toPoll);
  }

  async setMessage(pollId: string, message: PollMessageRef): Promise<void> {
    await this.prisma.poll.updateMany({ where: { id: pollId }, data: { ...message } });
  }

  async addCopy(pollId: string, copy: PollMessageRef): Promise<void> {
    // One statement, so two deliveries recording the same copy at once leave one row.
    await this.prisma.$executeRaw`
      INSERT INTO "PollCopy" ("id", "pollId", "workspaceId", "conversationId", "messageId")
      SELECT ${randomUUID()}, ${pollId}, ${copy.workspaceId}, ${copy.conversationId}, ${copy.messageId}
      WHERE EXISTS (SELECT 1 FROM "Poll" WHERE "id" = ${pollId})
      ON CONFLICT ("pollId", "workspaceId", "conversationId") DO UPDATE SET "messageId" = EXCLUDED."messageId"`;
  }

  async close(pollId: string, closedAt: Date): Promise<{ poll: Poll; changed: boolean } | null> {
    // Conditional update: of two instances closing at once, exactly one sees count 1.
    const { count } = await this.prisma.poll.updateMany({
      where: { id: pollId, status: "open" },
      data: { status: "closed", closedAt },
    });
    const poll = await this.get(pollId);
    return poll ? { poll, changed: count === 1 } : null;
  }

  recordBallot(ballot: PollBallot, now: Date): Promise<RecordBallotResult> {
    return this.ballotWrites.run({ ballot, now });
  }

  /** What one row of a ballot write says, as the port's result. */
  private async outcomeOf(ballot: PollBallot, result: BallotWriteRow | undefined): Promise<RecordBallotResult> {
    if (!result?.found) return { outcome: "not_found" };
    if (!result.open) return { outcome: "closed" };
    const previous = result.previous === null ? null : fromJson(result.previous, this.sealer);
    if (result.written !== null) {
      return { outcome: "recorded", ballot: fromJson(result.written, this.sealer), changed: true, previousOptionIds: previous?.optionIds ?? null };
    }
    // Nothing written: the stored ballot already equals this one (possibly stored by a concurrent
    // call after this statement's snapshot, so read it again rather than trust `previous`).
    const stored = previous ?? (await this.findBallot(ballot.pollId, ballot.voterKey));
    if (stored === null) throw new Error("ballot neither written nor found");
    return { outcome: "recorded", ballot: stored, changed: false, previousOptionIds: [...stored.optionIds] };
  }

  /**
   * recordBallot for several ballots (distinct poll and voter key) in one statement, with the
   * same guarantees per ballot: written only while its poll is open at its own `now`, the poll row
   * share-locked against a concurrent close, identical ballots left alone.
   */
  private async recordBallots(items: BallotWrite[]): Promise<RecordBallotResult[]> {
    const columns = items.map(({ ballot }) => toColumns(ballot, this.sealer));
    const ids = items.map(() => randomUUID());
    const pollIds = items.map(({ ballot }) => ballot.pollId);
    const voterKeys = items.map(({ ballot }) => ballot.voterKey);
    const memberIds = items.map(({ ballot }) => ballot.memberId);
    const organizationIds = columns.map((c) => c.organizationId);
    // text[][] must be rectangular: each choice travels as a JSON array in one text cell.
    const optionIds = columns.map((c) => JSON.stringify(c.optionIds));
    const sealed = columns.map((c) => c.sealed);
    const castOns = items.map(({ ballot }) => ballot.castOn.toISOString().slice(0, 10));
    const nows = items.map(({ now }) => now.toISOString());
    const rows = await this.prisma.$queryRaw<Array<BallotWriteRow & { n: number }>>`
      WITH input AS (
        SELECT * FROM unnest(${ids}::text[], ${pollIds}::text[], ${voterKeys}::text[], ${memberIds}::text[],
                             ${organizationIds}::text[], ${optionIds}::text[], ${sealed}::text[], ${castOns}::date[], ${nows}::timestamp[])
          WITH ORDINALITY AS i(id, "pollId", "voterKey", "memberId", "organizationId", "optionIds", sealed, "castOn", now, n)
      ),
      target AS (
        SELECT id, "closesAt" FROM "Poll"
        WHERE id IN (SELECT "pollId" FROM input) AND status = 'open'
        ORDER BY id
        FOR SHARE
      ),
      accepted AS (
        SELECT input.* FROM input JOIN target ON target.id = input."pollId"
        WHERE target."closesAt" IS NULL OR target."closesAt" > input.now
      ),
      previous AS (
        SELECT b."pollId", b."voterKey", b."memberId", b."organizationId", b."optionIds", b."sealed", b."castOn"
        FROM "PollBallot" b JOIN input ON b."pollId" = input."pollId" AND b."voterKey" = input."voterKey"
      ),
      written AS (
        INSERT INTO "PollBallot" ("id", "pollId", "voterKey", "memberId", "organizationId", "optionIds", "sealed", "castOn")
        SELECT id, "pollId", "voterKey", "memberId", "organizationId",
               ARRAY(SELECT json_array_elements_text("optionIds"::json)), sealed, "castOn"
        FROM accepted
        ORDER BY "pollId", "voterKey"
        ${UPSERT_BALLOT}
      )
      SELECT input.n::int AS n,
             EXISTS (SELECT 1 FROM "Poll" p WHERE p.id = input."pollId") AS found,
             EXISTS (SELECT 1 FROM accepted a WHERE a.n = input.n) AS open,
             (SELECT row_to_json(w) FROM written w WHERE w."pollId" = input."pollId" AND w."voterKey" = input."voterKey") AS written,
             (SELECT row_to_json(p) FROM previous p WHERE p."pollId" = input."pollId" AND p."voterKey" = input."voterKey") AS previous
      FROM input ORDER BY input.n`;
    return Promise.all(items.map(({ ballot }, i) => this.outcomeOf(ballot, rows.find((row) => Number(row.n) === i + 1))));
  }

  private async recordOneBallot(ballot: PollBallot, now: Date): Promise<RecordBallotResult> {
    const castOn = ballot.castOn.toISOString().slice(0, 10);
    const columns = toColumns(ballot, this.sealer);
    // FOR SHARE on the poll row makes a concurrent close wait for this vote (or this vote see the
    // close): READ COMMITTED re-checks the WHERE against the newest row version after the wait.
    // The ballot id is a random UUID, not a cuid, because a cuid embeds its creation time.
    const rows = await this.prisma.$queryRaw<BallotWriteRow[]>`
      WITH target AS (
        SELECT id FROM "Poll"
        WHERE id = ${ballot.pollId} AND status = 'open'
          AND ("closesAt" IS NULL OR "closesAt" > ${now.toISOString()}::timestamp)
        FOR SHARE
      ),
      previous AS (
        SELECT "pollId", "voterKey", "memberId", "organizationId", "optionIds", "sealed", "castOn"
        FROM "PollBallot" WHERE "pollId" = ${ballot.pollId} AND "voterKey" = ${ballot.voterKey}
      ),
      written AS (
        INSERT INTO "PollBallot" ("id", "pollId", "voterKey", "memberId", "organizationId", "optionIds", "sealed", "castOn")
        SELECT ${randomUUID()}, target.id, ${ballot.voterKey}, ${ballot.memberId}, ${columns.organizationId},
               ${columns.optionIds}::text[], ${columns.sealed}, ${castOn}::date
        FROM target
        ${UPSERT_BALLOT}
      )
      SELECT EXISTS (SELECT 1 FROM "Poll" WHERE id = ${ballot.pollId}) AS found,
             EXISTS (SELECT 1 FROM target) AS open,
             (SELECT row_to_json(written) FROM written) AS written,
             (SELECT row_to_json(previous) FROM previous) AS previous`;
    return this.outcomeOf(ballot, rows[0]);
  }

  async changeBallot(pollId: string, voterKey: string, now: Date, next: (current: PollBallot | null) => PollBallot): Promise<RecordBallotResult> {
    return this.prisma.$transaction(async (tx): Promise<RecordBallotResult> => {
      // FOR SHARE: a close waits for this change (or this change sees the close), as in recordBallot.
      const open = await tx.$queryRaw<Array<{ id: string }>>`
        SELECT id FROM "Poll" WHERE id = ${pollId} AND status = 'open'
          AND ("closesAt" IS NULL OR "closesAt" > ${now.toISOString()}::timestamp)
        FOR SHARE`;
      if (open.length === 0) return { outcome: (await tx.poll.count({ where: { id: pollId } })) === 0 ? "not_found" : "closed" };
      // Serialise this voter's changes: the advisory lock covers a first ballot (no row to lock
      // yet), the row lock makes a concurrent recordBallot of the same voter wait for us.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`poll-ballot:${pollId}:${voterKey}`}, 0))`;
      await tx.$executeRaw`SELECT 1 FROM "PollBallot" WHERE "pollId" = ${pollId} AND "voterKey" = ${voterKey} FOR UPDATE`;
      const row = await tx.pollBallot.findUnique({ where: { pollId_voterKey: { pollId, voterKey } } });
      const previous = row ? toBallot(row, this.sealer) : null;
      const ballot: PollBallot = { ...next(previous), pollId, voterKey };
      if (previous !== null && sameBallot(previous, ballot)) {
        return { outcome: "recorded", ballot: previous, changed: false, previousOptionIds: [...previous.optionIds] };
      }
      const values = { memberId: ballot.memberId, ...toColumns(ballot, this.sealer), castOn: ballot.castOn };
      await tx.pollBallot.upsert({
        where: { pollId_voterKey: { pollId, voterKey } },
        create: { id: randomUUID(), pollId, voterKey, ...values },
        update: values,
      });
      return { outcome: "recorded", ballot, changed: true, previousOptionIds: previous?.optionIds ?? null };
    }, TX_OPTIONS);
  }

  async mergeBallots(pollId: string, into: { voterKey: string; memberId: string | null }, fromKeys: readonly string[], now: Date): Promise<MergeBallotsResult> {
    const others = [...new Set(fromKeys)].filter((key) => key !== into.voterKey);
    return this.prisma.$transaction(async (tx): Promise<MergeBallotsResult> => {
      // FOR SHARE: a close waits for this merge (or the merge sees the close), as in recordBallot.
      const open = await tx.$queryRaw<Array<{ id: string }>>`
        SELECT id FROM "Poll" WHERE id = ${pollId} AND status = 'open'
          AND ("closesAt" IS NULL OR "closesAt" > ${now.toISOString()}::timestamp)
        FOR SHARE`;
      if (open.length === 0) return { outcome: (await tx.poll.count({ where: { id: pollId } })) === 0 ? "not_found" : "closed" };
      // The same locks changeBallot takes for each key, in one fixed order so two merges cannot
      // deadlock: a concurrent vote under any of these keys waits for the merge, or the merge for it.
      const keys = [into.voterKey, ...others];
      for (const key of [...keys].sort()) {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`poll-ballot:${pollId}:${key}`}, 0))`;
      }
      const rows = await tx.$queryRaw<BallotRow[]>`
        SELECT * FROM "PollBallot" WHERE "pollId" = ${pollId} AND "voterKey" = ANY(${keys}::text[])
        ORDER BY "voterKey" FOR UPDATE`;
      const byKey = new Map(rows.map((row) => [row.voterKey, toBallot(row, this.sealer)]));
      const from = others.flatMap((key) => byKey.get(key) ?? []);
      if (from.length === 0) return { outcome: "unchanged" };
      const kept = pickMergedBallot(byKey.get(into.voterKey) ?? null, from);
      const ballot: PollBallot = { ...kept, pollId, voterKey: into.voterKey, memberId: into.memberId };
      await tx.pollBallot.deleteMany({ where: { pollId, voterKey: { in: from.map((old) => old.voterKey) } } });
      // A sealed choice is bound to its row's voter key: it is sealed again under the person's key.
      const values = { memberId: ballot.memberId, ...toColumns(ballot, this.sealer), castOn: ballot.castOn };
      await tx.pollBallot.upsert({
        where: { pollId_voterKey: { pollId, voterKey: into.voterKey } },
        create: { id: randomUUID(), pollId, voterKey: into.voterKey, ...values },
        update: values,
      });
      return { outcome: "merged", ballot, removed: from.length };
    }, TX_OPTIONS);
  }

  async getPublishedTally(pollId: string): Promise<PollTally | null> {
    const row = await this.prisma.poll.findUnique({ where: { id: pollId }, select: { publishedTally: true } });
    return (row?.publishedTally as PollTally | null | undefined) ?? null;
  }

  async publishTally(pollId: string, tally: PollTally, expectedVoters: number | null): Promise<boolean> {
    // Compare-and-set on the stored voter count: of two instances publishing at once, one wins.
    const count = await this.prisma.$executeRaw`
      UPDATE "Poll" SET "publishedTally" = ${JSON.stringify(tally)}::jsonb
      WHERE id = ${pollId}
        AND (("publishedTally" IS NULL AND ${expectedVoters}::int IS NULL)
          OR ("publishedTally"->>'totalVoters')::int = ${expectedVoters}::int)`;
    return count === 1;
  }

  /**
   * Seals anonymous ballots written before sealing existed (plain choice and organisation
   * columns). Run at start-up; rows are rewritten in random order so their new physical order
   * says nothing either. Idempotent; returns how many it sealed.
   */
  async sealPlainAnonymousBallots(): Promise<number> {
    const rows = await this.prisma.$queryRaw<BallotRow[]>`
      SELECT "pollId", "voterKey", "memberId", "organizationId", "optionIds", "sealed", "castOn"
      FROM "PollBallot" WHERE "voterKey" LIKE 'a:%' AND "sealed" IS NULL ORDER BY random()`;
    for (const row of rows) {
      const columns = toColumns(toBallot(row, this.sealer), this.sealer);
      await this.prisma.pollBallot.updateMany({ where: { pollId: row.pollId, voterKey: row.voterKey, sealed: null }, data: columns });
    }
    return rows.length;
  }

  async findBallot(pollId: string, voterKey: string): Promise<PollBallot | null> {
    const row = await this.prisma.pollBallot.findUnique({ where: { pollId_voterKey: { pollId, voterKey } } });
    return row ? toBallot(row, this.sealer) : null;
  }

  async listBallots(pollId: string): Promise<PollBallot[]> {
    // Ordered by voter key (a hash for anonymous polls), never by arrival.
    const rows = await this.prisma.pollBallot.findMany({ where: { pollId }, orderBy: { voterKey: "asc" } });
    return rows.map((row) => toBallot(row, this.sealer));
  }

  async listNamedBallotsOf(memberId: string, allianceId: string): Promise<PollBallot[]> {
    const rows = await this.prisma.pollBallot.findMany({
      where: { memberId, poll: { allianceId } },
      orderBy: { pollId: "asc" },
    });
    return rows.map((row) => toBallot(row, this.sealer));
  }

  async unlinkMember(memberId: string, allianceId: string): Promise<number> {
    // Each ballot gets its own random key, so the rows stay unique and unlinkable.
    return this.prisma.$executeRaw`
      UPDATE "PollBallot" SET "memberId" = NULL, "voterKey" = 'x:' || gen_random_uuid()::text
      WHERE "memberId" = ${memberId}
        AND "pollId" IN (SELECT id FROM "Poll" WHERE "allianceId" = ${allianceId})`;
  }
}
