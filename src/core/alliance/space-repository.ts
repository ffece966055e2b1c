import type { LinkCode, LinkEvent, NewLinkCode, NewLinkEvent, SpaceChannelKind, SpaceChannels } from "./space-link.js";

/** Storage behind linking spaces into one alliance, and the channels each space keeps. */
export interface SpaceRepository {
  saveCode(code: NewLinkCode): Promise<LinkCode>;
  findCodeByHash(codeHash: string): Promise<LinkCode | null>;
  /**
   * Marks the code used by `workspaceId`, atomically: true for exactly one caller, and only while
   * it is unused and not expired at `at`.
   */
  consumeCode(codeId: string, workspaceId: string, at: Date): Promise<boolean>;
  appendEvent(event: NewLinkEvent): Promise<void>;
  /** The alliance's audit trail, oldest first. */
  listEvents(allianceId: string): Promise<LinkEvent[]>;
  /**
   * True when people did something in the alliance that a join would have to merge: polls,
   * agreements, culture assessments or pulse answers. What the scheduler made on its own — the
   * weekly summary of an empty alliance, a pulse round nobody answered — does not count: every
   * fresh space's alliance gets those within a week, and they go with the empty alliance.
   */
  hasActivity(allianceId: string): Promise<boolean>;
  /**
   * Moves the space and its members into `toAllianceId` in one step. Each member's organisation
   * is replaced by `organizationMap[old]` (null or unmapped: unknown, the member is asked again).
   * Returns how many members moved.
   */
  moveSpace(workspaceId: string, toAllianceId: string, organizationMap: Readonly<Record<string, string | null>>): Promise<number>;
  /** The alliance's spaces with their channels, oldest first. */
  listSpaces(allianceId: string): Promise<SpaceChannels[]>;
  setChannel(workspaceId: string, kind: SpaceChannelKind, conversationId: string | null): Promise<void>;
}
