// Pulse check-ins in Slack: /pulse sends the member's open questions as DMs; each question has
// 1–5 buttons, "can't say" and "add a comment" (a modal); the message then changes to show what
// was saved. This file only wires ids to handlers (pulse-*-handlers.ts).
import type { App } from "@slack/bolt";
import type { PulseService } from "#core/pulse/pulse-service.js";
import { ACTION, MODAL } from "../../ids.js";
import type { SlackListenerContext } from "../listener-context.js";
import { registerSlashCommand } from "../slash-command.js";
import { pulseCommentHandler, pulseCommentSubmitHandler, pulseScoreHandler } from "./pulse-answer-handlers.js";
import { homeOpenPulseHandler, pulseCommandHandler } from "./pulse-command-handlers.js";

export { sendPendingPulse } from "./pulse-delivery.js";

/** Registers /pulse, the answer buttons and the comment modal. */
export function registerPulseListeners(app: App, ctx: SlackListenerContext, pulse: PulseService): void {
  registerSlashCommand(app, ctx, "/pulse", pulseCommandHandler(ctx, pulse));
  app.action(ACTION.homeOpenPulse, homeOpenPulseHandler(ctx, pulse));
  app.action(ACTION.pulseScore, pulseScoreHandler(ctx, pulse));
  app.action(ACTION.pulseComment, pulseCommentHandler(ctx));
  app.view(MODAL.pulseComment, pulseCommentSubmitHandler(ctx, pulse));
}
