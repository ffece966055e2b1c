// Which partner organisation a member belongs to, from what the platform tells us about them
// (DESIGN.md §2.6): the Slack Connect team first (it is asserted by Slack, not typed by anyone),
// then the e-mail domain mapping from setup. No match means the member is asked once.
import type { Organization } from "./alliance.js";

/** What the platform knows about a user that can reveal their organisation. */
export interface OrganizationHints {
  /** The user's own Slack team (differs from the workspace's for Slack Connect guests). */
  slackTeamId?: string | null | undefined;
  email?: string | null | undefined;
}

/** "@Example.COM " → "example.com": how domains are stored and compared. */
export function normaliseEmailDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/^@+/, "").replace(/\.$/, "");
}

/** The domain part of an e-mail address, normalised; null when it is not an address. */
export function emailDomainOf(email: string | null | undefined): string | null {
  if (!email) return null;
  const at = email.lastIndexOf("@");
  if (at <= 0 || at === email.length - 1) return null;
  return normaliseEmailDomain(email.slice(at + 1));
}

/**
 * The organisation the hints point to, or null. A mapped domain also matches its subdomains
 * ("acme.com" covers "nl.acme.com"); the most specific mapping wins.
 */
export function matchOrganization(organizations: readonly Organization[], hints: OrganizationHints): Organization | null {
  const team = hints.slackTeamId?.trim().toUpperCase();
  if (team) {
    const byTeam = organizations.find((org) => org.slackTeamIds.includes(team));
    if (byTeam) return byTeam;
  }
  const domain = emailDomainOf(hints.email);
  if (!domain) return null;
  let best: { org: Organization; length: number } | null = null;
  for (const org of organizations) {
    for (const mapped of org.emailDomains) {
      const matches = domain === mapped || domain.endsWith(`.${mapped}`);
      if (matches && (!best || mapped.length > best.length)) best = { org, length: mapped.length };
    }
  }
  return best?.org ?? null;
}
