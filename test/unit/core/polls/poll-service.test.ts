import { beforeEach, describe, expect, it } from "vitest";
import { FixedClock } from "#core/shared/clock.js";
import { isDomainError } from "#core/shared/errors.js";
import type { Actor } from "#core/shared/refs.js";
import { createPollService } from "#core/polls/poll-service.js";
import type { PollDirectory, PollService } from "#core/polls/poll-service-types.js";
import { createHmacVoterKeyHasher } from "#core/polls/voter-key.js";
import { InMemoryPollRepository } from "#storage/memory/in-memory-poll-repository.js";

const T0 = new Date("2026-03-02T10:15:00Z");
const HOUR = 3_600_000;
const actor = (memberId: string, organizationId: string | null = "org-a", role: Actor["role"] = "member"): Actor => ({
  memberId,
  allianceId: "alliance-1",
  organizationId,
  role,
});
const creator = actor("creator");
const admin = actor("admin", "org-a", "admin");
const steering = actor("chair", "org-b", "steering");

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect(isDomainError(error) ? error.code : error).toBe(code);
    return;
  }
  throw new Error(`expected ${code}, but it succeeded`);
}

let repo: InMemoryPollRepository;
let clock: FixedClock;
let service: PollService;
const directory: PollDirectory = {
  anonymityThreshold: async () => 3,
  organizations: async () => [
    { id: "org-a", name: "Acme" },
    { id: "org-b", name: "Bolt" },
  ],
  memberNames: async (ids) => new Map(ids.filter((id) => id !== "gone").map((id) => [id, `Name of ${id}`])),
};

beforeEach(() => {
  repo = new InMemoryPollRepository();
  clock = new FixedClock(T0);
  service = createPollService({ polls: repo, clock, hasher: createHmacVoterKeyHasher("test-secret-of-enough-length"), directory });
});

const newPoll = (overrides: Record<string, unknown> = {}) =>
  service.createPoll(creator, { question: "Lunch?", options: ["Pizza", "Salad", "Soup"], closesAt: new Date(T0.getTime() + 24 * HOUR), ...overrides });

describe("createPoll", () => {
  it("stores a validated poll for the creator's alliance", async () => {
    const poll = await newPoll({ anonymous: true, visibility: "after_close" });
    expect(poll).toMatchObject({ allianceId: "alliance-1", createdById: "creator", status: "open", anonymous: true, visibility: "after_close" });
    expect(poll.options.map((o) => o.label)).toEqual(["Pizza", "Salad", "Soup"]);
  });
  it("refuses a deadline in the past and writes nothing", async () => {
    await expectCode(newPoll({ closesAt: new Date(T0.getTime() - 1) }), "POLL_DEADLINE_IN_PAST");
    expect(await repo.listByAlliance("alliance-1")).toEqual([]);
  });
  it("creates the brief's poll from its template in Dutch, remembering the template", async () => {
    const poll = await service.createPollFromTemplate(creator, "collaboration-priorities", "nl");
    expect(poll.question).toBe("Wat is voor jou het belangrijkste bij samenwerken met andere organisaties?");
    expect(poll.options.map((o) => o.label)).toEqual(["Vertrouwen", "Betrouwbaarheid", "Transparantie", "Wederkerigheid", "Duidelijke afspraken"]);
    expect(poll).toMatchObject({ templateKey: "collaboration-priorities", anonymous: true, mode: "single" });
    await expectCode(service.createPollFromTemplate(creator, "nope", "en"), "POLL_UNKNOWN_TEMPLATE");
  });
  it("copies a recurring poll into a fresh open instance without the rule", async () => {
    const source = await newPoll({ recurrence: "0 9 * * MON", closesAt: null, anonymous: true });
    const instance = await service.createRecurringInstance(source.id, new Date(T0.getTime() + 48 * HOUR));
    expect(instance).toMatchObject({ question: "Lunch?", anonymous: true, recurrence: null, status: "open", createdById: "creator" });
    expect(instance.id).not.toBe(source.id);
  });
  it("makes one instance per run: asking again for the same minute returns it, even past its deadline", async () => {
    const source = await newPoll({ recurrence: "0 9 * * MON", closesAt: null });
    const runAt = new Date(T0.getTime() + HOUR);
    const first = await service.createRecurringInstance(source.id, new Date(T0.getTime() + 2 * HOUR), runAt);
    clock.set(new Date(T0.getTime() + 3 * HOUR)); // the deadline has passed by the retry
    const again = await service.createRecurringInstance(source.id, new Date(T0.getTime() + 2 * HOUR), runAt);
    expect(again).toEqual(first);
    const next = await service.createRecurringInstance(source.id, null, new Date(runAt.getTime() + 7 * 24 * HOUR));
    expect(next.id).not.toBe(first.id);
    expect((await repo.listByAlliance(source.allianceId)).filter((p) => p.id !== source.id)).toHaveLength(2);
  });
});

