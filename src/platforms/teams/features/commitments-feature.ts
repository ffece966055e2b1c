// "commit …" and the buttons on commitment cards, wired to their handlers: the command in
// commit-command-handler.ts, the card buttons and the create form in commitment-card-actions.ts.
import type { Clock } from "#core/shared/clock.js";
import type { Logger } from "#src/logger.js";
import type { TeamsFeature } from "../handlers/feature-types.js";
import type { TeamsServices } from "../teams-services.js";
import type { TeamsConnector } from "../transport/teams-connector.js";
import { commitCommandHandler } from "./commit-command-handler.js";
import { commitmentCardActions } from "./commitment-card-actions.js";
import { COMMITMENT_CARD_VIEW_VERB, COMMITMENT_CONFIRM_VIEW_VERB, type CommitmentsFeatureDeps } from "./commitment-feature-support.js";

/** commit … and the commitment buttons. */
export function commitmentsFeature(services: TeamsServices, connector: TeamsConnector, clock: Clock, logger?: Pick<Logger, "warn">): TeamsFeature {
  const deps: CommitmentsFeatureDeps = { services, connector, clock, logger };
  return {
    refreshVerbs: [COMMITMENT_CARD_VIEW_VERB, COMMITMENT_CONFIRM_VIEW_VERB],
    commands: { commit: commitCommandHandler(deps) },
    actions: commitmentCardActions(deps),
  };
}
