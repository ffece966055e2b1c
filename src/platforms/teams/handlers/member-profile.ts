// The e-mail (and name) of a Teams user, from the Bot Connector's conversation member API:
// Teams activities carry neither, so without it nobody is ever matched to an organisation by
// e-mail domain. The core asks only while a member has no organisation and no e-mail; answers,
// including "nothing" and failures, are cached per user so a member whose directory entry has no
// e-mail (guests, the Agents Playground) is not looked up on every message.
import type { LookedUpProfile } from "#core/alliance/member-service.js";
import type { RetryPolicy } from "../transport/send-queue.js";
import type { TeamsTarget } from "../transport/teams-connector.js";

/** The connector call this needs (TeamsConnector.getMember). */
export interface MemberDirectory {
  getMember(target: TeamsTarget, userId: string, policy: RetryPolicy): Promise<{ name: string | null; email: string | null; userPrincipalName: string | null }>;
}

/** Looks up the user behind an activity; null when Teams says nothing useful. */
export type MemberProfileLookup = (target: TeamsTarget, userId: string) => Promise<LookedUpProfile | null>;

/** One quick try: the user is waiting for the answer to their message. */
const LOOKUP_POLICY: RetryPolicy = { maxAttempts: 1, maxTotalWaitMs: 2_000 };
const DEFAULT_TTL_MS = 6 * 60 * 60 * 1_000;
const MAX_ENTRIES = 5_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The address to map by: the e-mail, else a UPN that is an address of the user's own domain (a
 * guest's UPN, "ann_acme.com#EXT#@host.onmicrosoft.com", names the host's domain, not theirs).
 */
export function emailOf(account: { email: string | null; userPrincipalName: string | null }): string | null {
  const email = account.email?.trim();
  if (email && EMAIL.test(email)) return email;
  const upn = account.userPrincipalName?.trim();
  return upn && EMAIL.test(upn) && !upn.includes("#EXT#") ? upn : null;
}

/** Builds the cached lookup; `onError` hears failures (they are cached as "nothing known"). */
export function createMemberProfileLookup(
  directory: MemberDirectory,
  options: { now?: () => number; ttlMs?: number; onError?: (error: unknown, userId: string) => void } = {},
): MemberProfileLookup {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const cache = new Map<string, { until: number; profile: Promise<LookedUpProfile | null> }>();
  return (target, userId) => {
    const key = `${target.tenantId ?? ""}:${userId}`;
    const hit = cache.get(key);
    if (hit && hit.until > now()) return hit.profile;
    const profile = directory.getMember(target, userId, LOOKUP_POLICY).then(
      (account) => {
        const email = emailOf(account);
        // Both addresses come from the tenant's directory, a UPN only for a member of the tenant
        // (emailOf drops a guest's): the platform vouches for it (docs/cross-platform.md).
        return email || account.name ? { email, emailVerified: email !== null, displayName: account.name } : null;
      },
      (error: unknown) => {
        options.onError?.(error, userId);
        return null;
      },
    );
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
    // The promise itself is cached, so concurrent turns of one user share one call.
    cache.set(key, { until: now() + ttlMs, profile });
    return profile;
  };
}
