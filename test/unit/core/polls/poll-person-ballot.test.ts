// One person in two spaces (issue 10, "People"): Ann is a member of the Slack workspace and of the
// Teams organisation with the same verified e-mail. She has one ballot per poll — voting on Teams
// changes the ballot she cast on Slack — in named and anonymous polls alike; a member whose e-mail
// is not verified is a person of their own, and reminders reach a person once.
import { beforeEach, describe, expect, it } from "vitest";
import { createPersonDirectory, onePerPerson, personKeyOf } from "#core/alliance/person.js";
import { createPollService } from "#core/polls/poll-service.js";
import type { PollService } from "#core/polls/poll-service-types.js";
import { createHmacVoterKeyHasher } from "#core/polls/voter-key.js";
import { FixedClock } from "#core/shared/clock.js";
import type { Actor } from "#core/shared/refs.js";
import { InMemoryMemberRepository } from "#storage/memory/in-memory-member-repository.js";
import { InMemoryPollRepository } from "#storage/memory/in-memory-poll-repository.js";

const T0 = new Date("2026-12-03T10:00:00Z");
let members: InMemoryMemberRepository;
let polls: InMemoryPollRepository;
let service: PollService;
let annSlack: Actor;
let annTeams: Actor;
let bobTeams: Actor;

const actorOf = (memberId: string, organizationId: string): Actor => ({ memberId, allianceId: "a1", organizationId, role: "member" });

beforeEach(async () => {
  let tick = T0.getTime();
  members = new InMemoryMemberRepository(() => new Date((tick += 1000)));
  polls = new InMemoryPollRepository();
  const base = { allianceId: "a1", displayName: "Ann", organizationId: "org-a", locale: null, timezone: null };
  const slack = await members.createIfAbsent({ ...base, workspaceId: "w-slack", externalId: "U1", email: "ann@acme.example", emailVerified: true });
  const teams = await members.createIfAbsent({ ...base, workspaceId: "w-teams", externalId: "aad-1", email: "ANN@acme.example", emailVerified: true });
  // Bob typed the same address somewhere unverified: he is not Ann.
  const bob = await members.createIfAbsent({ ...base, displayName: "Bob", workspaceId: "w-teams", externalId: "aad-2", email: "ann@acme.example", emailVerified: false });
  annSlack = actorOf(slack.member.id, "org-a");
  annTeams = actorOf(teams.member.id, "org-a");
  bobTeams = actorOf(bob.member.id, "org-a");
  service = createPollService({
    polls,
    clock: new FixedClock(T0),
    hasher: createHmacVoterKeyHasher("test-secret-of-enough-length"),
    directory: { anonymityThreshold: async () => 3, organizations: async () => [{ id: "org-a", name: "Acme" }], memberNames: async () => new Map() },
    persons: createPersonDirectory(members),
  });
});

describe("one person in two spaces votes with one ballot", () => {
  for (const anonymous of [false, true]) {
    it(`changes the same ballot from the second space (${anonymous ? "anonymous" : "named"} poll)`, async () => {
      const poll = await service.createPoll(annSlack, { question: "Which pilot?", options: ["Dyke", "Pump"], anonymous, forAlliance: true });
      const [dyke, pump] = poll.options;
      await service.castVote(annSlack, poll.id, [dyke!.id]);
      const second = await service.castVote(annTeams, poll.id, [pump!.id]);
      expect(second).toMatchObject({ changed: true, replaced: true });
      const ballots = await polls.listBallots(poll.id);
      expect(ballots).toHaveLength(1);
      expect(ballots[0]!.optionIds).toEqual([pump!.id]);
      // Named ballots are the oldest membership's; anonymous ones name nobody.
      expect(ballots[0]!.memberId).toBe(anonymous ? null : annSlack.memberId);
      // Both memberships see her one choice.
      expect(await service.myChoice(annSlack, poll.id)).toEqual([pump!.id]);
      expect(await service.myChoice(annTeams, poll.id)).toEqual([pump!.id]);
      // Bob's address is not verified: his vote is his own.
      await service.castVote(bobTeams, poll.id, [dyke!.id]);
      expect((await service.getResults(annSlack, poll.id)).totalVoters).toBe(2);
    });
  }

  it("changes a multiple-choice ballot from either space atomically", async () => {
    const poll = await service.createPoll(annSlack, { question: "Which days?", options: ["Mon", "Tue", "Wed"], mode: "multiple", maxChoices: 3 });
    const [mon, tue] = poll.options;
    await service.changeChoice(annSlack, poll.id, { select: [mon!.id], unselect: [] });
    await service.changeChoice(annTeams, poll.id, { select: [tue!.id], unselect: [] });
    expect((await polls.listBallots(poll.id)).map((b) => b.optionIds)).toEqual([[mon!.id, tue!.id]]);
  });

  it("reminds a person once, and not at all when they voted in the other space", async () => {
    const poll = await service.createPoll(annSlack, { question: "Named?", options: ["Yes", "No"] });
    const everyone = [annSlack.memberId, annTeams.memberId, bobTeams.memberId];
    expect(await service.nonVoters(poll.id, everyone)).toEqual([annSlack.memberId, bobTeams.memberId]);
    await service.castVote(annTeams, poll.id, [poll.options[0]!.id]);
    expect(await service.nonVoters(poll.id, everyone)).toEqual([bobTeams.memberId]);
  });

  it("keeps one member per person, the oldest, for pulse invitations", async () => {
    const listed = await members.list("a1");
    expect(onePerPerson(listed).map((m) => m.id)).toEqual([annSlack.memberId, bobTeams.memberId]);
    expect(personKeyOf({ id: "m9", email: " Ann@Acme.example", emailVerified: true })).toBe("email:ann@acme.example");
    expect(personKeyOf({ id: "m9", email: "ann@acme.example", emailVerified: false })).toBe("member:m9");
  });
});
