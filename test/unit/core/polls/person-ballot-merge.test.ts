// Ballots cast before the bot knew two memberships were one person (issue 10, "People"): Ann votes
// on Slack and, before her Teams membership's e-mail is verified, on Teams. When the Teams
// membership becomes verified, her two ballots in every open poll become one (the later choice),
// named and anonymous alike; closed polls keep their reported results.
import { beforeEach, describe, expect, it } from "vitest";
import { createPersonDirectory } from "#core/alliance/person.js";
import { MemberService, type ResolveMemberInput } from "#core/alliance/member-service.js";
import { createPersonBallotMerger, pickMergedBallot, type PersonBallotMerger } from "#core/polls/person-ballots.js";
import { createPollService } from "#core/polls/poll-service.js";
import type { PollService } from "#core/polls/poll-service-types.js";
import { createHmacVoterKeyHasher } from "#core/polls/voter-key.js";
import { FixedClock } from "#core/shared/clock.js";
import type { Actor } from "#core/shared/refs.js";
import { seedAnnInTwoSpaces } from "../../../support/person-in-two-spaces.js";
import { InMemoryMemberRepository } from "#storage/memory/in-memory-member-repository.js";
import { InMemoryPollRepository } from "#storage/memory/in-memory-poll-repository.js";
import { allianceServices, memoryStores } from "../../../support/alliance-stores.js";

const T0 = new Date("2026-12-03T10:00:00Z");
const DAY = 86_400_000;
let members: InMemoryMemberRepository;
let polls: InMemoryPollRepository;
let clock: FixedClock;
let service: PollService;
let merge: PersonBallotMerger;
let annSlack: Actor;
let annTeams: Actor;
let bob: Actor;

const actorOf = (memberId: string, organizationId: string): Actor => ({ memberId, allianceId: "a1", organizationId, role: "member" });

beforeEach(async () => {
  let tick = T0.getTime();
  members = new InMemoryMemberRepository(() => new Date((tick += 1000)));
  polls = new InMemoryPollRepository();
  clock = new FixedClock(T0);
  // Ann's Teams membership is not verified yet: until it is, she counts as two people.
  ({ annSlack, annTeams, bob } = await seedAnnInTwoSpaces(members));
  const hasher = createHmacVoterKeyHasher("test-secret-of-enough-length");
  service = createPollService({
    polls,
    clock,
    hasher,
    directory: {
      anonymityThreshold: async () => 3,
      organizations: async () => [
        { id: "org-eng", name: "Engineering" },
        { id: "org-city", name: "City" },
      ],
      memberNames: async () => new Map(),
    },
    persons: createPersonDirectory(members),
  });
  merge = createPersonBallotMerger({ polls, members, hasher, clock });
});

const verifyAnnOnTeams = () => members.updateProfile(annTeams.memberId, { emailVerified: true });

