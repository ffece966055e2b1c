// What every poll handler needs: the listener context, the core poll service and the publisher
// that posts and updates poll messages; and the frame every poll-message button shares.
import type { RespondFn } from "@slack/bolt";
import type { PollService } from "#core/polls/poll-service-types.js";
import type { PollPublisher } from "../../services/poll-publisher.js";
import { buttonActionSchema, entityIdValue } from "../../payloads.js";
import type { SlackActor } from "../../session/slack-actor.js";
import { afterAckAsMember, interactionIdentity } from "../common.js";
import type { ActionHandler } from "../handler-args.js";
import type { SlackListenerContext } from "../listener-context.js";

export interface PollHandlerDeps {
  ctx: SlackListenerContext;
  polls: PollService;
  publisher: PollPublisher;
}

/** What a poll button does, as the member who pressed it, once acked. */
export type PollButtonWork = (actor: SlackActor, pollId: string, respond: RespondFn) => Promise<void>;

/** A poll-message button: ack at once, read the poll id from the button, then `work` after the ack. */
export function pollButtonHandler(ctx: SlackListenerContext, work: PollButtonWork): ActionHandler {
  return async ({ ack, body, action, respond, client }) => {
    await ack();
    const pollId = entityIdValue.parse(buttonActionSchema.parse(action).value);
    await afterAckAsMember(ctx, respond, () => interactionIdentity(body), client, (actor) => work(actor, pollId, respond));
  };
}