describe("castVote", () => {
  it("records one ballot per person and lets them change it until close", async () => {
    const poll = await newPoll();
    const [pizza, salad] = poll.options.map((o) => o.id) as [string, string];
    const first = await service.castVote(actor("v1"), poll.id, [pizza]);
    const twice = await service.castVote(actor("v1"), poll.id, [pizza]);
    const changed = await service.castVote(actor("v1"), poll.id, [salad]);
    expect([first.changed, first.replaced]).toEqual([true, false]);
    expect([twice.changed, twice.replaced]).toEqual([false, false]);
    expect([changed.changed, changed.replaced]).toEqual([true, true]);
    expect(await repo.listBallots(poll.id)).toHaveLength(1);
    expect(await service.myChoice(actor("v1"), poll.id)).toEqual([salad]);
  });

  it("stores an anonymous ballot with a keyed hash, no member id and only the day", async () => {
    const poll = await newPoll({ anonymous: true });
    clock.set(new Date("2026-03-02T17:45:12Z"));
    const { ballot } = await service.castVote(actor("v1"), poll.id, [poll.options[0]?.id as string]);
    expect(ballot.memberId).toBeNull();
    expect(ballot.voterKey).toMatch(/^a:[0-9a-f]{64}$/);
    expect(ballot.voterKey).not.toContain("v1");
    expect(ballot.castOn.toISOString()).toBe("2026-03-02T00:00:00.000Z");
    expect(ballot.organizationId).toBe("org-a");
  });

  it("stores a named ballot under the member id", async () => {
    const poll = await newPoll();
    const { ballot } = await service.castVote(actor("v1"), poll.id, [poll.options[0]?.id as string]);
    expect(ballot).toMatchObject({ memberId: "v1", voterKey: "m:v1" });
  });

  it("refuses votes on a closed poll and past the deadline with POLL_CLOSED", async () => {
    const poll = await newPoll();
    const option = [poll.options[0]?.id as string];
    clock.advance(24 * HOUR);
    await expectCode(service.castVote(actor("v1"), poll.id, option), "POLL_CLOSED");
    const other = await newPoll({ closesAt: null });
    await service.closePoll(creator, other.id);
    await expectCode(service.castVote(actor("v1"), other.id, [other.options[0]?.id as string]), "POLL_CLOSED");
  });

  it("refuses a vote on a poll another instance closed, though this one read the poll moments before", async () => {
    const poll = await newPoll({ closesAt: null, mode: "multiple", maxChoices: 3 });
    const [pizza, salad] = poll.options.map((o) => o.id) as [string, string];
    await service.castVote(actor("v1"), poll.id, [pizza]); // this instance now holds the open poll
    const otherInstance = createPollService({ polls: repo, clock, hasher: createHmacVoterKeyHasher("test-secret-of-enough-length"), directory });
    await otherInstance.closePoll(creator, poll.id);
    await expectCode(service.castVote(actor("v2"), poll.id, [pizza]), "POLL_CLOSED");
    await expectCode(service.changeChoice(actor("v1"), poll.id, { select: [salad], unselect: [] }), "POLL_CLOSED");
    expect((await repo.listBallots(poll.id)).map((b) => b.memberId)).toEqual(["v1"]);
  });

  it("refuses too many choices, unknown options and another alliance's poll", async () => {
    const poll = await newPoll({ mode: "multiple", maxChoices: 2 });
    const ids = poll.options.map((o) => o.id);
    await expectCode(service.castVote(actor("v1"), poll.id, ids), "POLL_TOO_MANY_CHOICES");
    await expectCode(service.castVote(actor("v1"), poll.id, ["bogus"]), "POLL_UNKNOWN_OPTION");
    const stranger: Actor = { memberId: "x", allianceId: "alliance-2", organizationId: null, role: "admin" };
    await expectCode(service.castVote(stranger, poll.id, [ids[0] as string]), "NOT_FOUND");
    await expectCode(service.getResults(stranger, poll.id), "NOT_FOUND");
  });
});

