// Who is behind a Slack request, as the core sees them: resolves (and on first contact creates)
// the member, with their organisation (Slack Connect team → e-mail domain → asked once) and
// language (Slack locale → the alliance's). users.info is cached, and when Slack refuses it (429)
// the payload's own fields are used, so a burst of 200 clicks never depends on the Web API.
// A newcomer is resolved from the payload at once; users.info is awaited only when its e-mail can
// decide their organisation (the alliance maps organisations by e-mail domain). Otherwise it runs
// in the background, a few at a time, and refreshes the member's name, language and zone after the
// vote or command was already handled.
import type { webApi } from "@slack/bolt";
import { z } from "zod";
import type { Alliance } from "#core/alliance/alliance.js";
import type { AllianceService } from "#core/alliance/alliance-service.js";
import type { MemberService, ResolvedMember } from "#core/alliance/member-service.js";
import { toLocale, type Locale } from "#core/shared/refs.js";
import type { Logger } from "#src/logger.js";
import { createWorkLimiter } from "../services/work-limiter.js";

/** The identity fields every Slack payload carries. */
export interface SlackIdentity {
  teamId: string;
  userId: string;
  /** The user's own team (Slack Connect guests: not the workspace's). */
  userTeamId?: string | undefined;
  userName?: string | undefined;
}

/** A resolved member plus what listeners need around them. */
export interface SlackActor extends ResolvedMember {
  alliance: Alliance;
  teamId: string;
  userId: string;
  /** The member's zone, else the alliance's; for reading dates the member types. */
  timeZone: string;
  /**
   * The language to answer in once users.info has answered: `locale` itself unless the actor was
   * resolved before their profile was known (a newcomer on the vote path).
   */
  settledLocale(): Promise<Locale>;
}

/** How to resolve: `lazyProfile` does not wait for users.info unless it decides the organisation. */
export interface ResolveOptions {
  lazyProfile?: boolean;
}

/** Resolves the actor of a request with the request's Web API client. */
export type ActorResolver = (identity: SlackIdentity, client: webApi.WebClient, options?: ResolveOptions) => Promise<SlackActor>;

const userInfoSchema = z.object({
  user: z.object({
    id: z.string(),
    team_id: z.string().optional(),
    name: z.string().optional(),
    real_name: z.string().optional(),
    tz: z.string().optional(),
    locale: z.string().optional(),
    is_bot: z.boolean().optional(),
    profile: z.object({ display_name: z.string().optional(), real_name: z.string().optional(), email: z.string().optional() }).optional(),
  }),
});

interface Profile {
  displayName: string;
  email: string | null;
  slackTeamId: string | null;
  locale: string | null;
  timezone: string | null;
}

const PROFILE_TTL_MS = 60 * 60_000;

/** Background profile refreshes running at once (each waits for users.info, then writes once). */
const PROFILE_REFRESHES_AT_ONCE = 8;

/**
 * What the payload alone says. No display name: the payload's username must not overwrite a real
 * name already stored (a new member has no name until users.info answers).
 */
const payloadProfile = (identity: SlackIdentity): Profile => ({
  displayName: "",
  email: null,
  slackTeamId: identity.userTeamId ?? null,
  locale: null,
  timezone: null,
});
const MAX_CACHED = 10_000;

/** How long a resolved actor is reused: a burst of clicks by one person costs one lookup. */
const ACTOR_TTL_MS = 30_000;

