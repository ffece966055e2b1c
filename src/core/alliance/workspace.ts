import type { Platform } from "../shared/refs.js";

/** A Slack workspace (team or enterprise) or a Teams tenant the bot is installed in. */
export interface Workspace {
  id: string;
  platform: Platform;
  /** Slack team_id (or enterprise_id for an org-wide install) | Teams tenant id. */
  externalId: string;
  name: string | null;
  /** The alliance this workspace belongs to; null only briefly, before first contact binds it. */
  allianceId: string | null;
}

/** What kind of conversation the bot can post into later. */
export type ConversationKind = "channel" | "personal" | "group";
export const CONVERSATION_KINDS: readonly ConversationKind[] = ["channel", "personal", "group"] as const;

/**
 * Where the bot can post later without an incoming message (schedulers, reminders, summaries).
 * Teams needs serviceUrl + tenantId to send proactively; Slack needs only the channel id.
 */
export interface ConversationRef {
  id: string;
  workspaceId: string;
  /** Slack channel/DM id | Teams conversation id. */
  conversationId: string;
  kind: ConversationKind;
  serviceUrl: string | null;
  tenantId: string | null;
  /** Set for a personal (1:1) conversation: whose DM this is. */
  memberId: string | null;
  updatedAt: Date;
}

/** What a platform hands over to remember a conversation. */
export type ConversationInput = Omit<ConversationRef, "id" | "updatedAt">;