describe("changeChoice (a click that says what the voter wants)", () => {
  it("adds and takes away options on the stored choice; repeating a click changes nothing", async () => {
    const poll = await newPoll({ mode: "multiple", maxChoices: 3 });
    const [a, b, c] = poll.options.map((o) => o.id) as [string, string, string];
    await service.changeChoice(actor("v1"), poll.id, { select: [b], unselect: [] });
    const twice = await Promise.all([0, 1].map(() => service.changeChoice(actor("v1"), poll.id, { select: [a], unselect: [] })));
    expect(twice.map((r) => r.changed).sort()).toEqual([false, true]);
    expect(await service.myChoice(actor("v1"), poll.id)).toEqual([a, b]);
    await service.changeChoice(actor("v1"), poll.id, { select: [c], unselect: [a] });
    expect(await service.myChoice(actor("v1"), poll.id)).toEqual([b, c]);
    await expectCode(service.changeChoice(actor("v1"), poll.id, { select: [], unselect: [b, c] }), "POLL_NO_CHOICE");
    await expectCode(service.changeChoice(actor("v1"), poll.id, { select: ["bogus"], unselect: [] }), "POLL_UNKNOWN_OPTION");
  });

  it("replaces the choice on a single-choice poll", async () => {
    const poll = await newPoll();
    const [a, b] = poll.options.map((o) => o.id) as [string, string];
    await service.changeChoice(actor("v1"), poll.id, { select: [a], unselect: [] });
    expect((await service.changeChoice(actor("v1"), poll.id, { select: [b], unselect: [a] })).replaced).toBe(true);
    expect(await service.myChoice(actor("v1"), poll.id)).toEqual([b]);
  });
});

