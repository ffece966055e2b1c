// The argument types of Bolt listeners, named once so that handlers can live in their own files
// as named functions (registrars only wire `app.action(ID, handler)`).
import type { AllMiddlewareArgs, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs } from "@slack/bolt";

/** What a block action (button, select) listener receives. */
export type ActionArgs = SlackActionMiddlewareArgs & AllMiddlewareArgs;
/** What a modal submission listener receives. */
export type ViewSubmissionArgs = SlackViewMiddlewareArgs & AllMiddlewareArgs;

export type ActionHandler = (args: ActionArgs) => Promise<void>;
export type ViewSubmissionHandler = (args: ViewSubmissionArgs) => Promise<void>;
