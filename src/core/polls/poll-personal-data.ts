/**
 * Polls' part of "my data" and "forget me" (DESIGN.md §2.6): named ballots are exported and, on
 * erasure, unlinked (the vote still counts, nobody can tell whose it was). Anonymous ballots hold
 * no member id, so they can be neither exported nor found, which the export states.
 */
import type { PersonalDataSource, PersonalRecord } from "../alliance/personal-data.js";
import type { PollRepository } from "./poll-repository.js";

/** The polls PersonalDataSource for the privacy service. */
export function createPollPersonalDataSource(polls: PollRepository): PersonalDataSource {
  return {
    feature: "polls",
    async exportFor(subject) {
      const ballots = await polls.listNamedBallotsOf(subject.memberId, subject.allianceId);
      const records: PersonalRecord[] = [];
      for (const ballot of ballots) {
        const poll = await polls.get(ballot.pollId);
        if (poll === null) continue;
        const labels = new Map(poll.options.map((option) => [option.id, option.label]));
        records.push({
          pollId: poll.id,
          question: poll.question,
          choices: ballot.optionIds.map((id) => labels.get(id) ?? id),
          votedOn: ballot.castOn.toISOString().slice(0, 10),
          pollStatus: poll.status,
        });
      }
      return [{ key: "polls.namedBallots", records }];
    },
    async eraseFor(subject) {
      await polls.unlinkMember(subject.memberId, subject.allianceId);
    },
  };
}
