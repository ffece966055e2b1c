import { describe, expect, it } from "vitest";
import { FixedClock } from "#core/shared/clock.js";
import type { Actor } from "#core/shared/refs.js";
import { createPollPersonalDataSource } from "#core/polls/poll-personal-data.js";
import { createPollService } from "#core/polls/poll-service.js";
import { createHmacVoterKeyHasher } from "#core/polls/voter-key.js";
import { InMemoryPollRepository } from "#storage/memory/in-memory-poll-repository.js";

const member: Actor = { memberId: "m1", allianceId: "a1", organizationId: "o1", role: "member" };

async function setup() {
  const polls = new InMemoryPollRepository();
  const service = createPollService({
    polls,
    clock: new FixedClock(new Date("2026-03-02T10:00:00Z")),
    hasher: createHmacVoterKeyHasher("secret-for-personal-data-tests"),
    directory: { anonymityThreshold: async () => 5, organizations: async () => [], memberNames: async () => new Map() },
  });
  const named = await service.createPoll(member, { question: "Named?", options: ["Yes", "No"] });
  const anonymous = await service.createPoll(member, { question: "Secret?", options: ["Yes", "No"], anonymous: true });
  await service.castVote(member, named.id, [named.options[1]?.id as string]);
  await service.castVote(member, anonymous.id, [anonymous.options[0]?.id as string]);
  return { polls, named, anonymous, source: createPollPersonalDataSource(polls) };
}

describe("poll personal data", () => {
  it("exports the member's named ballots only", async () => {
    const { source, named } = await setup();
    const sections = await source.exportFor({ memberId: "m1", allianceId: "a1" });
    expect(sections).toEqual([
      { key: "polls.namedBallots", records: [{ pollId: named.id, question: "Named?", choices: ["No"], votedOn: "2026-03-02", pollStatus: "open" }] },
    ]);
  });
  it("unlinks named ballots on erasure and keeps every vote counted", async () => {
    const { source, polls, named, anonymous } = await setup();
    await source.eraseFor({ memberId: "m1", allianceId: "a1" });
    await source.eraseFor({ memberId: "m1", allianceId: "a1" });
    expect((await source.exportFor({ memberId: "m1", allianceId: "a1" }))[0]?.records).toEqual([]);
    expect(await polls.listBallots(named.id)).toMatchObject([{ memberId: null }]);
    expect(await polls.listBallots(anonymous.id)).toHaveLength(1);
  });
});
