import type { Platform } from "../shared/refs.js";
import type { ConversationInput, ConversationRef, Workspace } from "./workspace.js";

/** Storage of workspaces (Slack teams/enterprises, Teams tenants). */
export interface WorkspaceRepository {
  /** Finds or creates the workspace (race-safe); a non-null `name` refreshes the stored name. */
  ensure(platform: Platform, externalId: string, name: string | null): Promise<Workspace>;
  find(platform: Platform, externalId: string): Promise<Workspace | null>;
  get(id: string): Promise<Workspace | null>;
  /** Binds the workspace to the alliance unless it is already bound. Returns true when it bound it. */
  bindAllianceIfUnbound(workspaceId: string, allianceId: string): Promise<boolean>;
  listForAlliance(allianceId: string): Promise<Workspace[]>;
}

/** Storage of conversations the bot can post into later. */
export interface ConversationRepository {
  /** Saves or refreshes (serviceUrl, kind, member) the conversation (workspaceId, conversationId). */
  saveConversation(input: ConversationInput): Promise<ConversationRef>;
  findConversation(workspaceId: string, conversationId: string): Promise<ConversationRef | null>;
  /** The member's 1:1 conversation with the bot, most recently seen first. */
  findPersonalConversation(memberId: string): Promise<ConversationRef | null>;
  /** Forgets the member's 1:1 conversations ("forget me"). Returns how many were deleted. */
  deletePersonalConversations(memberId: string): Promise<number>;
  /**
   * The serviceUrl of the workspace's most recently saved conversation that has one: for Teams,
   * the tenant's regional Bot Connector, which a new 1:1 chat must be created at. Null when none.
   */
  lastServiceUrl(workspaceId: string): Promise<string | null>;
}
