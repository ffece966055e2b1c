// What every poll handler needs: the listener context, the core poll service and the publisher
// that posts and updates poll messages.
import type { PollService } from "../../../../core/polls/poll-service-types.js";
import type { PollPublisher } from "../../services/poll-publisher.js";
import type { SlackListenerContext } from "../listener-context.js";

export interface PollHandlerDeps {
  ctx: SlackListenerContext;
  polls: PollService;
  publisher: PollPublisher;
}
