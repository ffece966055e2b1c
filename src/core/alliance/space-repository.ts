import type { LinkCode, LinkEvent, MergeOutcome, NewLinkCode, NewLinkEvent, OrganizationMapping, SpaceChannelKind, SpaceChannels } from "./space-link.js";

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
  /** Deletes audit rows (of every alliance) from before `before`; returns how many. Housekeeping. */
  pruneEvents(before: Date): Promise<number>;
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
  /**
   * Merges alliance `fromAllianceId` (one space, with history) into `toAllianceId` in one
   * transaction, losing nothing: organisations as `mapping` says (complete; checked by the
   * caller), the space and members, polls with their ballots, agreements (a number already taken
   * in the target gets the next free one), pulse rounds (merged with the target's round of the
   * same period), culture assessments, summaries (a period both have keeps the joining one under
   * "<period>~merged-<from id>"), and the link audit trail. The joining alliance's steering
   * channel becomes its space's own (unless that space has one). The joining alliance is deleted.
   */
  mergeAlliance(fromAllianceId: string, toAllianceId: string, mapping: OrganizationMapping): Promise<MergeOutcome>;
  /** The alliance's spaces with their channels, oldest first. */
  listSpaces(allianceId: string): Promise<SpaceChannels[]>;
  setChannel(workspaceId: string, kind: SpaceChannelKind, conversationId: string | null): Promise<void>;
}
