// What the scheduled jobs share: the core services, the outbox, a logger, and the small steps
// every job repeats — find where a message goes (platform, workspace, conversation) and queue a
// view there under a dedupe key, so a repeated run never posts twice.
import type { CoreServices } from "#src/compose-services.js";
import type { Alliance } from "#core/alliance/alliance.js";
import type { ConversationRef } from "#core/alliance/workspace.js";
import type { Poll } from "#core/polls/poll.js";
import type { Locale, Platform } from "#core/shared/refs.js";
import type { View } from "#core/views.js";
import type { SummaryChartImage } from "#charts/summary-charts.js";
import type { TrustHealthSummary } from "#core/summary/summary-model.js";
import type { Outbox } from "./outbox/outbox.js";
import type { JsonObject, JsonValue, OutboxMessage, OutboxOperation } from "./outbox/outbox-message.js";
import type { PersonalConversationOpener, UnreachableReason } from "./personal-reach.js";
import type { SchedulerLogger } from "./scheduler.js";

/** Where a queued message goes. */
export interface Destination {
  platform: Platform;
  /** Our Workspace.id. */
  workspaceId: string;
  /** Slack channel/DM id | Teams conversation id; for operation "direct" the member's platform user id. */
  conversationId: string;
  /**
   * "direct" when the 1:1 conversation could not be opened yet (rate limit, network): the outbox
   * opens it at send time and retries, as both platforms' senders do for direct messages.
   */
  operation?: "direct";
}

/** Where a member's 1:1 messages go, or why they cannot. */
export type PersonalReach =
  | { kind: "reached"; to: Destination }
  /** The platform refused to open a 1:1 conversation: an admin must act (see unreachable-notice.ts). */
  | { kind: "unreachable"; memberId: string; platform: Platform; reason: UnreachableReason }
  /** Nobody to send to (forgotten member, workspace gone, platform switched off): logged. */
  | { kind: "skipped" };
/** Renders the summary's chart PNGs (src/charts in production; tests may count calls). */
export type SummaryChartRenderer = (summary: TrustHealthSummary, locale: Locale) => Promise<SummaryChartImage[]>;

/** What the job handlers need. */
export interface JobDeps {
  services: CoreServices;
  /** Lists every poll with a recurrence rule (the poll repository's listRecurring). */
  recurringPolls: () => Promise<readonly Poll[]>;
  /** Lists polls closed since an instant (the poll repository's listClosedSince). */
  closedPolls: (since: Date) => Promise<readonly Poll[]>;
  outbox: Pick<Outbox, "enqueue" | "find">;
  renderCharts: SummaryChartRenderer;
  /**
   * Per platform: opens a 1:1 conversation with a member who never wrote to the bot. Without one
   * (a platform switched off) such members are skipped with a log line.
   */
  openers?: Partial<Record<Platform, PersonalConversationOpener | null>>;
  logger?: SchedulerLogger;
}

/** Extra payload fields next to the view (Slack's `ts`, Teams' `messageId`, chart files, …). */
export type PayloadExtras = Record<string, JsonValue>;

/** Helpers over JobDeps. */
export class JobContext {
  constructor(readonly deps: JobDeps) {}

  get services(): CoreServices {
    return this.deps.services;
  }

  /** The destination of a stored conversation; null when its workspace is gone. */
  async destinationOf(conversation: Pick<ConversationRef, "workspaceId" | "conversationId">): Promise<Destination | null> {
    const workspace = await this.services.stores.workspaces.get(conversation.workspaceId);
    return workspace ? { platform: workspace.platform, workspaceId: workspace.id, conversationId: conversation.conversationId } : null;
  }

