// The columns of a new poll as both repositories store them (in memory and Prisma): named once so
// that a new column is added in one place, and explicitly, so that nothing else a caller put on
// the draft object reaches the database.
import type { NewPoll } from "#core/polls/poll.js";

export function newPollColumns(draft: NewPoll): Omit<NewPoll, "options"> {
  return {
    allianceId: draft.allianceId,
    question: draft.question,
    mode: draft.mode,
    maxChoices: draft.maxChoices,
    anonymous: draft.anonymous,
    visibility: draft.visibility,
    closesAt: draft.closesAt,
    recurrence: draft.recurrence,
    templateKey: draft.templateKey,
    createdById: draft.createdById,
    forAlliance: draft.forAlliance,
    createdAt: draft.createdAt,
  };
}