/** Builds the resolver; `forget` drops cached actors after changes to organisation or role. */
export function createActorResolver(deps: {
  members: MemberService;
  alliances: AllianceService;
  logger: Logger;
  now?: () => number;
  /** Runs a background profile refresh (the listeners' limiter, behind the requests' own work). */
  background?: ((job: () => Promise<void>) => Promise<void>) | undefined;
}): {
  resolve: ActorResolver;
  forget(): void;
} {
  const now = deps.now ?? Date.now;
  const profiles = new Map<string, { profile: Profile; until: number }>();
  const actors = new Map<string, { actor: SlackActor; until: number }>();
  const alliances = new Map<string, { alliance: Alliance; until: number }>();
  const allianceOf = async (id: string): Promise<Alliance> => {
    const hit = alliances.get(id);
    if (hit && hit.until > now()) return hit.alliance;
    const alliance = await deps.alliances.getAlliance(id);
    alliances.set(id, { alliance, until: now() + ACTOR_TTL_MS });
    return alliance;
  };

  const lookups = new Map<string, Promise<Profile>>();
  /** users.info for `identity`, cached, one call in flight per user; never rejects. */
  function profileOf(identity: SlackIdentity, client: webApi.WebClient): Promise<Profile> {
    const key = `${identity.teamId}:${identity.userId}`;
    const hit = profiles.get(key);
    if (hit && hit.until > now()) return Promise.resolve(hit.profile);
    const pending = lookups.get(key);
    if (pending) return pending;
    const lookup = fetchProfile(identity, client, key).finally(() => lookups.delete(key));
    lookups.set(key, lookup);
    return lookup;
  }

  async function fetchProfile(identity: SlackIdentity, client: webApi.WebClient, key: string): Promise<Profile> {
    let profile: Profile;
    try {
      const { user } = userInfoSchema.parse(await client.users.info({ user: identity.userId, include_locale: true }));
      profile = {
        displayName: user.profile?.display_name || user.profile?.real_name || user.real_name || user.name || identity.userName || identity.userId,
        email: user.profile?.email ?? null,
        slackTeamId: user.team_id ?? identity.userTeamId ?? null,
        locale: user.locale ?? null,
        timezone: user.tz ?? null,
      };
    } catch (error) {
      // Rate limited or scope missing: the payload still tells us name and team; refresh later.
      deps.logger.debug({ err: error, userId: identity.userId }, "users.info failed; using payload fields");
      const fallback = payloadProfile(identity);
      profiles.set(key, { profile: fallback, until: now() + 60_000 });
      return fallback;
    }
    if (profiles.size >= MAX_CACHED) profiles.delete(profiles.keys().next().value as string);
    profiles.set(key, { profile, until: now() + PROFILE_TTL_MS });
    return profile;
  }

  /** Whether an e-mail address could decide an organisation in this alliance (cached like the alliance). */
  const organisationsByEmail = new Map<string, { value: boolean; until: number }>();
  const emailCanDecide = async (allianceId: string): Promise<boolean> => {
    const hit = organisationsByEmail.get(allianceId);
    if (hit && hit.until > now()) return hit.value;
    const value = (await deps.alliances.listOrganizations(allianceId)).some((org) => org.emailDomains.length > 0);
    organisationsByEmail.set(allianceId, { value, until: now() + ACTOR_TTL_MS });
    return value;
  };

  const resolveWith = (identity: SlackIdentity, profile: Profile) =>
    deps.members.resolveMember({
      platform: "slack",
      workspaceExternalId: identity.teamId,
      userExternalId: identity.userId,
      displayName: profile.displayName,
      email: profile.email,
      // Only users.info fills it (profile.email, users:read.email): Slack's own, confirmed address.
      emailVerified: profile.email !== null,
      slackTeamId: profile.slackTeamId,
      locale: profile.locale,
      timezone: profile.timezone,
    });

  // Background profile refreshes run a few at a time (the storage writes those arriving together
  // in one statement) and, given the listeners' limiter, only while no request's work waits: they
  // never crowd out the requests at hand.
  const ownRefreshes = createWorkLimiter(PROFILE_REFRESHES_AT_ONCE);
  const background = deps.background ?? ((job: () => Promise<void>) => ownRefreshes.run(job));
  const refreshLater = (identity: SlackIdentity, lookup: Promise<Profile>, key: string, created: ResolvedMember): void => {
    void background(async () => {
      try {
        const profile = await lookup;
        // A member this request created only lacks the profile: one write. Anyone else gets the
        // full refresh (changed name, language, an organisation now mappable).
        if (created.isNew) await deps.members.completeProfile(created.memberId, { ...profile, emailVerified: profile.email !== null });
        else await resolveWith(identity, profile);
        actors.delete(key); // the next request sees the refreshed name, language and organisation
      } catch (error) {
        deps.logger.warn({ err: error, userId: identity.userId }, "background profile refresh failed");
      }
    });
  };

  const resolve: ActorResolver = async (identity, client, options = {}) => {
    const key = `${identity.teamId}:${identity.userId}`;
    const cached = actors.get(key);
    if (cached && cached.until > now()) return cached.actor;
    const known = profiles.get(key);
    let profile: Profile;
    let resolved: ResolvedMember;
    let settledLocale: () => Promise<Locale>;
    if ((known && known.until > now()) || !options.lazyProfile) {
      profile = await profileOf(identity, client);
      resolved = await resolveWith(identity, profile);
      const locale = resolved.locale;
      settledLocale = () => Promise.resolve(locale);
    } else {
      const lookup = profileOf(identity, client);
      profile = payloadProfile(identity);
      resolved = await resolveWith(identity, profile);
      if (resolved.needsOrganization && (await emailCanDecide(resolved.allianceId))) {
        // The e-mail decides the organisation of what this request records: worth the wait.
        profile = await lookup;
        resolved = await resolveWith(identity, profile);
        const locale = resolved.locale;
        settledLocale = () => Promise.resolve(locale);
      } else {
        refreshLater(identity, lookup, key, resolved);
        const fallback = resolved.locale;
        settledLocale = async () => {
          const found = (await lookup).locale;
          return found ? toLocale(found, fallback) : fallback;
        };
      }
    }
    const alliance = await allianceOf(resolved.allianceId);
    const actor: SlackActor = { ...resolved, alliance, teamId: identity.teamId, userId: identity.userId, timeZone: profile.timezone ?? alliance.timezone, settledLocale };
    if (actors.size >= MAX_CACHED) actors.delete(actors.keys().next().value as string);
    // A member created just now is cached without the "new" flags, so they are not repeated.
    actors.set(key, { actor: { ...actor, isNew: false, allianceCreated: false }, until: now() + ACTOR_TTL_MS });
    return actor;
  };

  return {
    resolve,
    forget() {
      actors.clear();
      alliances.clear();
      organisationsByEmail.clear();
    },
  };
}
