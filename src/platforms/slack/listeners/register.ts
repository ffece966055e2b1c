// Registers every feature's listeners on the Bolt App. Each feature module follows the same four
// steps: ack at once → parse with zod → call the core service → render; slow work after the ack.
import type { App } from "@slack/bolt";
import { createPollPublisher } from "../services/poll-publisher.js";
import { createWorkLimiter } from "../services/work-limiter.js";
import { createActorResolver } from "../session/slack-actor.js";
import type { SlackFeatureDeps, SlackListenerContext } from "./listener-context.js";
import { registerCommitListeners } from "./commitments/commit-listeners.js";
import { registerAppHome } from "./events/app-home.js";
import { registerPollListeners } from "./polls/poll-listeners.js";
import { registerPulseListeners } from "./pulse/pulse-listeners.js";
import { registerTrustListeners } from "./trust/trust-command.js";

// The context types live in listener-context.ts; re-exported for the composition root.
export type { NotifyMember, SlackFeatureDeps, SlackListenerContext, SlashCommandWork } from "./listener-context.js";

/**
 * Post-ack jobs running at once. Enough for the storage to write votes arriving together in one
 * statement (see storage/micro-batcher.ts), few enough that the acks between them stay quick.
 */
const POST_ACK_WORK_AT_ONCE = 16;

/** Adds all feature listeners to `app`; returns what must run on shutdown. */
export function registerFeatureListeners(app: App, deps: SlackFeatureDeps): { stop(): Promise<void>; requestPollUpdate(pollId: string): void } {
  // Request work and background profile refreshes share one limiter, the requests first.
  const limiter = createWorkLimiter(POST_ACK_WORK_AT_ONCE);
  const resolver = createActorResolver({ members: deps.members, alliances: deps.alliances, logger: deps.logger, background: (job) => limiter.runInBackground(job) });
  const pollPublisher = deps.polls
    ? createPollPublisher({ polls: deps.polls, alliances: deps.alliances, members: deps.memberRepository, workspaces: deps.workspaces, messenger: deps.messenger, clock: deps.clock, logger: deps.logger, intervalMs: deps.pollUpdateIntervalMs, claim: deps.updateClaim })
    : null;
  const ctx: SlackListenerContext = {
    ...deps,
    resolveActor: resolver.resolve,
    forgetActors: resolver.forget,
    pollPublisher,
    limiter,
    slashCommands: new Map(),
  };
  if (deps.polls && pollPublisher) registerPollListeners(app, ctx, deps.polls, pollPublisher);
  registerTrustListeners(app, ctx);
  if (deps.commitments) registerCommitListeners(app, ctx, deps.commitments);
  if (deps.pulse) registerPulseListeners(app, ctx, deps.pulse);
  registerAppHome(app, ctx);
  return {
    async stop() {
      await pollPublisher?.flush();
    },
    // A vote or close elsewhere (a Teams copy of an alliance poll) updates this platform's copies.
    requestPollUpdate: (pollId) => pollPublisher?.requestUpdate(pollId),
  };
}
