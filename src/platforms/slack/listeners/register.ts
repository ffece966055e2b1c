// Registers every feature's listeners on the Bolt App. Each feature module follows the same four
// steps: ack at once → parse with zod → call the core service → render; slow work after the ack.
import type { App } from "@slack/bolt";
import type { Clock } from "../../../core/shared/clock.js";
import type { Logger } from "../../../logger.js";
import type { SlackMessenger } from "../transport/slack-messenger.js";

/** The core services and adapters the Slack listeners use. */
export interface SlackFeatureDeps {
  messenger: SlackMessenger;
  logger: Logger;
  clock: Clock;
  /** Called on shutdown (e.g. to flush coalesced poll updates). */
  onStop?: () => Promise<void>;
}

/** Adds all feature listeners to `app`. */
export function registerFeatureListeners(_app: App, _deps: SlackFeatureDeps): void {
  // features are added here as the core services land
}
