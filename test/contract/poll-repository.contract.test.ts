// The same PollRepository contract against the in-memory implementation and Prisma on every
// storage target (PGlite always, PostgreSQL when TEST_DATABASE_URL is set).
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NewPoll, Poll } from "#core/polls/poll.js";
import { applyChoiceChange, type ChoiceChange } from "#core/polls/poll-rules.js";
import type { PollRepository } from "#core/polls/poll-repository.js";
import type { Database } from "#storage/database.js";
import { InMemoryPollRepository } from "#storage/memory/in-memory-poll-repository.js";
import { PrismaPollRepository } from "#storage/prisma/prisma-poll-repository.js";
import { createBallotSealer } from "#storage/ballot-seal.js";
import { storageTargets } from "../support/databases.js";

interface Harness {
  repo(): PollRepository;
  /** A fresh alliance id, so tests never see each other's rows. */
  newAlliance(): Promise<string>;
  db?: () => Database;
}

const T0 = new Date("2026-03-02T10:15:30.000Z");
const later = (ms: number) => new Date(T0.getTime() + ms);
const DAY = 86_400_000;

function draft(allianceId: string, overrides: Partial<NewPoll> = {}): NewPoll {
  return {
    allianceId,
    question: "What matters most?",
    mode: "single",
    maxChoices: 1,
    anonymous: false,
    visibility: "live",
    closesAt: later(DAY),
    recurrence: null,
    templateKey: null,
    createdById: "member-creator",
    forAlliance: false,
    createdAt: T0,
    options: ["Trust", "Reliability", "Transparency"],
    ...overrides,
  };
}