describe("live figures of an anonymous poll", () => {
  it("do not move after a lone vote: they change in steps of at least k new voters, and in full at close", async () => {
    const poll = await newPoll({ anonymous: true, visibility: "live" });
    const [pizza, salad] = poll.options.map((o) => o.id) as [string, string];
    const counts = async () => (await service.getResults(null, poll.id)).tally?.options.map((o) => o.count);
    for (const voter of ["v1", "v2", "v3"]) await service.castVote(actor(voter), poll.id, [pizza]);
    expect(await counts()).toEqual([3, 0, 0]); // k = 3 reached: published
    await service.castVote(actor("lone"), poll.id, [salad]);
    const afterLoneVote = await service.getResults(null, poll.id);
    expect(afterLoneVote.tally?.options.map((o) => o.count)).toEqual([3, 0, 0]); // the lone Salad vote does not show
    expect(afterLoneVote).toMatchObject({ totalVoters: 4, figuresAsOf: 3 });
    expect(afterLoneVote.tally).toMatchObject({ organizations: [], hiddenOrganizations: [] }); // per organisation: at close
    await service.castVote(actor("v1"), poll.id, [salad]); // a changed vote waits for the next step too
    await service.castVote(actor("v5"), poll.id, [pizza]);
    expect(await counts()).toEqual([3, 0, 0]);
    await service.castVote(actor("v6"), poll.id, [pizza]);
    expect(await counts()).toEqual([4, 2, 0]); // 6 ≥ 3 + k: the next step, with everything since
    expect((await service.getResults(steering, poll.id)).figuresAsOf).toBe(6);
    await service.castVote(actor("v7"), poll.id, [salad]);
    await service.closePoll(creator, poll.id);
    const closed = await service.getResults(null, poll.id);
    expect(closed).toMatchObject({ figuresAsOf: null, totalVoters: 7 });
    expect(closed.tally?.organizations.map((o) => [o.organizationId, o.voters])).toEqual([["org-a", 7]]);
    expect(await counts()).toEqual([4, 3, 0]);
  });

  it("leave named polls live vote by vote", async () => {
    const poll = await newPoll({ anonymous: false, visibility: "live" });
    const [pizza, salad] = poll.options.map((o) => o.id) as [string, string];
    for (const voter of ["v1", "v2", "v3"]) await service.castVote(actor(voter), poll.id, [pizza]);
    await service.castVote(actor("v4"), poll.id, [salad]);
    expect((await service.getResults(null, poll.id)).tally?.options.map((o) => o.count)).toEqual([3, 1, 0]);
  });
});

describe("closePoll and closeExpired", () => {
  it("lets the creator or an admin close, not another member before the deadline", async () => {
    const poll = await newPoll();
    await expectCode(service.closePoll(actor("someone"), poll.id), "FORBIDDEN");
    expect((await service.closePoll(admin, poll.id)).changed).toBe(true);
    expect((await service.closePoll(creator, poll.id)).changed).toBe(false);
  });
  it("lets anyone close once the deadline has passed", async () => {
    const poll = await newPoll();
    clock.advance(24 * HOUR);
    expect((await service.closePoll(actor("someone"), poll.id)).poll.status).toBe("closed");
  });
  it("closes expired polls once, at their deadline", async () => {
    const due = await newPoll({ closesAt: new Date(T0.getTime() + HOUR) });
    await newPoll({ closesAt: new Date(T0.getTime() + 5 * HOUR) });
    const now = new Date(T0.getTime() + 2 * HOUR);
    expect((await service.listDue(now)).map((p) => p.id)).toEqual([due.id]);
    const closed = await service.closeExpired(now);
    expect(closed.map((p) => p.id)).toEqual([due.id]);
    expect(closed[0]?.closedAt?.toISOString()).toBe(new Date(T0.getTime() + HOUR).toISOString());
    expect(await service.closeExpired(now)).toEqual([]);
  });
});

describe("getResults", () => {
  async function votedPoll(overrides: Record<string, unknown>) {
    const poll = await newPoll({ closesAt: null, ...overrides });
    const [pizza, salad] = poll.options.map((o) => o.id) as [string, string];
    for (const id of ["a1", "a2", "a3"]) await service.castVote(actor(id, "org-a"), poll.id, [pizza]);
    for (const id of ["b1", "b2", "b3", "b4"]) await service.castVote(actor(id, "org-b"), poll.id, [salad]);
    return poll;
  }

  it("shows live results of an anonymous poll overall while open, and the per-organisation breakdown at k once closed", async () => {
    const poll = await votedPoll({ visibility: "live", anonymous: true });
    const live = await service.getResults(null, poll.id);
    expect(live.hiddenReason).toBeNull();
    expect(live.tally?.options.map((o) => o.count)).toEqual([3, 4, 0]);
    expect(live.tally?.organizations).toEqual([]);
    await service.closePoll(creator, poll.id);
    const results = await service.getResults(null, poll.id);
    expect(results.tally?.organizations.map((o) => [o.organizationId, o.voters])).toEqual([
      ["org-a", 3],
      ["org-b", 4],
    ]);
    expect(results.organizationNames).toEqual({ "org-a": "Acme", "org-b": "Bolt" });
  });

  it("hides after-close results from everyone, the creator included, until the poll closes", async () => {
    const poll = await votedPoll({ visibility: "after_close" });
    for (const viewer of [null, creator, admin, steering]) {
      const results = await service.getResults(viewer, poll.id);
      expect(results.hiddenReason).toBe("after_close");
      expect(results.tally).toBeNull();
      expect(results.totalVoters).toBe(7);
    }
    await service.closePoll(creator, poll.id);
    expect((await service.getResults(null, poll.id)).tally?.totalVoters).toBe(7);
  });

  it("shows steering-only results to steering and admins only", async () => {
    const poll = await votedPoll({ visibility: "steering" });
    expect((await service.getResults(null, poll.id)).hiddenReason).toBe("steering_only");
    expect((await service.getResults(creator, poll.id)).hiddenReason).toBe("steering_only");
    expect((await service.getResults(steering, poll.id)).tally?.totalVoters).toBe(7);
    expect((await service.getResults(admin, poll.id)).tally?.totalVoters).toBe(7);
  });
});

