// Small builders for poll unit tests.
import type { Poll, PollBallot } from "#core/polls/poll.js";

/** A poll with options o0..o{n-1}. */
export function pollWith(optionCount: number, overrides: Partial<Poll> = {}): Poll {
  return {
    id: "p1",
    allianceId: "a1",
    question: "What matters most?",
    mode: "single",
    maxChoices: 1,
    anonymous: true,
    visibility: "live",
    status: "open",
    closesAt: null,
    closedAt: null,
    recurrence: null,
    templateKey: null,
    createdById: "creator",
    message: null,
    forAlliance: false,
    copies: [],
    createdAt: new Date("2026-03-01T00:00:00Z"),
    options: Array.from({ length: optionCount }, (_, position) => ({ id: `o${position}`, position, label: `Option ${position}` })),
    ...overrides,
  };
}

/** `count` ballots from `organizationId` all choosing `optionIds`. */
export function ballots(count: number, organizationId: string | null, optionIds: string[]): PollBallot[] {
  return Array.from({ length: count }, (_, i) => ({
    pollId: "p1",
    voterKey: `a:${organizationId}-${optionIds.join("+")}-${i}-${Math.random()}`,
    memberId: null,
    organizationId,
    optionIds,
    castOn: new Date("2026-03-02T00:00:00Z"),
  }));
}