  /**
   * Every steering conversation of the alliance, one per space at most: each linked space's own
   * (DESIGN §2.7), plus the alliance-level one setup chose when its space has none of its own.
   * `primary` marks the space that hosts the alliance-level channel (its outbox key stays the
   * one used before spaces had channels, so an upgrade never posts a period twice). Empty, with
   * a log line, when no space chose one.
   */
  async steeringTargetsOf(alliance: Alliance): Promise<{ to: Destination; primary: boolean }[]> {
    const spaces = await this.services.stores.spaces.listSpaces(alliance.id);
    const primaryWorkspaceId = alliance.steering?.workspaceId ?? null;
    const targets = spaces
      .filter((s) => s.steeringConversationId !== null)
      .map((s) => ({ to: { platform: s.platform, workspaceId: s.workspaceId, conversationId: s.steeringConversationId! }, primary: s.workspaceId === primaryWorkspaceId }));
    if (alliance.steering && !targets.some((t) => t.primary) && spaces.some((s) => s.workspaceId === primaryWorkspaceId)) {
      const to = await this.destinationOf(alliance.steering);
      if (to) targets.unshift({ to, primary: true });
    }
    if (targets.length === 0) this.deps.logger?.warn({ allianceId: alliance.id }, "no steering channel configured; summary stored but not posted");
    return targets;
  }

  /**
   * Where the member's 1:1 messages go: the stored personal conversation, else one the platform
   * opens now (stored for next time), else — when the platform refuses — "unreachable", so the
   * job can tell an admin. A transient failure to open queues a "direct" message instead, which
   * the outbox opens and retries at send time.
   */
  async reachPersonal(memberId: string, purpose: string): Promise<PersonalReach> {
    const skip = (why: string): PersonalReach => {
      this.deps.logger?.info({ memberId, purpose, why }, "member not reached in a 1:1 conversation; skipped");
      return { kind: "skipped" };
    };
    const conversation = await this.services.stores.conversations.findPersonalConversation(memberId);
    const stored = conversation ? await this.destinationOf(conversation) : null;
    if (stored) return { kind: "reached", to: stored };
    const member = await this.services.stores.members.get(memberId);
    if (!member || member.erasedAt) return skip("member unknown or forgotten");
    const workspace = await this.services.stores.workspaces.get(member.workspaceId);
    if (!workspace) return skip("workspace gone");
    const opener = this.deps.openers?.[workspace.platform];
    if (!opener) return skip(`no way to open a conversation on ${workspace.platform}`);
    const opened = await opener.open(member, workspace);
    if (opened.kind === "opened") {
      const saved = await this.services.stores.conversations.saveConversation(opened.conversation);
      return { kind: "reached", to: { platform: workspace.platform, workspaceId: workspace.id, conversationId: saved.conversationId } };
    }
    if (opened.kind === "later") {
      this.deps.logger?.warn({ memberId, purpose, detail: opened.detail }, "could not open a 1:1 conversation yet; the outbox will try");
      return { kind: "reached", to: { platform: workspace.platform, workspaceId: workspace.id, conversationId: member.externalId, operation: "direct" } };
    }
    this.deps.logger?.warn({ memberId, purpose, reason: opened.reason, detail: opened.detail }, "member cannot be reached in a 1:1 conversation");
    return { kind: "unreachable", memberId, platform: workspace.platform, reason: opened.reason };
  }

  /** Queues `view` (rendered by the platform at send time, in `locale`); returns the stored message. */
  async queueView(
    dedupeKey: string,
    to: Destination,
    view: View,
    locale: Locale,
    options: { operation?: OutboxOperation; extras?: PayloadExtras } = {},
  ): Promise<OutboxMessage> {
    // The view is plain JSON by construction (views are data for the renderers).
    const payload = { view: JSON.parse(JSON.stringify(view)) as JsonValue, locale, ...options.extras };
    return this.queue(dedupeKey, to, options.operation ?? to.operation ?? "post", payload);
  }

  /** Queues a ready payload (e.g. a file upload); a repeat returns the message already stored. */
  async queue(dedupeKey: string, to: Destination, operation: OutboxOperation, payload: JsonObject, notBefore?: Date): Promise<OutboxMessage> {
    const { platform, workspaceId, conversationId } = to;
    const { message } = await this.deps.outbox.enqueue({ dedupeKey, platform, workspaceId, conversationId, operation, payload, ...(notBefore ? { notBefore } : {}) });
    return message;
  }

  /** The member's language, else the alliance's. */
  async localeOf(memberId: string, alliance: Alliance): Promise<Locale> {
    return (await this.services.stores.members.get(memberId))?.locale ?? alliance.locale;
  }
}