describe("merging one person's ballots after a membership becomes verified", () => {
  for (const anonymous of [false, true]) {
    it(`counts Ann once with her later choice in an open ${anonymous ? "anonymous" : "named"} poll`, async () => {
      const poll = await service.createPoll(annSlack, { question: "Which pilot?", options: ["Dyke", "Pump"], anonymous, forAlliance: true });
      const [dyke, pump] = poll.options;
      await service.castVote(annSlack, poll.id, [dyke!.id]);
      await service.castVote(bob, poll.id, [dyke!.id]);
      clock.advance(DAY);
      await service.castVote(annTeams, poll.id, [pump!.id]);
      expect(await polls.listBallots(poll.id)).toHaveLength(3); // counted twice: the gap this closes

      await verifyAnnOnTeams();
      expect(await merge(annTeams.memberId)).toEqual([poll.id]);

      const ballots = await polls.listBallots(poll.id);
      expect(ballots).toHaveLength(2);
      const results = await service.getResults(null, poll.id);
      expect(results.totalVoters).toBe(2);
      // Her latest choice, on the ballot of her oldest membership, which both memberships now change.
      expect(await service.myChoice(annSlack, poll.id)).toEqual([pump!.id]);
      expect(await service.myChoice(annTeams, poll.id)).toEqual([pump!.id]);
      if (!anonymous) expect(ballots.find((ballot) => ballot.memberId === annSlack.memberId)?.optionIds).toEqual([pump!.id]);
      await service.castVote(annTeams, poll.id, [dyke!.id]);
      expect(await polls.listBallots(poll.id)).toHaveLength(2);
      // Merging again finds nothing left to merge.
      expect(await merge(annTeams.memberId)).toEqual([]);
    });
  }

  it("moves a ballot cast only from the newer membership, so a later vote on Slack changes it instead of adding one", async () => {
    const poll = await service.createPoll(annSlack, { question: "Which pilot?", options: ["Dyke", "Pump"], forAlliance: true });
    const [dyke, pump] = poll.options;
    await service.castVote(annTeams, poll.id, [pump!.id]);
    await verifyAnnOnTeams();
    expect(await merge(annTeams.memberId)).toEqual([poll.id]);
    await service.castVote(annSlack, poll.id, [dyke!.id]);
    const ballots = await polls.listBallots(poll.id);
    expect(ballots.map((ballot) => [ballot.memberId, ballot.optionIds])).toEqual([[annSlack.memberId, [dyke!.id]]]);
  });

  it("leaves closed polls as they were reported, and changes nothing for a member who is a person of their own", async () => {
    const closed = await service.createPoll(annSlack, { question: "Last month?", options: ["Yes", "No"], forAlliance: true });
    await service.castVote(annSlack, closed.id, [closed.options[0]!.id]);
    await service.castVote(annTeams, closed.id, [closed.options[1]!.id]);
    await service.closePoll(annSlack, closed.id);
    // Not verified yet: Ann on Teams is nobody else.
    expect(await merge(annTeams.memberId)).toEqual([]);
    await verifyAnnOnTeams();
    expect(await merge(annTeams.memberId)).toEqual([]);
    expect(await polls.listBallots(closed.id)).toHaveLength(2);
    expect(await merge(bob.memberId)).toEqual([]);
  });

  it("keeps the latest cast ballot, and on the same day the person's own one", () => {
    const ballot = (voterKey: string, day: number) => ({ pollId: "p", voterKey, memberId: null, organizationId: null, optionIds: [voterKey], castOn: new Date(T0.getTime() + day * DAY) });
    expect(pickMergedBallot(ballot("own", 0), [ballot("teams", 1)]).voterKey).toBe("teams");
    expect(pickMergedBallot(ballot("own", 1), [ballot("teams", 0)]).voterKey).toBe("own");
    expect(pickMergedBallot(ballot("own", 0), [ballot("teams", 0), ballot("third", 0)]).voterKey).toBe("own");
    expect(pickMergedBallot(null, [ballot("teams", 0), ballot("third", 0)]).voterKey).toBe("teams");
  });
});

describe("MemberService reports a member whose e-mail became verified", () => {
  const user = (extra: Partial<ResolveMemberInput> = {}): ResolveMemberInput => ({ platform: "teams", workspaceExternalId: "tenant-1", userExternalId: "aad-1", displayName: "Ann", ...extra });

  it("calls back once when the platform vouches for the address, again when a verified address changes, never otherwise", async () => {
    const stores = memoryStores();
    const { allianceService } = allianceServices(stores);
    const verified: string[] = [];
    const memberService = new MemberService({ alliances: stores.alliances, members: stores.members, allianceService, onEmailVerified: async (id) => void verified.push(id) });
    const first = await memberService.resolveMember(user({ email: "ann@acme.example", emailVerified: false }));
    await memberService.resolveMember(user({ email: "ann@acme.example", emailVerified: false }));
    expect(verified).toEqual([]);
    await memberService.resolveMember(user({ email: "ann@acme.example", emailVerified: true }));
    await memberService.resolveMember(user({ email: "ann@acme.example", emailVerified: true }));
    expect(verified).toEqual([first.memberId]);
    await memberService.resolveMember(user({ email: "ann@city.example", emailVerified: true }));
    expect(verified).toEqual([first.memberId, first.memberId]);
  });

  it("calls back when a newcomer's looked-up profile turns out verified (completeProfile)", async () => {
    const stores = memoryStores();
    const { allianceService } = allianceServices(stores);
    const verified: string[] = [];
    const memberService = new MemberService({ alliances: stores.alliances, members: stores.members, allianceService, onEmailVerified: async (id) => void verified.push(id) });
    const newcomer = await memberService.resolveMember(user({ userExternalId: "aad-2" }));
    await memberService.completeProfile(newcomer.memberId, { displayName: "Ann", email: "ann@acme.example", emailVerified: false });
    expect(verified).toEqual([]);
    await memberService.completeProfile(newcomer.memberId, { displayName: "Ann", email: "ann@acme.example", emailVerified: true });
    expect(verified).toEqual([newcomer.memberId]);
  });
});
