// /trust health | setup | steering | culture | my-data | forget-me | link | unlink | help — one command for the
// alliance-level things. Subcommand words work in English and Dutch.
import type { App } from "@slack/bolt";
import { ACTION, MODAL } from "../../ids.js";
import type { SlackListenerContext } from "../listener-context.js";
import { registerSlashCommand } from "../slash-command.js";
import { registerCultureFlow } from "./culture-flow.js";
import { registerHealthShare } from "./health-flow.js";
import { registerLinkFlow } from "./link-flow.js";
import { approveOrganizationHandler, chooseOrganizationHandler, chooseOrganizationSubmitHandler } from "./org-choice-handlers.js";
import { registerPrivacyFlow } from "./privacy-flow.js";
import { registerSetupFlow } from "./setup-flow.js";
import { trustCommandHandler } from "./trust-command-handler.js";

/** Registers /trust and its modals and buttons. */
export function registerTrustListeners(app: App, ctx: SlackListenerContext): void {
  registerSetupFlow(app, ctx);
  // The organisation question: an admin's approval of a new organisation, the button, the answer.
  app.action(ACTION.approveOrganization, approveOrganizationHandler(ctx));
  app.action(ACTION.chooseOrganization, chooseOrganizationHandler(ctx));
  app.view(MODAL.chooseOrganization, chooseOrganizationSubmitHandler(ctx));
  if (ctx.culture) registerCultureFlow(app, ctx, ctx.culture);
  if (ctx.privacy) registerPrivacyFlow(app, ctx, ctx.privacy);
  registerHealthShare(app, ctx);
  if (ctx.links) registerLinkFlow(app, ctx, ctx.links);
  registerSlashCommand(app, ctx, "/trust", trustCommandHandler(ctx));
}
