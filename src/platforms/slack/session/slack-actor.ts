// Who is behind a Slack request, as the core sees them: resolves (and on first contact creates)
// the member, with their organisation (Slack Connect team → e-mail domain → asked once) and
// language (Slack locale → the alliance's). users.info is cached, and when Slack refuses it (429)
// the payload's own fields are used, so a burst of 200 clicks never depends on the Web API.
import type { webApi } from "@slack/bolt";
import { z } from "zod";
import type { Alliance } from "../../../core/alliance/alliance.js";
import type { AllianceService } from "../../../core/alliance/alliance-service.js";
import type { MemberService, ResolvedMember } from "../../../core/alliance/member-service.js";
import type { Logger } from "../../../logger.js";

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
}

/** Resolves the actor of a request with the request's Web API client. */
export type ActorResolver = (identity: SlackIdentity, client: webApi.WebClient) => Promise<SlackActor>;

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
const MAX_CACHED = 10_000;

/** How long a resolved actor is reused: a burst of clicks by one person costs one lookup. */
const ACTOR_TTL_MS = 30_000;

/** Builds the resolver; `forget` drops cached actors after changes to organisation or role. */
export function createActorResolver(deps: { members: MemberService; alliances: AllianceService; logger: Logger; now?: () => number }): {
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

  async function profileOf(identity: SlackIdentity, client: webApi.WebClient): Promise<Profile> {
    const key = `${identity.teamId}:${identity.userId}`;
    const hit = profiles.get(key);
    if (hit && hit.until > now()) return hit.profile;
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
      // No display name: the payload's username must not overwrite a real name already stored
      // (a new member has no name until users.info answers again).
      const fallback = { displayName: "", email: null, slackTeamId: identity.userTeamId ?? null, locale: null, timezone: null };
      profiles.set(key, { profile: fallback, until: now() + 60_000 });
      return fallback;
    }
    if (profiles.size >= MAX_CACHED) profiles.delete(profiles.keys().next().value as string);
    profiles.set(key, { profile, until: now() + PROFILE_TTL_MS });
    return profile;
  }

  const resolve: ActorResolver = async (identity, client) => {
    const key = `${identity.teamId}:${identity.userId}`;
    const cached = actors.get(key);
    if (cached && cached.until > now()) return cached.actor;
    const profile = await profileOf(identity, client);
    const resolved = await deps.members.resolveMember({
      platform: "slack",
      workspaceExternalId: identity.teamId,
      userExternalId: identity.userId,
      displayName: profile.displayName,
      email: profile.email,
      slackTeamId: profile.slackTeamId,
      locale: profile.locale,
      timezone: profile.timezone,
    });
    const alliance = await allianceOf(resolved.allianceId);
    const actor = { ...resolved, alliance, teamId: identity.teamId, userId: identity.userId, timeZone: profile.timezone ?? alliance.timezone };
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
    },
  };
}
