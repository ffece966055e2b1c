// Linking spaces (Slack workspaces, Teams tenants) into one alliance (DESIGN.md §2.7): the
// one-time code an admin hands to the admin of the other space, and the audit trail of its use.
import { randomInt } from "node:crypto";
import type { Platform } from "../shared/refs.js";

/** How long a link code can be used. */
export const LINK_CODE_TTL_MS = 24 * 60 * 60 * 1000;

/** Unambiguous letters and digits (no 0/O, 1/I/L), so a code read aloud or retyped survives. */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/** 12 characters of 31: about 59 bits, with a 24-hour life and single use. */
const CODE_LENGTH = 12;

/** A fresh code, grouped for reading: "ABCD-EFGH-JKMN". */
export function generateLinkCode(): string {
  const chars = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]!);
  return [0, 4, 8].map((start) => chars.slice(start, start + 4).join("")).join("-");
}

/** The code as hashed: case, spaces and dashes do not matter to the person typing it. */
export function normalizeLinkCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]+/g, "");
}

/** A stored code: only its keyed hash, never the code itself. */
export interface LinkCode {
  id: string;
  /** The alliance the code invites into. */
  allianceId: string;
  /** The space whose admin issued it. */
  workspaceId: string;
  createdByMemberId: string;
  codeHash: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  usedByWorkspaceId: string | null;
}

export type NewLinkCode = Omit<LinkCode, "id" | "usedAt" | "usedByWorkspaceId">;

/** What the audit trail records. */
export type LinkEventType = "code_issued" | "code_refused" | "linked" | "unlinked";

/** One audit row: who did what to which space, when, and (for a refusal) why. */
export interface LinkEvent {
  id: string;
  allianceId: string;
  workspaceId: string | null;
  actorMemberId: string | null;
  type: LinkEventType;
  reason: string | null;
  codeId: string | null;
  at: Date;
}

export type NewLinkEvent = Omit<LinkEvent, "id">;

/** Which of a space's own channels. */
export type SpaceChannelKind = "steering" | "alliance";

/** A space of an alliance with its own channels (channels belong to a space, settings to the alliance). */
export interface SpaceChannels {
  workspaceId: string;
  platform: Platform;
  name: string | null;
  steeringConversationId: string | null;
  allianceConversationId: string | null;
}

/**
 * How a merge maps the joining alliance's organisations: each of its organisation ids → the id of
 * an organisation of the alliance it joins, or "new" (added there under its own name). A merge
 * runs only when every organisation of the joining alliance has an entry.
 */
export type OrganizationMapping = Readonly<Record<string, string>>;
export const NEW_ORGANIZATION = "new";

/** What a merge did that people need to be told: agreement numbers that changed (#3 → #12). */
export interface MergeOutcome {
  /** The joining alliance's organisation ids → their organisation in the merged alliance. */
  organizationMap: Record<string, string>;
  /** Agreements whose number was taken in the alliance joined, oldest first. */
  renumbered: { before: number; after: number }[];
  membersMoved: number;
}
