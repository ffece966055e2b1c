// /commit and the commitment buttons and forms. This file only wires ids to handlers; each handler
// is a named function in its own file (commit-*-handler.ts).
import type { App } from "@slack/bolt";
import type { CommitmentService } from "#core/commitments/commitment-service.js";
import { MODAL } from "../../ids.js";
import type { SlackListenerContext } from "../listener-context.js";
import { registerSlashCommand } from "../slash-command.js";
import { commitButtonHandler } from "./commit-button-handler.js";
import { commitCommandHandler } from "./commit-command-handler.js";
import { commitCreateModalHandler } from "./commit-create-modal-handler.js";
import { commitFollowUpHandler } from "./commit-follow-up-handler.js";
import type { CommitHandlerDeps } from "./commit-handler-support.js";

/** Registers /commit and its interactions. */
export function registerCommitListeners(app: App, ctx: SlackListenerContext, commitments: CommitmentService): void {
  const deps: CommitHandlerDeps = { ctx, commitments };
  registerSlashCommand(app, ctx, "/commit", commitCommandHandler(deps));
  app.view(MODAL.commitmentCreate, commitCreateModalHandler(deps));
  app.action(/^commitment\./, commitButtonHandler(deps));
  app.view(MODAL.commitmentRenegotiate, commitFollowUpHandler(deps));
}
