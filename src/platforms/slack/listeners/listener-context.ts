// The context every Slack feature listener receives: the core services the composition root hands
// over plus the shared Slack-side helpers register.ts builds. Its own file so that feature
// listeners import this type without importing register.ts, which imports them (types flow one way:
// register.ts → feature listeners → listener-context.ts).
import type { AllMiddlewareArgs, RespondFn } from "@slack/bolt";
import type { AlliancePollRelay } from "#core/polls/alliance-poll-relay.js";
import type { SummaryChartImage } from "#charts/summary-charts.js";
import type { AllianceService } from "#core/alliance/alliance-service.js";
import type { MemberRepository } from "#core/alliance/member-repository.js";
import type { MemberService } from "#core/alliance/member-service.js";
import type { PrivacyService } from "#core/alliance/privacy-service.js";
import type { SpaceLinkService } from "#core/alliance/space-link-service.js";
import type { WorkspaceRepository } from "#core/alliance/workspace-repository.js";
import type { CommitmentService } from "#core/commitments/commitment-service.js";
import type { CultureFitService } from "#core/culture-fit/culture-fit-service.js";
import type { PollService } from "#core/polls/poll-service-types.js";
import type { PulseService } from "#core/pulse/pulse-service.js";
import type { Clock } from "#core/shared/clock.js";
import type { Locale } from "#core/shared/refs.js";
import type { SummaryView } from "#core/summary/summary-views.js";
import type { TrustHealthSummary } from "#core/summary/summary-model.js";
import type { View } from "#core/views.js";
import type { Logger } from "#src/logger.js";
import type { CommandPayload } from "../payloads.js";
import type { PollPublisher } from "../services/poll-publisher.js";
import type { UpdateClaim } from "../services/update-coalescer.js";
import type { WorkLimiter } from "../services/work-limiter.js";
import type { ActorResolver } from "../session/slack-actor.js";
import type { SlackMessenger } from "../transport/slack-messenger.js";

/**
 * The summary source: the current summary of an alliance in a language (null without data). Same
 * shape as the Teams side's OnDemandSummary, so one implementation serves both platforms.
 */
export interface HealthSource {
  current(allianceId: string, locale: Locale, now: Date): Promise<SummaryView | null>;
}

/** Draws a summary's chart PNGs (src/charts/summary-charts.ts in production). */
export type SummaryChartRenderer = (summary: TrustHealthSummary, locale: Locale) => Promise<SummaryChartImage[]>;

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
