/**
 * Voter keys: what makes "one ballot per person per poll" enforceable. A named ballot's key is the
 * member id; an anonymous ballot's key is HMAC-SHA256(server secret, pollId, memberId), so the
 * database can refuse a second ballot but cannot say whose ballot it is.
 */
import { createKeyedHasher } from "../shared/keyed-hash.js";
import type { Poll } from "./poll.js";

/** Port: the keyed hash of (pollId, memberId). The core never reads the secret itself. */
export type VoterKeyHasher = (pollId: string, memberId: string) => string;

/** The HMAC-SHA256 voter-key hasher for the server secret (built once in the composition root). */
export function createHmacVoterKeyHasher(secret: string): VoterKeyHasher {
  const hash = createKeyedHasher(secret, "poll-voter-key/v1");
  return (pollId, memberId) => hash(pollId, memberId);
}

/** The ballot key of `memberId` in `poll`: "m:<memberId>" when named, "a:<hmac>" when anonymous. */
export function voterKeyFor(poll: Pick<Poll, "id" | "anonymous">, memberId: string, hasher: VoterKeyHasher): string {
  return poll.anonymous ? `a:${hasher(poll.id, memberId)}` : `m:${memberId}`;
}

/** True for an anonymous poll's key: storage keeps such a ballot's content sealed. */
export const isAnonymousVoterKey = (voterKey: string): boolean => voterKey.startsWith("a:");
