// Registers every feature's listeners on the Bolt App. Each feature module follows the same four
// steps: ack at once → parse with zod → call the core service → render; slow work after the ack.
import type { AlliancePollRelay } from "../../../core/polls/alliance-poll-relay.js";
import type { AllMiddlewareArgs, App, RespondFn } from "@slack/bolt";
import type { CommandPayload } from "../payloads.js";
import type { AllianceService } from "../../../core/alliance/alliance-service.js";
import type { MemberRepository } from "../../../core/alliance/member-repository.js";
import type { MemberService } from "../../../core/alliance/member-service.js";
import type { PrivacyService } from "../../../core/alliance/privacy-service.js";
import type { SpaceLinkService } from "../../../core/alliance/space-link-service.js";
import type { WorkspaceRepository } from "../../../core/alliance/workspace-repository.js";
import type { CommitmentService } from "../../../core/commitments/commitment-service.js";
import type { PollService } from "../../../core/polls/poll-service-types.js";
import type { PulseService } from "../../../core/pulse/pulse-service.js";
import type { Clock } from "../../../core/shared/clock.js";
import type { Locale } from "../../../core/shared/refs.js";
import type { View } from "../../../core/views.js";
import type { Logger } from "../../../logger.js";
import { createPollPublisher, type PollPublisher } from "../services/poll-publisher.js";
import type { UpdateClaim } from "../services/update-coalescer.js";
import { createWorkLimiter, type WorkLimiter } from "../services/work-limiter.js";
import { createActorResolver, type ActorResolver } from "../session/slack-actor.js";
import type { CultureFitService } from "../../../core/culture-fit/culture-fit-service.js";
import type { HealthSource, SummaryChartRenderer } from "./trust/health-flow.js";
import { registerTrustListeners } from "./trust/trust-command.js";
import { registerCommitListeners } from "./commitments/commit-listeners.js";
import { registerAppHome } from "./events/app-home.js";
import { registerPulseListeners } from "./pulse/pulse-listeners.js";
import type { SlackMessenger } from "../transport/slack-messenger.js";
import { registerPollListeners } from "./polls/poll-listeners.js";

/**
 * Queues a view for a member in a 1:1 chat on their own platform (a Teams member of a linked
 * space), through the outbox; false when they cannot be reached. Built by the composition root.
 */
export type NotifyMember = (memberId: string, view: View, locale: Locale, dedupeKey: string) => Promise<boolean>;

/** The core services and adapters the Slack listeners use. */
export interface SlackFeatureDeps {
  messenger: SlackMessenger;
  logger: Logger;
  clock: Clock;
  members: MemberService;
  alliances: AllianceService;
  memberRepository: MemberRepository;
  workspaces: WorkspaceRepository;
  polls?: PollService | undefined;
  commitments?: CommitmentService | undefined;
  pulse?: PulseService | undefined;
  privacy?: PrivacyService | undefined;
  culture?: CultureFitService | undefined;
  /** Reaches members of other spaces of the alliance (agreements across Slack and Teams). */
  notifyMember?: NotifyMember | undefined;
  /** Linking this workspace with other spaces into one alliance (/trust link, /trust unlink). */
  links?: SpaceLinkService | undefined;
  /** The trust-health summary of an alliance, for /trust health and App Home. */
  health?: HealthSource | undefined;
  /** Draws the summary's chart PNGs for /trust health in a channel; without it only text is posted. */
  renderCharts?: SummaryChartRenderer | undefined;
  /** Posts alliance polls into every linked space's alliance channel and fans their updates out. */
  pollRelay?: AlliancePollRelay | undefined;
  /** Coalescing interval of poll message updates (ms); tests shorten it. */
  pollUpdateIntervalMs?: number | undefined;
  /** Shares the poll update coalescing with other instances on the same database (absent: this process only). */
  updateClaim?: UpdateClaim | undefined;
}

/** What the listeners get: the deps plus shared Slack-side helpers. */
export interface SlackListenerContext extends SlackFeatureDeps {
  resolveActor: ActorResolver;
  pollPublisher: PollPublisher | null;
  /** Bounds concurrent post-ack work (see work-limiter.ts). */
  limiter: WorkLimiter;
  /** Drops cached actors (after a change to organisation, role or membership). */
  forgetActors(): void;
  /** Each slash command's post-ack work by name, so a command can be carried out later (org-choice.ts). */
  slashCommands: Map<string, SlashCommandWork>;
}

/** A slash command's work after the ack, given the parsed payload and a way to answer. */
export type SlashCommandWork = (cmd: CommandPayload, respond: RespondFn, client: AllMiddlewareArgs["client"]) => Promise<void>;

/** Adds all feature listeners to `app`; returns what must run on shutdown. */
export function registerFeatureListeners(app: App, deps: SlackFeatureDeps): { stop(): Promise<void>; requestPollUpdate(pollId: string): void } {
  const resolver = createActorResolver({ members: deps.members, alliances: deps.alliances, logger: deps.logger });
  const pollPublisher = deps.polls
    ? createPollPublisher({ polls: deps.polls, alliances: deps.alliances, members: deps.memberRepository, workspaces: deps.workspaces, messenger: deps.messenger, clock: deps.clock, logger: deps.logger, intervalMs: deps.pollUpdateIntervalMs, claim: deps.updateClaim })
    : null;
  const ctx: SlackListenerContext = {
    ...deps,
    resolveActor: resolver.resolve,
    forgetActors: resolver.forget,
    pollPublisher,
    limiter: createWorkLimiter(8),
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
