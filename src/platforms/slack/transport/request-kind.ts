// Names what a Slack request is for the metrics (atb_requests_total{platform="slack",kind=…}):
// the payload type folded into a few kinds an operator can read.
import type { Middleware, AnyMiddlewareArgs } from "@slack/bolt";
import { labelRequest } from "#src/request-context.js";

const KINDS: Record<string, string> = {
  block_actions: "action",
  interactive_message: "action",
  view_submission: "view",
  view_closed: "view",
  shortcut: "shortcut",
  message_action: "shortcut",
  block_suggestion: "options",
  event_callback: "event",
  url_verification: "url_verification",
};

/** The kind of a Slack request body: command, action, view, shortcut, options, event. */
export function slackRequestKind(body: Record<string, unknown>): string {
  if (typeof body.command === "string") return "command";
  return KINDS[String(body.type)] ?? "other";
}

/** Bolt global middleware that labels the current request; registered before any other. */
export const labelSlackRequest: Middleware<AnyMiddlewareArgs> = async ({ body, next }) => {
  labelRequest("slack", slackRequestKind(body as Record<string, unknown>));
  await next();
};
