/**
 * The port through which an alliance poll reaches the spaces it was not created in. A poll "for
 * the alliance" (Poll.forAlliance) is posted where it was created and, through the outbox, into
 * the alliance channel of every other linked space (a Slack workspace or a Teams organisation),
 * each on its own platform. All copies share the poll's one tally, so a vote or a close in any
 * copy must bring every copy up to date, on every platform. Implemented in
 * src/scheduling/alliance-poll-relay.ts; the platforms only see this interface.
 */
import type { Platform } from "../shared/refs.js";

/** Where a copy of an alliance poll goes: one space's alliance channel. */
export interface AlliancePollTarget {
  platform: Platform;
  workspaceId: string;
  conversationId: string;
  /** The space's name (Slack workspace or Teams organisation name), when known. */
  spaceName: string | null;
}

/**
 * The alliance channels an alliance poll created in `workspaceId` would reach besides its own
 * space's: what the create form names, and why it offers the option at all (none: not offered).
 */
export function otherSpacesOf(targets: readonly AlliancePollTarget[], workspaceId: string): AlliancePollTarget[] {
  return targets.filter((target) => target.workspaceId !== workspaceId);
}

/** The spaces' names for the create form, e.g. "Engineering Co (Slack), Teams" (a space without a known name: its platform). */
export function describeSpaces(targets: readonly AlliancePollTarget[]): string {
  return targets
    .map((target) => {
      const platform = target.platform === "slack" ? "Slack" : "Teams"; // product names, the same in every language
      return target.spaceName ? `${target.spaceName} (${platform})` : platform;
    })
    .join(", ");
}

/** Posts and refreshes the copies of alliance polls. */
export interface AlliancePollRelay {
  /**
   * Queues one copy of the alliance poll into the alliance channel of every linked space except
   * the conversation it was created in, exactly once per target (a repeat queues nothing new).
   * Returns how many copies are queued or were queued before. A poll not for the alliance: 0.
   */
  postCopies(pollId: string): Promise<number>;
  /**
   * A vote or a close changed the poll: asks every platform's update coalescing to bring its
   * copies up to date. `from` names the platform that already asked for its own.
   */
  changed(pollId: string, from?: Platform): void;
  /** The alliance channels an alliance poll of `allianceId` would reach (for the create form). */
  targets(allianceId: string): Promise<AlliancePollTarget[]>;
}