function contract(name: string, harness: Harness): void {
  describe(`PollRepository contract: ${name}`, () => {
    it("stores a poll with its options in order and reads it back", async () => {
      const allianceId = await harness.newAlliance();
      const created = await harness.repo().create(
        draft(allianceId, { templateKey: "collaboration-priorities", recurrence: "0 9 * * MON", anonymous: true }),
      );
      const read = await harness.repo().get(created.id);
      expect(read).toEqual(created);
      expect(read?.options.map((option) => [option.position, option.label])).toEqual([
        [0, "Trust"],
        [1, "Reliability"],
        [2, "Transparency"],
      ]);
      expect(read).toMatchObject({ status: "open", closedAt: null, message: null, anonymous: true, recurrence: "0 9 * * MON" });
      expect(read?.closesAt?.toISOString()).toBe(later(DAY).toISOString());
      expect(await harness.repo().get("no-such-poll")).toBeNull();
    });

    it("lists an alliance's polls newest first and filters by status and template", async () => {
      const allianceId = await harness.newAlliance();
      const other = await harness.newAlliance();
      const first = await harness.repo().create(draft(allianceId, { createdAt: T0 }));
      const second = await harness.repo().create(draft(allianceId, { createdAt: later(1000), templateKey: "meeting-usefulness" }));
      await harness.repo().create(draft(other));
      await harness.repo().close(first.id, later(2000));
      expect((await harness.repo().listByAlliance(allianceId)).map((poll) => poll.id)).toEqual([second.id, first.id]);
      expect((await harness.repo().listByAlliance(allianceId, { status: "closed" })).map((poll) => poll.id)).toEqual([first.id]);
      expect((await harness.repo().listByAlliance(allianceId, { templateKey: "meeting-usefulness" })).map((p) => p.id)).toEqual([
        second.id,
      ]);
    });

    it("remembers where the poll message was posted", async () => {
      const poll = await harness.repo().create(draft(await harness.newAlliance()));
      const message = { workspaceId: "w1", conversationId: "C123", messageId: "1712345678.000100" };
      await harness.repo().setMessage(poll.id, message);
      expect((await harness.repo().get(poll.id))?.message).toEqual(message);
    });

    it("keeps an alliance poll's copies, one per space and conversation, and the flag", async () => {
      const poll = await harness.repo().create(draft(await harness.newAlliance(), { forAlliance: true }));
      expect(poll.forAlliance).toBe(true);
      expect(poll.copies).toEqual([]);
      const slack = { workspaceId: "w-slack", conversationId: "C-alliance", messageId: "1712345678.000200" };
      const teams = { workspaceId: "w-teams", conversationId: "19:alliance@thread.tacv2", messageId: "1712345679000" };
      await harness.repo().addCopy(poll.id, slack);
      await harness.repo().addCopy(poll.id, teams);
      // A retried delivery records the same copy again: still one, with the latest message id.
      await harness.repo().addCopy(poll.id, { ...slack, messageId: "1712345678.000300" });
      const stored = await harness.repo().get(poll.id);
      expect(stored?.forAlliance).toBe(true);
      expect(stored?.copies).toEqual([{ ...slack, messageId: "1712345678.000300" }, teams]);
      // Listing returns the copies too (the close sweep reads polls from lists).
      await harness.repo().close(poll.id, later(1000));
      expect((await harness.repo().listClosedSince(later(0))).find((p) => p.id === poll.id)?.copies).toHaveLength(2);
      // Recording a copy of a poll that does not exist writes nothing and does not throw.
      await harness.repo().addCopy("no-such-poll", slack);
      expect(await harness.repo().get("no-such-poll")).toBeNull();
    });

    it("stores a poll of one space without copies", async () => {
      const poll = await harness.repo().create(draft(await harness.newAlliance()));
      expect((await harness.repo().get(poll.id))).toMatchObject({ forAlliance: false, copies: [] });
    });

    it("closes a poll once: a second close changes nothing", async () => {
      const poll = await harness.repo().create(draft(await harness.newAlliance()));
      const first = await harness.repo().close(poll.id, later(1000));
      const second = await harness.repo().close(poll.id, later(5000));
      expect(first?.changed).toBe(true);
      expect(second?.changed).toBe(false);
      expect(second?.poll.status).toBe("closed");
      expect(second?.poll.closedAt?.toISOString()).toBe(later(1000).toISOString());
      expect(await harness.repo().close("no-such-poll", later(1))).toBeNull();
    });

    it("lists open polls past their deadline and polls with a recurrence rule", async () => {
      const allianceId = await harness.newAlliance();
      const due = await harness.repo().create(draft(allianceId, { closesAt: later(1000) }));
      const notYet = await harness.repo().create(draft(allianceId, { closesAt: later(DAY * 30) }));
      const recurring = await harness.repo().create(draft(allianceId, { recurrence: "0 9 * * 1", closesAt: null }));
      const dueIds = (await harness.repo().listDue(later(1000))).map((poll) => poll.id);
      expect(dueIds).toContain(due.id);
      expect(dueIds).not.toContain(notYet.id);
      await harness.repo().close(due.id, later(1000));
      expect((await harness.repo().listDue(later(2000))).map((poll) => poll.id)).not.toContain(due.id);
      expect((await harness.repo().listRecurring()).map((poll) => poll.id)).toContain(recurring.id);
    });

    it("creates a poll under a chosen id once: repeats and concurrent calls return the first one", async () => {
      const allianceId = await harness.newAlliance();
      const id = `run-${allianceId}-202603021000`;
      const first = await harness.repo().createOnce(id, draft(allianceId));
      const again = await harness.repo().createOnce(id, draft(allianceId, { question: "Changed?" }));
      expect(first).toMatchObject({ created: true, poll: { id, question: "What matters most?" } });
      expect(again).toEqual({ created: false, poll: first.poll });
      const raceId = `${id}-race`;
      const racing = await Promise.all(Array.from({ length: 5 }, () => harness.repo().createOnce(raceId, draft(allianceId))));
      expect(racing.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(racing.map((r) => JSON.stringify(r.poll))).size).toBe(1);
      expect((await harness.repo().listByAlliance(allianceId)).map((p) => p.id).sort()).toEqual([id, raceId].sort());
    });

    it("lists polls closed since an instant, oldest close first", async () => {
      const allianceId = await harness.newAlliance();
      const [early, late, open] = await Promise.all([0, 1, 2].map(() => harness.repo().create(draft(allianceId))));
      await harness.repo().close(early!.id, later(1000));
      await harness.repo().close(late!.id, later(5000));
      const since = (at: number) => (harness.repo().listClosedSince(later(at))).then((polls) => polls.map((p) => p.id).filter((id) => [early!.id, late!.id, open!.id].includes(id)));
      expect(await since(1000)).toEqual([early!.id, late!.id]);
      expect(await since(1001)).toEqual([late!.id]);
      expect(await since(6000)).toEqual([]);
    });

    it("records a ballot, treats an identical second vote as a no-op and replaces a changed one", async () => {
      const poll = await harness.repo().create(draft(await harness.newAlliance()));
      const [a, b] = poll.options.map((option) => option.id) as [string, string];
      const ballot = { pollId: poll.id, voterKey: "m:alice", memberId: "alice", organizationId: "org-1", optionIds: [a], castOn: new Date("2026-03-02T00:00:00.000Z") };
      const first = await harness.repo().recordBallot(ballot, T0);
      const again = await harness.repo().recordBallot(ballot, later(10));
      const changed = await harness.repo().recordBallot({ ...ballot, optionIds: [b] }, later(20));
      expect(first).toMatchObject({ outcome: "recorded", changed: true, previousOptionIds: null });
      expect(again).toMatchObject({ outcome: "recorded", changed: false });
      expect(changed).toMatchObject({ outcome: "recorded", changed: true, previousOptionIds: [a] });
      const ballots = await harness.repo().listBallots(poll.id);
      expect(ballots).toHaveLength(1);
      expect(ballots[0]).toEqual({ ...ballot, optionIds: [b] });
    });

    it("leaves exactly one ballot when the same voter votes many times at once", async () => {
      const poll = await harness.repo().create(draft(await harness.newAlliance(), { mode: "multiple", maxChoices: 3 }));
      const ids = poll.options.map((option) => option.id);
      const choices = Array.from({ length: 12 }, (_, i) => [ids[i % 3] as string]);
      const castOn = new Date("2026-03-02T00:00:00.000Z");
      const results = await Promise.all(
        choices.map((optionIds) =>
          harness.repo().recordBallot({ pollId: poll.id, voterKey: "a:hash-1", memberId: null, organizationId: "org-1", optionIds, castOn }, T0),
        ),
      );
      expect(results.every((result) => result.outcome === "recorded")).toBe(true);
      const ballots = await harness.repo().listBallots(poll.id);
      expect(ballots).toHaveLength(1);
      expect(choices.map((c) => c[0])).toContain(ballots[0]?.optionIds[0]);
    });

    describe("changeBallot (a click on a multiple-choice poll)", () => {
      const castOn = new Date("2026-03-02T00:00:00.000Z");
      const multiple = async (labels: string[], anonymous = false) =>
        harness.repo().create(draft(await harness.newAlliance(), { mode: "multiple", maxChoices: labels.length, options: labels, anonymous }));
      /** The service's own rule (applyChoiceChange) applied to whatever the repository hands over. */
      const click = (poll: Poll, voterKey: string, change: ChoiceChange) =>
        harness.repo().changeBallot(poll.id, voterKey, T0, (current) => ({
          pollId: poll.id, voterKey, memberId: null, organizationId: "org-1", castOn,
          optionIds: applyChoiceChange(poll, current?.optionIds ?? [], change),
        }));

      it("ends with No and Yes when a voter who chose No double-clicks Yes, both clicks at once", async () => {
        const poll = await multiple(["Yes", "No"]);
        const [yes, no] = poll.options.map((option) => option.id) as [string, string];
        await click(poll, "a:double", { select: [no], unselect: [] });
        const results = await Promise.all([click(poll, "a:double", { select: [yes], unselect: [] }), click(poll, "a:double", { select: [yes], unselect: [] })]);
        expect((await harness.repo().findBallot(poll.id, "a:double"))?.optionIds).toEqual([yes, no]);
        expect(results.filter((result) => result.outcome === "recorded" && result.changed)).toHaveLength(1);
      });

      it("applies many concurrent clicks of one voter one after another, so none is lost", async () => {
        const labels = Array.from({ length: 10 }, (_, i) => `Option ${i + 1}`);
        const poll = await multiple(labels);
        const ids = poll.options.map((option) => option.id);
        await Promise.all(ids.flatMap((id) => [click(poll, "m:many", { select: [id], unselect: [] }), click(poll, "m:many", { select: [id], unselect: [] })]));
        expect((await harness.repo().findBallot(poll.id, "m:many"))?.optionIds).toEqual(ids);
        await Promise.all(ids.slice(1).map((id) => click(poll, "m:many", { select: [], unselect: [id] })));
        expect((await harness.repo().findBallot(poll.id, "m:many"))?.optionIds).toEqual(ids.slice(0, 1));
      });

      it("writes nothing when the rule refuses the change, and nothing after close", async () => {
        const poll = await multiple(["Yes", "No"]);
        const [yes] = poll.options.map((option) => option.id) as [string];
        await expect(click(poll, "m:refused", { select: [], unselect: [yes] })).rejects.toMatchObject({ code: "POLL_NO_CHOICE" });
        expect(await harness.repo().findBallot(poll.id, "m:refused")).toBeNull();
        await harness.repo().close(poll.id, T0);
        expect(await click(poll, "m:refused", { select: [yes], unselect: [] })).toEqual({ outcome: "closed" });
        expect(await harness.repo().changeBallot("no-such-poll", "m:x", T0, () => { throw new Error("not called"); })).toEqual({ outcome: "not_found" });
      });
    });

    it("publishes an anonymous poll's figures by compare-and-set on the voter count they cover", async () => {
      const poll = await harness.repo().create(draft(await harness.newAlliance(), { anonymous: true }));
      const tally = (totalVoters: number) => ({ k: 3, totalVoters, overallPublished: true, options: [], organizations: [], hiddenOrganizations: [] });
      expect(await harness.repo().getPublishedTally(poll.id)).toBeNull();
      expect(await harness.repo().publishTally(poll.id, tally(3), 5)).toBe(false);
      const first = await Promise.all([harness.repo().publishTally(poll.id, tally(3), null), harness.repo().publishTally(poll.id, tally(4), null)]);
      expect(first.filter(Boolean)).toHaveLength(1);
      const stored = await harness.repo().getPublishedTally(poll.id);
      expect(await harness.repo().publishTally(poll.id, tally(9), stored?.totalVoters ?? -1)).toBe(true);
      expect(await harness.repo().getPublishedTally(poll.id)).toEqual(tally(9));
    });

    it("gives each of many ballots arriving at once its own outcome: open, closed, past the deadline, unknown, unchanged, replaced", async () => {
      const allianceId = await harness.newAlliance();
      const open = await harness.repo().create(draft(allianceId, { mode: "multiple", maxChoices: 3, anonymous: true, closesAt: later(1000) }));
      const closed = await harness.repo().create(draft(allianceId));
      await harness.repo().close(closed.id, later(1));
      const [a, b, c] = open.options.map((option) => option.id) as [string, string, string];
      const castOn = new Date("2026-03-02T00:00:00.000Z");
      const ballot = (pollId: string, voterKey: string, optionIds: string[], organizationId: string | null = null) => ({
        pollId,
        voterKey,
        memberId: null,
        organizationId,
        optionIds,
        castOn,
      });
      await harness.repo().recordBallot(ballot(open.id, "a:same", [a]), T0);
      await harness.repo().recordBallot(ballot(open.id, "a:changes", [a]), T0);
      const fresh = Array.from({ length: 30 }, (_, i) => ballot(open.id, `a:voter-${i}`, i % 2 === 0 ? [a, c] : [b], `org-${i % 3}`));
      const [same, changes, late, refused, unknown, ...recorded] = await Promise.all([
        harness.repo().recordBallot(ballot(open.id, "a:same", [a]), later(10)),
        harness.repo().recordBallot(ballot(open.id, "a:changes", [b, c]), later(10)),
        harness.repo().recordBallot(ballot(open.id, "a:late", [a]), later(1000)),
        harness.repo().recordBallot(ballot(closed.id, "m:refused", [closed.options[0]?.id as string]), later(10)),
        harness.repo().recordBallot(ballot("no-such-poll", "m:x", ["x"]), later(10)),
        ...fresh.map((one) => harness.repo().recordBallot(one, later(10))),
      ]);
      expect(same).toMatchObject({ outcome: "recorded", changed: false, previousOptionIds: [a] });
      expect(changes).toMatchObject({ outcome: "recorded", changed: true, previousOptionIds: [a], ballot: { optionIds: [b, c] } });
      expect(late).toEqual({ outcome: "closed" });
      expect(refused).toEqual({ outcome: "closed" });
      expect(unknown).toEqual({ outcome: "not_found" });
      recorded.forEach((result, i) => expect(result).toEqual({ outcome: "recorded", ballot: fresh[i], changed: true, previousOptionIds: null }));
      const stored = await harness.repo().listBallots(open.id);
      expect(stored).toHaveLength(32);
      expect(stored.find((one) => one.voterKey === "a:voter-4")).toEqual(fresh[4]);
      expect(await harness.repo().listBallots(closed.id)).toEqual([]);
    });

    it("counts one change when the same vote arrives many times at once (double clicks, retries)", async () => {
      const poll = await harness.repo().create(draft(await harness.newAlliance()));
      const optionIds = [poll.options[0]?.id as string];
      const castOn = new Date("2026-03-02T00:00:00.000Z");
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          harness.repo().recordBallot({ pollId: poll.id, voterKey: "m:bob", memberId: "bob", organizationId: null, optionIds, castOn }, T0),
        ),
      );
      expect(results.filter((result) => result.outcome === "recorded" && result.changed)).toHaveLength(1);
      expect(await harness.repo().listBallots(poll.id)).toHaveLength(1);
    });

    it("stores an anonymous ballot without a member id and with a date only", async () => {
      const poll = await harness.repo().create(draft(await harness.newAlliance(), { anonymous: true }));
      const castOn = new Date("2026-03-02T00:00:00.000Z");
      await harness.repo().recordBallot(
        { pollId: poll.id, voterKey: "a:0f3c", memberId: null, organizationId: "org-2", optionIds: [poll.options[1]?.id as string], castOn },
        T0,
      );
      const stored = await harness.repo().findBallot(poll.id, "a:0f3c");
      expect(stored?.memberId).toBeNull();
      expect(stored?.castOn.toISOString()).toBe("2026-03-02T00:00:00.000Z");
      expect(await harness.repo().findBallot(poll.id, "a:other")).toBeNull();
    });

    it("refuses ballots on a closed poll, past the deadline, and on an unknown poll", async () => {
      const allianceId = await harness.newAlliance();
      const closed = await harness.repo().create(draft(allianceId));
      await harness.repo().close(closed.id, later(1));
      const expiring = await harness.repo().create(draft(allianceId, { closesAt: later(1000) }));
      const castOn = new Date("2026-03-02T00:00:00.000Z");
      const vote = (pollId: string, optionId: string, now: Date) =>
        harness.repo().recordBallot({ pollId, voterKey: "m:carol", memberId: "carol", organizationId: null, optionIds: [optionId], castOn }, now);
      expect(await vote(closed.id, closed.options[0]?.id as string, later(2))).toEqual({ outcome: "closed" });
      expect(await vote(expiring.id, expiring.options[0]?.id as string, later(1000))).toEqual({ outcome: "closed" });
      expect(await vote(expiring.id, expiring.options[0]?.id as string, later(999))).toMatchObject({ outcome: "recorded" });
      expect(await vote("no-such-poll", "x", T0)).toEqual({ outcome: "not_found" });
      expect(await harness.repo().listBallots(closed.id)).toEqual([]);
    });

    it("never records a vote after a close that raced it", async () => {
      const poll = await harness.repo().create(draft(await harness.newAlliance(), { closesAt: null }));
      const castOn = new Date("2026-03-02T00:00:00.000Z");
      const votes = Array.from({ length: 6 }, (_, i) =>
        harness.repo().recordBallot(
          { pollId: poll.id, voterKey: `m:v${i}`, memberId: `v${i}`, organizationId: null, optionIds: [poll.options[0]?.id as string], castOn },
          T0,
        ),
      );
      const [closeResult, ...results] = await Promise.all([harness.repo().close(poll.id, T0), ...votes]);
      expect(closeResult?.changed).toBe(true);
      const recorded = results.filter((result) => result.outcome === "recorded").length;
      expect(await harness.repo().listBallots(poll.id)).toHaveLength(recorded);
      // After the close has returned, nothing more gets in.
      const late = await harness.repo().recordBallot(
        { pollId: poll.id, voterKey: "m:late", memberId: "late", organizationId: null, optionIds: [poll.options[0]?.id as string], castOn },
        T0,
      );
      expect(late).toEqual({ outcome: "closed" });
    });

    it("lists a member's named ballots in one alliance and unlinks them on erasure, keeping the counts", async () => {
      const allianceId = await harness.newAlliance();
      const other = await harness.newAlliance();
      const named = await harness.repo().create(draft(allianceId));
      const elsewhere = await harness.repo().create(draft(other));
      const castOn = new Date("2026-03-02T00:00:00.000Z");
      const vote = (pollId: string, optionId: string, memberId: string) =>
        harness.repo().recordBallot({ pollId, voterKey: `m:${memberId}`, memberId, organizationId: "org-1", optionIds: [optionId], castOn }, T0);
      await vote(named.id, named.options[0]?.id as string, "dana");
      await vote(named.id, named.options[1]?.id as string, "erik");
      await vote(elsewhere.id, elsewhere.options[0]?.id as string, "dana");
      expect((await harness.repo().listNamedBallotsOf("dana", allianceId)).map((b) => b.pollId)).toEqual([named.id]);

      expect(await harness.repo().unlinkMember("dana", allianceId)).toBe(1);
      expect(await harness.repo().unlinkMember("dana", allianceId)).toBe(0);
      expect(await harness.repo().listNamedBallotsOf("dana", allianceId)).toEqual([]);
      const left = await harness.repo().listBallots(named.id);
      expect(left).toHaveLength(2);
      expect(left.filter((b) => b.memberId === null && !b.voterKey.includes("dana"))).toHaveLength(1);
      // The other alliance's ballot is untouched.
      expect(await harness.repo().listNamedBallotsOf("dana", other)).toHaveLength(1);
    });

    describe("mergeBallots (one person's ballots from two memberships become one)", () => {
      const monday = new Date("2026-03-02T00:00:00.000Z");
      const tuesday = new Date("2026-03-03T00:00:00.000Z");
      const into = { voterKey: "m:anna-slack", memberId: "anna-slack" };
      async function twoBallots(overrides: Partial<NewPoll> = {}, days: { slack: Date; teams: Date } = { slack: monday, teams: tuesday }) {
        const poll = await harness.repo().create(draft(await harness.newAlliance(), overrides));
        const [a, b] = poll.options.map((option) => option.id) as [string, string];
        const slack = { pollId: poll.id, voterKey: into.voterKey, memberId: "anna-slack", organizationId: "org-eng", optionIds: [a], castOn: days.slack };
        const teams = { pollId: poll.id, voterKey: "m:anna-teams", memberId: "anna-teams", organizationId: "org-city", optionIds: [b], castOn: days.teams };
        await harness.repo().recordBallot(slack, T0);
        await harness.repo().recordBallot(teams, T0);
        return { poll, a, b };
      }

      it("keeps the later cast choice under the person's key and deletes the other ballot", async () => {
        const { poll, b } = await twoBallots();
        // A key named twice, or the person's own key among the others, counts once.
        const result = await harness.repo().mergeBallots(poll.id, into, ["m:anna-teams", "m:anna-teams", into.voterKey], later(10));
        expect(result).toMatchObject({ outcome: "merged", removed: 1 });
        expect(await harness.repo().listBallots(poll.id)).toEqual([
          { pollId: poll.id, voterKey: into.voterKey, memberId: "anna-slack", organizationId: "org-city", optionIds: [b], castOn: tuesday },
        ]);
      });

      it("keeps the person's own ballot when both were cast on the same day", async () => {
        const { poll, a } = await twoBallots({}, { slack: monday, teams: monday });
        await harness.repo().mergeBallots(poll.id, into, ["m:anna-teams"], later(10));
        const ballots = await harness.repo().listBallots(poll.id);
        expect(ballots.map((ballot) => [ballot.voterKey, ballot.optionIds, ballot.organizationId])).toEqual([[into.voterKey, [a], "org-eng"]]);
      });

      it("moves a lone ballot of the newer membership to the person's key, so a later vote changes it", async () => {
        const poll = await harness.repo().create(draft(await harness.newAlliance()));
        const b = poll.options[1]?.id as string;
        await harness.repo().recordBallot({ pollId: poll.id, voterKey: "m:anna-teams", memberId: "anna-teams", organizationId: "org-city", optionIds: [b], castOn: monday }, T0);
        expect(await harness.repo().mergeBallots(poll.id, into, ["m:anna-teams"], later(10))).toMatchObject({ outcome: "merged", removed: 1 });
        expect(await harness.repo().findBallot(poll.id, "m:anna-teams")).toBeNull();
        expect(await harness.repo().findBallot(poll.id, into.voterKey)).toMatchObject({ memberId: "anna-slack", optionIds: [b] });
      });

      it("changes nothing when the other memberships have no ballot, and nothing on a closed or unknown poll", async () => {
        const alone = await harness.repo().create(draft(await harness.newAlliance()));
        await harness.repo().recordBallot({ pollId: alone.id, voterKey: into.voterKey, memberId: "anna-slack", organizationId: null, optionIds: [alone.options[0]?.id as string], castOn: monday }, T0);
        expect(await harness.repo().mergeBallots(alone.id, into, ["m:anna-teams"], later(10))).toEqual({ outcome: "unchanged" });
        expect(await harness.repo().listBallots(alone.id)).toHaveLength(1);

        const { poll } = await twoBallots();
        await harness.repo().close(poll.id, later(5));
        expect(await harness.repo().mergeBallots(poll.id, into, ["m:anna-teams"], later(10))).toEqual({ outcome: "closed" });
        expect(await harness.repo().listBallots(poll.id)).toHaveLength(2);
        const { poll: expired } = await twoBallots();
        expect(await harness.repo().mergeBallots(expired.id, into, ["m:anna-teams"], later(DAY))).toEqual({ outcome: "closed" });
        expect(await harness.repo().listBallots(expired.id)).toHaveLength(2);
        expect(await harness.repo().mergeBallots("no-such-poll", into, ["m:anna-teams"], later(10))).toEqual({ outcome: "not_found" });
      });

      it("merges anonymous ballots: the kept choice reads back under the person's key, without a member id", async () => {
        const poll = await harness.repo().create(draft(await harness.newAlliance(), { anonymous: true }));
        const [a, b] = poll.options.map((option) => option.id) as [string, string];
        await harness.repo().recordBallot({ pollId: poll.id, voterKey: "a:person", memberId: null, organizationId: "org-eng", optionIds: [a], castOn: monday }, T0);
        await harness.repo().recordBallot({ pollId: poll.id, voterKey: "a:second", memberId: null, organizationId: "org-city", optionIds: [b], castOn: tuesday }, T0);
        await harness.repo().recordBallot({ pollId: poll.id, voterKey: "a:someone-else", memberId: null, organizationId: "org-city", optionIds: [a], castOn: monday }, T0);
        const result = await harness.repo().mergeBallots(poll.id, { voterKey: "a:person", memberId: null }, ["a:second"], later(10));
        expect(result).toMatchObject({ outcome: "merged", removed: 1 });
        expect(await harness.repo().findBallot(poll.id, "a:person")).toEqual({ pollId: poll.id, voterKey: "a:person", memberId: null, organizationId: "org-city", optionIds: [b], castOn: tuesday });
        expect(await harness.repo().findBallot(poll.id, "a:second")).toBeNull();
        expect((await harness.repo().listBallots(poll.id)).map((ballot) => ballot.voterKey).sort()).toEqual(["a:person", "a:someone-else"]);
      });

      it("leaves one ballot when the person votes while their ballots are being merged", async () => {
        for (let round = 0; round < 5; round++) {
          const { poll, a } = await twoBallots({ mode: "multiple", maxChoices: 3 });
          const c = poll.options[2]?.id as string;
          await Promise.all([
            harness.repo().mergeBallots(poll.id, into, ["m:anna-teams"], later(10)),
            harness.repo().changeBallot(poll.id, into.voterKey, later(10), (current) => ({
              pollId: poll.id,
              voterKey: into.voterKey,
              memberId: "anna-slack",
              organizationId: "org-eng",
              optionIds: [...(current?.optionIds ?? [a]), c],
              castOn: tuesday,
            })),
            harness.repo().recordBallot({ pollId: poll.id, voterKey: into.voterKey, memberId: "anna-slack", organizationId: "org-eng", optionIds: [c], castOn: tuesday }, later(10)),
          ]);
          const ballots = await harness.repo().listBallots(poll.id);
          expect(ballots.map((ballot) => ballot.voterKey)).toEqual([into.voterKey]);
        }
      });
    });

    if (harness.db) {
      const db = harness.db;
      it("keeps no member id, no time of day and no time-ordered id in an anonymous ballot row", async () => {
        const poll = await harness.repo().create(draft(await harness.newAlliance(), { anonymous: true }));
        await harness.repo().recordBallot(
          { pollId: poll.id, voterKey: "a:beef", memberId: null, organizationId: "org-1", optionIds: [poll.options[0]?.id as string], castOn: new Date("2026-03-02T00:00:00.000Z") },
          T0,
        );
        const rows = await db().prisma.$queryRaw<Array<{ id: string; memberId: string | null; castOn: string; type: string }>>`
          SELECT id, "memberId", "castOn"::text AS "castOn", pg_typeof("castOn")::text AS type
          FROM "PollBallot" WHERE "pollId" = ${poll.id}`;
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ memberId: null, castOn: "2026-03-02", type: "date" });
        // A random UUID: unlike a cuid it carries no creation timestamp.
        expect(rows[0]?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      });

      it("seals anonymous ballots stored in plain columns before sealing existed, and leaves named ones", async () => {
        const repo = harness.repo();
        if (!(repo instanceof PrismaPollRepository)) throw new Error("prisma only");
        const poll = await harness.repo().create(draft(await harness.newAlliance(), { anonymous: true }));
        const option = poll.options[0]?.id as string;
        await db().prisma.$executeRaw`
          INSERT INTO "PollBallot" (id, "pollId", "voterKey", "memberId", "organizationId", "optionIds", "castOn")
          VALUES (gen_random_uuid()::text, ${poll.id}, 'a:legacy', NULL, 'org-1', ARRAY[${option}], DATE '2026-03-02'),
                 (gen_random_uuid()::text, ${poll.id}, 'm:named', 'named', 'org-1', ARRAY[${option}], DATE '2026-03-02')`;
        expect(await repo.sealPlainAnonymousBallots()).toBeGreaterThanOrEqual(1);
        expect(await repo.sealPlainAnonymousBallots()).toBe(0);
        const rows = await db().prisma.$queryRaw<Array<{ voterKey: string; row: string }>>`
          SELECT "voterKey", row_to_json(b)::text AS row FROM "PollBallot" b WHERE "pollId" = ${poll.id} ORDER BY "voterKey"`;
        expect(rows.find((r) => r.voterKey === "a:legacy")?.row).not.toMatch(new RegExp(`${option}|org-1`));
        expect(rows.find((r) => r.voterKey === "m:named")?.row).toContain(option);
        expect((await harness.repo().listBallots(poll.id)).map((b) => [b.voterKey, b.optionIds, b.organizationId])).toEqual([
          ["a:legacy", [option], "org-1"],
          ["m:named", [option], "org-1"],
        ]);
      });

      it("gives a reader of the database no way to tell from an anonymous ballot's row or its place in the table what voter i chose", async () => {
        // First-time voters' members are created in voting order, so an attacker knows voter i's
        // rank. They pair it with ballot i by physical order (ctid), by id and by castOn and read
        // whatever the row holds. With the choice and organisation in plain columns that names
        // every voter's choice (and the lone voter of a small organisation); sealed, it names none.
        const poll = await harness.repo().create(draft(await harness.newAlliance(), { anonymous: true }));
        const optionIds = poll.options.map((option) => option.id);
        const organizations = ["org-big-1", "org-big-2", "org-lonely"];
        const voters = Array.from({ length: 150 }, (_, i) => ({
          voterKey: `a:${createHash("sha256").update(`voter-${i}-${poll.id}`).digest("hex")}`,
          choice: optionIds[Math.floor(Math.random() * optionIds.length)] as string,
          organizationId: i === 77 ? "org-lonely" : (organizations[i % 2] as string),
        }));
        for (const voter of voters) {
          await harness.repo().recordBallot(
            { pollId: poll.id, voterKey: voter.voterKey, memberId: null, organizationId: voter.organizationId, optionIds: [voter.choice], castOn: new Date("2026-03-02T00:00:00.000Z") },
            T0,
          );
        }
        for (const order of ["ctid", "id", `"castOn", ctid`]) {
          const rows = await db().prisma.$queryRawUnsafe<Array<{ id: string; row: string }>>(
            `SELECT id, row_to_json(b)::text AS row FROM "PollBallot" b WHERE "pollId" = $1 ORDER BY ${order}`,
            poll.id,
          );
          expect(rows).toHaveLength(voters.length);
          // The attacker's guess for voter i: an option id readable in row i, else the first option.
          const guesses = rows.map(({ row }) => optionIds.find((id) => row.includes(id)) ?? optionIds[0]);
          const hits = voters.filter((voter, i) => guesses[i] === voter.choice).length;
          expect(hits / voters.length, `accuracy ordering by ${order}`).toBeLessThan(0.6); // chance is 1/3
          expect(rows.filter(({ row }) => organizations.some((org) => row.includes(org))), `organisations readable ordering by ${order}`).toEqual([]);
          if (order === "id") {
            // Rank correlation between the id order and the voting order: near 0 for random ids.
            const rankOf = new Map(voters.map((voter, i) => [voter.voterKey, i]));
            const ranks = rows.map(({ row }) => rankOf.get((JSON.parse(row) as { voterKey: string }).voterKey) ?? 0);
            const n = ranks.length;
            const rho = 1 - (6 * ranks.reduce((sum, rank, i) => sum + (rank - i) ** 2, 0)) / (n * (n * n - 1));
            expect(Math.abs(rho)).toBeLessThan(0.35);
          }
        }
        // The service still counts them right: the repository opens the seals.
        const read = await harness.repo().listBallots(poll.id);
        expect(read.map((b) => [b.voterKey, b.optionIds[0], b.organizationId]).sort()).toEqual(voters.map((v) => [v.voterKey, v.choice, v.organizationId]).sort());
      }, 60_000);
    }
  });
}

let allianceCounter = 0;
const memory = new InMemoryPollRepository();
contract("in-memory", {
  repo: () => memory,
  newAlliance: async () => `alliance-${++allianceCounter}`,
});

for (const target of storageTargets) {
  let db: Database;
  let repo: PrismaPollRepository;
  beforeAll(async () => {
    db = await target.open();
    repo = new PrismaPollRepository(db.prisma, createBallotSealer("test-secret-0123456789abcdef"));
  });
  afterAll(async () => {
    await db?.close();
  });
  contract(`prisma on ${target.name}`, {
    repo: () => repo,
    newAlliance: async () => (await db.prisma.alliance.create({ data: { name: "Test alliance" } })).id,
    db: () => db,
  });
}
