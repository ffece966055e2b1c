/**
 * Who may see a poll's results and who may close or export it. Results of an "after close" poll
 * stay hidden from everyone (creator included) until it closes, so nobody steers the vote;
 * steering-only results are for the steering committee and admins.
 */
import { DomainError } from "../shared/errors.js";
import type { Actor } from "../shared/refs.js";
import type { Poll } from "./poll.js";

/** Why results are not shown to a viewer. */
export type ResultsHiddenReason = "after_close" | "steering_only";

/**
 * Why `viewer` may not see results now, or null when they may. `viewer` null means the public
 * channel message, which everyone in the conversation sees.
 */
export function resultsHiddenReason(poll: Poll, viewer: Actor | null): ResultsHiddenReason | null {
  if (poll.visibility === "steering" && !(viewer !== null && isSteeringOrAdmin(viewer))) return "steering_only";
  if (poll.visibility === "after_close" && poll.status !== "closed") return "after_close";
  return null;
}

/** Steering-committee members and admins. */
export function isSteeringOrAdmin(actor: Actor): boolean {
  return actor.role === "steering" || actor.role === "admin";
}

/** Refuses (NOT_FOUND, so existence does not leak) when the poll belongs to another alliance. */
export function assertSameAlliance(poll: Poll | null, actor: Actor): asserts poll is Poll {
  if (poll === null || poll.allianceId !== actor.allianceId) {
    throw new DomainError("NOT_FOUND", "poll not found");
  }
}

/** Closing is for the creator or an admin, or anyone once the deadline has passed. */
export function assertMayClose(poll: Poll, actor: Actor, now: Date): void {
  const pastDeadline = poll.closesAt !== null && poll.closesAt.getTime() <= now.getTime();
  if (pastDeadline || actor.role === "admin" || (poll.createdById !== null && poll.createdById === actor.memberId)) return;
  throw new DomainError("FORBIDDEN", "only the creator or an admin may close this poll");
}

/** Exporting is for the creator, steering and admins, and only when they may see the results. */
export function assertMayExport(poll: Poll, actor: Actor): void {
  const isCreator = poll.createdById !== null && poll.createdById === actor.memberId;
  if (!isCreator && !isSteeringOrAdmin(actor)) throw new DomainError("FORBIDDEN", "export not allowed");
  const hidden = resultsHiddenReason(poll, actor);
  if (hidden !== null) throw new DomainError("POLL_RESULTS_HIDDEN", "results hidden", { reason: hidden });
}
