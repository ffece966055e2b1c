// What the scheduled jobs share: the core services, the outbox, a logger, and the small steps
// every job repeats — find where a message goes (platform, workspace, conversation) and queue a
// view there under a dedupe key, so a repeated run never posts twice.
import type { CoreServices } from "../compose-services.js";
import type { Alliance } from "../core/alliance/alliance.js";
import type { ConversationRef } from "../core/alliance/workspace.js";
import type { Poll } from "../core/polls/poll.js";
import type { Locale, Platform } from "../core/shared/refs.js";
import type { View } from "../core/views.js";
import type { SummaryChartImage } from "../charts/summary-charts.js";
import type { TrustHealthSummary } from "../core/summary/summary-model.js";
import type { Outbox } from "./outbox/outbox.js";
import type { JsonObject, JsonValue, OutboxMessage, OutboxOperation } from "./outbox/outbox-message.js";
import type { SchedulerLogger } from "./scheduler.js";

/** Where a queued message goes. */
export interface Destination {
  platform: Platform;
  /** Our Workspace.id. */
  workspaceId: string;
  /** Slack channel/DM id | Teams conversation id. */
  conversationId: string;
}

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

  /** The alliance's steering conversation; null (and a log line) when setup has not chosen one. */
  async steeringOf(alliance: Alliance): Promise<Destination | null> {
    if (!alliance.steering) {
      this.deps.logger?.warn({ allianceId: alliance.id }, "no steering channel configured; summary stored but not posted");
      return null;
    }
    return this.destinationOf(alliance.steering);
  }

  /** The member's 1:1 conversation with the bot; null (and a log line) when there is none yet. */
  async personalOf(memberId: string, purpose: string): Promise<Destination | null> {
    const conversation = await this.services.stores.conversations.findPersonalConversation(memberId);
    const destination = conversation ? await this.destinationOf(conversation) : null;
    if (!destination) this.deps.logger?.info({ memberId, purpose }, "member has no personal conversation with the bot; skipped");
    return destination;
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
    return this.queue(dedupeKey, to, options.operation ?? "post", payload);
  }

  /** Queues a ready payload (e.g. a file upload); a repeat returns the message already stored. */
  async queue(dedupeKey: string, to: Destination, operation: OutboxOperation, payload: JsonObject, notBefore?: Date): Promise<OutboxMessage> {
    const { message } = await this.deps.outbox.enqueue({ dedupeKey, ...to, operation, payload, ...(notBefore ? { notBefore } : {}) });
    return message;
  }

  /** The member's language, else the alliance's. */
  async localeOf(memberId: string, alliance: Alliance): Promise<Locale> {
    return (await this.services.stores.members.get(memberId))?.locale ?? alliance.locale;
  }
}
