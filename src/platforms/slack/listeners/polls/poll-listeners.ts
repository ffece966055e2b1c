// /poll, the poll modal and the poll message's buttons. This file only wires ids to handlers; each
// handler is a named function in its own file. Every handler acks first (the modal after its fast
// validation); creating, voting and exporting happen after the ack and answer privately.
import type { App } from "@slack/bolt";
import type { PollService } from "#core/polls/poll-service-types.js";
import { ACTION, MODAL } from "../../ids.js";
import type { PollPublisher } from "../../services/poll-publisher.js";
import type { SlackListenerContext } from "../listener-context.js";
import { registerSlashCommand } from "../slash-command.js";
import { pollCloseHandler, pollExportHandler, pollResultsHandler } from "./poll-button-handlers.js";
import { pollCommandHandler, pollModalSubmitHandler } from "./poll-create-handlers.js";
import type { PollHandlerDeps } from "./poll-handler-deps.js";
import { pollRemindHandler } from "./poll-remind-handler.js";
import { pollVoteHandler } from "./poll-vote-handler.js";

/** Registers /poll and the poll interactions. */
export function registerPollListeners(app: App, ctx: SlackListenerContext, polls: PollService, publisher: PollPublisher): void {
  const deps: PollHandlerDeps = { ctx, polls, publisher };
  registerSlashCommand(app, ctx, "/poll", pollCommandHandler(deps));
  app.view(MODAL.pollCreate, pollModalSubmitHandler(deps));
  app.action(ACTION.pollVote, pollVoteHandler(deps));
  app.action(ACTION.pollClose, pollCloseHandler(deps));
  app.action(ACTION.pollResults, pollResultsHandler(deps));
  app.action(ACTION.pollRemind, pollRemindHandler(deps));
  app.action(ACTION.pollExport, pollExportHandler(deps));
}