describe("nonVoters", () => {
  it("lists eligible members of a named poll who have not voted", async () => {
    const poll = await newPoll();
    await service.castVote(actor("v1"), poll.id, [poll.options[0]?.id as string]);
    expect(await service.nonVoters(poll.id, ["v1", "v2", "v3", "v2"])).toEqual(["v2", "v3"]);
  });
  it("refuses for an anonymous poll, which does not know who voted", async () => {
    const poll = await newPoll({ anonymous: true });
    await expectCode(service.nonVoters(poll.id, ["v1"]), "POLL_ANONYMOUS_VOTERS_UNKNOWN");
  });
});

describe("exportCsv", () => {
  it("exports aggregates only for an anonymous poll: no voter, organisation-day or per-ballot row", async () => {
    const poll = await newPoll({ anonymous: true });
    for (const id of ["v1", "v2", "v3"]) await service.castVote(actor(id, "org-a"), poll.id, [poll.options[0]?.id as string]);
    const csv = await service.exportCsv(creator, poll.id, "en");
    expect(csv.csv).not.toMatch(/v1|v2|v3|a:[0-9a-f]/);
    expect(csv.rows.slice(1).every((row) => row[0] !== "Vote")).toBe(true);
    expect(csv.rows).toContainEqual(["Overall", "", "Pizza", "3", "100.0", ""]);
  });
  it("exports one row per ballot with names for a named poll", async () => {
    const poll = await newPoll();
    await service.castVote(actor("v1", "org-a"), poll.id, [poll.options[1]?.id as string]);
    await service.castVote(actor("gone", null), poll.id, [poll.options[0]?.id as string]);
    const csv = await service.exportCsv(admin, poll.id, "en");
    expect(csv.rows).toContainEqual(["Vote", "Acme", "Salad", "", "", "Name of v1"]);
    expect(csv.rows).toContainEqual(["Vote", "organisation unknown", "Pizza", "", "", "former member"]);
  });
  it("is for the creator, steering and admins, and only once results are visible to them", async () => {
    const poll = await newPoll({ visibility: "after_close" });
    await expectCode(service.exportCsv(actor("someone"), poll.id, "en"), "FORBIDDEN");
    await expectCode(service.exportCsv(creator, poll.id, "en"), "POLL_RESULTS_HIDDEN");
  });
});

describe("recordMessage", () => {
  it("remembers where the poll was posted", async () => {
    const poll = await newPoll();
    await service.recordMessage(poll.id, { workspaceId: "w", conversationId: "C1", messageId: "123.456" });
    expect((await service.getPoll(creator, poll.id)).message).toEqual({ workspaceId: "w", conversationId: "C1", messageId: "123.456" });
    await expectCode(service.recordMessage("missing", { workspaceId: "w", conversationId: "C1", messageId: "1" }), "NOT_FOUND");
  });
});
