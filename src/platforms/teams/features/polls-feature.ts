// Polls in Teams, wired to their handlers: "poll …" (poll-command-handler.ts), the card's buttons
// and the create form (poll-card-actions.ts); the shared cards are brought up to date by the
// coalescer through poll-card-refresh.ts.
import type { TeamsFeature } from "../handlers/feature-types.js";
import { POLL_VERBS } from "../render/poll-card.js";
import { pollCardActions } from "./poll-card-actions.js";
import { pollCommandHandler } from "./poll-command-handler.js";
import type { PollsFeatureDeps } from "./poll-feature-support.js";

export { refreshPostedPoll } from "./poll-card-refresh.js";
export type { PollsFeatureDeps } from "./poll-feature-support.js";

/** poll … and the poll card's buttons. */
export function pollsFeature(deps: PollsFeatureDeps): TeamsFeature {
  return {
    commands: { poll: pollCommandHandler(deps) },
    refreshVerbs: [POLL_VERBS.refresh],
    actions: pollCardActions(deps),
  };
}
