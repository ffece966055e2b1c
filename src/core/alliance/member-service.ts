// Membership: who someone is in the alliance, which partner organisation they belong to, and
// what they may do. Platforms call resolveMember on every command, click and message.
import { DomainError } from "../shared/errors.js";
import { toLocale, type Actor, type Locale, type Platform } from "../shared/refs.js";
import type { Organization } from "./alliance.js";
import type { AllianceRepository } from "./alliance-repository.js";
import type { AllianceService } from "./alliance-service.js";
import { actorOf, type Member, type Role } from "./member.js";
import type { MemberProfilePatch, MemberRepository } from "./member-repository.js";
import { matchOrganization } from "./organization-matching.js";
import { requireRole, requireSameAlliance } from "./roles.js";
import { SETUP_LIMITS } from "./setup-input.js";

/** What naming an unlisted organisation came to. */
export type OrganizationRequest =
  /** An organisation of that name existed, or an admin named it: the member is in it. */
  | { kind: "joined"; actor: Actor }
  /** A new organisation: it waits for one of `admins` to approve (nothing written yet). */
  | { kind: "requested"; name: string; member: Member; admins: Member[] };

/** The trimmed name, or INVALID_INPUT when it is empty or too long. */
function validOrganizationName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > SETUP_LIMITS.nameMaxLength) {
    throw new DomainError("INVALID_INPUT", "Organisation name empty or too long.", { reason: `1–${SETUP_LIMITS.nameMaxLength}` });
  }
  return trimmed;
}

/** What a platform knows about the user behind an incoming request. */
export interface ResolveMemberInput {
  platform: Platform;
  /** Slack team_id (enterprise_id for org-wide installs) | Teams tenant id. */
  workspaceExternalId: string;
  workspaceName?: string | null | undefined;
  userExternalId: string;
  /** Empty when the platform did not say (Teams join events): stored empty, never as the id. */
  displayName: string;
  email?: string | null | undefined;
  /**
   * True when the platform vouches for `email` (Slack users.info, the Teams member API): only
   * then may it make two members one person (core/alliance/person.ts).
   */
  emailVerified?: boolean | undefined;
  /** The user's own Slack team: for Slack Connect users it differs from the workspace. */
  slackTeamId?: string | null | undefined;
  /** The platform's locale tag for the user ("nl-NL"), when it sends one. */
  locale?: string | null | undefined;
  timezone?: string | null | undefined;
  /**
   * Asks the platform for the e-mail (and name) the request did not carry (Teams: the Bot
   * Connector member API). Called only while the member has no organisation and no e-mail, since
   * that is all it can help with; a failure counts as "nothing known".
   */
  lookupProfile?: (() => Promise<LookedUpProfile | null>) | undefined;
}

/** What a platform's profile lookup found. */
export interface LookedUpProfile {
  email?: string | null | undefined;
  /** True when the platform vouches for the e-mail (see ResolveMemberInput.emailVerified). */
  emailVerified?: boolean | undefined;
  displayName?: string | null | undefined;
}

/** The Actor plus what a platform needs to answer the request. */
export interface ResolvedMember extends Actor {
  /** Our Workspace.id. */
  workspaceId: string;
  /** Empty while no real name is known. */
  displayName: string;
  /** The language to answer in: the user's, else the alliance's. */
  locale: Locale;
  /** True when the platform should ask the member to choose their organisation (once). */
  needsOrganization: boolean;
  /** True when this request created the member. */
  isNew: boolean;
  /** True when this request also created the alliance (first contact of a fresh install). */
  allianceCreated: boolean;
}

/** The steering committee: members named steering, and the admins. */
export interface SteeringCommittee {
  steering: Member[];
  admins: Member[];
}

/** Member lookup, organisation mapping and roles. */
export class MemberService {
  constructor(
    private readonly deps: {
      alliances: AllianceRepository;
      members: MemberRepository;
      allianceService: AllianceService;
      /**
       * Called (and awaited) after a member's e-mail became verified, or changed while verified:
       * the member may now be one person with a member of another space, whose ballots cast
       * before must become one (core/polls/person-ballots.ts).
       */
      onEmailVerified?: ((memberId: string) => Promise<void>) | undefined;
    },
  ) {}

  /**
   * Finds or creates the member (one row however many concurrent requests), refreshes their
   * profile, maps their organisation when unknown, and makes the first member of a fresh
   * alliance its admin.
   */
  async resolveMember(input: ResolveMemberInput): Promise<ResolvedMember> {
    const { members, alliances } = this.deps;
    const platformLocale = input.locale ? toLocale(input.locale) : null;
    const bound = await this.deps.allianceService.ensureAllianceForWorkspace(
      input.platform,
      input.workspaceExternalId,
      input.workspaceName,
      platformLocale ? { locale: platformLocale } : {},
    );
    const { workspace, alliance } = bound;
    let member = await members.findByExternalId(workspace.id, input.userExternalId);
    input = await this.withLookedUpProfile(input, member);
    const hints = { slackTeamId: input.slackTeamId, email: input.email };
    let organizations: Organization[] | undefined;
    const match = async () => matchOrganization((organizations ??= await this.deps.allianceService.organizationsForMatching(alliance.id)), hints);

    let isNew = false;
    if (!member) {
      const created = await members.createIfAbsent(
        {
        allianceId: alliance.id,
        workspaceId: workspace.id,
        externalId: input.userExternalId,
        // No name is better than the id: greetings and cards would show "00000000-…".
        displayName: input.displayName.trim(),
        email: input.email?.trim() || null,
        emailVerified: Boolean(input.email?.trim() && input.emailVerified),
        organizationId: (await match())?.id ?? null,
        locale: platformLocale,
        timezone: input.timezone ?? null,
        },
        // The first member of a fresh alliance (its installer) becomes its admin; not whoever
        // happens to come next after the only admin was forgotten.
        { adminIfFirst: true },
      );
      member = created.member;
      isNew = created.created;
    }
    if (!isNew) member = await this.refresh(member, input, platformLocale, match);

    return {
      ...actorOf(member),
      workspaceId: workspace.id,
      displayName: member.displayName,
      locale: member.locale ?? alliance.locale,
      needsOrganization: member.organizationId === null,
      isNew,
      allianceCreated: bound.created,
    };
  }

  /**
   * Stores what a platform's profile lookup found for a member who was created without it (a
   * newcomer resolved from the request alone): one write, no organisation mapping, since the
   * platform only does this when an e-mail could not decide the organisation anyway.
   */
  async completeProfile(memberId: string, profile: Pick<ResolveMemberInput, "displayName" | "email" | "emailVerified" | "locale" | "timezone">): Promise<void> {
    const patch: MemberProfilePatch = {};
    if (profile.displayName.trim()) patch.displayName = profile.displayName.trim();
    if (profile.email?.trim()) {
      patch.email = profile.email.trim();
      patch.emailVerified = profile.emailVerified === true;
    }
    if (profile.locale) patch.locale = toLocale(profile.locale);
    if (profile.timezone) patch.timezone = profile.timezone;
    if (Object.keys(patch).length === 0) return;
    const updated = await this.deps.members.updateProfile(memberId, patch);
    // A newcomer's first vote may have been counted before this made them one person.
    if (patch.emailVerified && updated.emailVerified) await this.deps.onEmailVerified?.(memberId);
  }

  /** `input` completed by the platform's lookup, when the member still needs an e-mail to be mapped. */
  private async withLookedUpProfile(input: ResolveMemberInput, member: Member | null): Promise<ResolveMemberInput> {
    if (!input.lookupProfile || input.email?.trim()) return input;
    // Also asked while the member's e-mail is not verified yet (rows from before verification
    // was recorded): a verified one is what makes them one person across spaces.
    if (member && member.emailVerified) return input;
    if (member && member.organizationId !== null && !member.email) return input;
    const found = await input.lookupProfile().catch(() => null);
    if (!found) return input;
    return {
      ...input,
      email: found.email?.trim() || null,
      emailVerified: found.emailVerified === true,
      displayName: input.displayName.trim() || found.displayName?.trim() || "",
    };
  }

  private async refresh(
    member: Member,
    input: ResolveMemberInput,
    locale: Locale | null,
    match: () => Promise<Organization | null>,
  ): Promise<Member> {
    const patch: MemberProfilePatch = {};
    const displayName = input.displayName.trim();
    if (displayName && displayName !== member.displayName) patch.displayName = displayName;
    // Rows from before names could be empty hold the platform id as their name: clear it.
    else if (!displayName && member.displayName === member.externalId) patch.displayName = "";
    const email = input.email?.trim();
    if (email && email !== member.email) patch.email = email;
    const verified = input.emailVerified === true;
    if (email && verified !== member.emailVerified) patch.emailVerified = verified;
    if (locale && locale !== member.locale) patch.locale = locale;
    if (input.timezone && input.timezone !== member.timezone) patch.timezone = input.timezone;
    let current = Object.keys(patch).length > 0 ? await this.deps.members.updateProfile(member.id, patch) : member;
    const becameVerified = current.emailVerified && (!member.emailVerified || (typeof patch.email === "string" && patch.email.toLowerCase() !== member.email?.toLowerCase()));
    if (becameVerified) await this.deps.onEmailVerified?.(current.id);
    // Only an unknown organisation is (re)mapped: a choice or an admin's correction sticks.
    if (current.organizationId === null) {
      const org = await match();
      if (org) current = await this.deps.members.setOrganization(current.id, org.id);
    }
    return current;
  }

  /** The member's Actor; NOT_FOUND for an unknown id, MEMBER_ERASED after "forget me". */
  async getActor(memberId: string): Promise<Actor> {
    return actorOf(await this.liveMember(memberId));
  }

  /** The member as stored (NOT_FOUND / MEMBER_ERASED). */
  async getMember(memberId: string): Promise<Member> {
    return this.liveMember(memberId);
  }

  /** The member picks their organisation (asked once, when it could not be derived). */
  async chooseOrganization(memberId: string, organizationId: string): Promise<Actor> {
    const member = await this.liveMember(memberId);
    const org = await this.organizationOf(member.allianceId, organizationId);
    if (member.organizationId === org.id) return actorOf(member);
    if (member.organizationId !== null) {
      throw new DomainError("FORBIDDEN", "Only an admin can change a member's organisation once it is set.");
    }
    return actorOf(await this.deps.members.setOrganization(member.id, org.id));
  }

  /**
   * A member names an organisation that is not listed ("Not listed?"). An existing organisation
   * of that name (any case) is joined. A new partner organisation changes the alliance, so only an
   * admin creates one: an admin's own request does; a member's waits for an admin's approval
   * (nothing is written; the platform asks the returned admins, see approveOrganization).
   */
  async requestOrganization(memberId: string, name: string): Promise<OrganizationRequest> {
    const member = await this.liveMember(memberId);
    if (member.organizationId !== null) {
      throw new DomainError("FORBIDDEN", "Only an admin can change a member's organisation once it is set.");
    }
    const trimmed = validOrganizationName(name);
    const same = (await this.deps.alliances.listOrganizations(member.allianceId)).find((org) => org.name.toLocaleLowerCase() === trimmed.toLocaleLowerCase());
    if (same || member.role === "admin") {
      const org = same ?? (await this.addOrganization(member.allianceId, trimmed));
      return { kind: "joined", actor: actorOf(await this.deps.members.setOrganization(member.id, org.id)) };
    }
    const admins = (await this.deps.members.list(member.allianceId, { role: "admin" })).filter((m) => !m.erasedAt);
    return { kind: "requested", name: trimmed, member, admins };
  }

  /**
   * An admin approves a member's request: the organisation is created (or joined, if one of that
   * name exists by now) and the member put in it. A member whose organisation was set meanwhile
   * keeps it (a second admin pressing Approve changes nothing).
   */
  async approveOrganization(admin: Actor, memberId: string, name: string): Promise<{ actor: Actor; organization: Organization; member: Member }> {
    requireRole(admin, "admin");
    const member = await this.liveMember(memberId);
    requireSameAlliance(admin, member.allianceId);
    if (member.organizationId !== null) {
      return { actor: actorOf(member), organization: await this.organizationOf(member.allianceId, member.organizationId), member };
    }
    const trimmed = validOrganizationName(name);
    const same = (await this.deps.alliances.listOrganizations(member.allianceId)).find((org) => org.name.toLocaleLowerCase() === trimmed.toLocaleLowerCase());
    const organization = same ?? (await this.addOrganization(member.allianceId, trimmed));
    const updated = await this.deps.members.setOrganization(member.id, organization.id);
    return { actor: actorOf(updated), organization, member: updated };
  }

  /** A new partner organisation, within the setup's limit. */
  private async addOrganization(allianceId: string, name: string): Promise<Organization> {
    const existing = await this.deps.alliances.listOrganizations(allianceId);
    if (existing.length >= SETUP_LIMITS.maxOrganizations) {
      throw new DomainError("ALLIANCE_TOO_MANY_ORGANIZATIONS", "Alliance has the maximum number of organisations.", { max: SETUP_LIMITS.maxOrganizations });
    }
    const added = await this.deps.alliances.addOrganization(allianceId, { name, emailDomains: [], slackTeamIds: [] });
    this.deps.allianceService.forgetCached();
    return added;
  }

  /** An admin corrects a member's organisation (null: unknown, the member is asked again). */
  async assignOrganization(admin: Actor, memberId: string, organizationId: string | null): Promise<Actor> {
    requireRole(admin, "admin");
    const member = await this.liveMember(memberId);
    requireSameAlliance(admin, member.allianceId);
    const orgId = organizationId === null ? null : (await this.organizationOf(member.allianceId, organizationId)).id;
    return actorOf(await this.deps.members.setOrganization(member.id, orgId));
  }

  /** An admin changes a member's role; the alliance always keeps at least one admin. */
  async setRole(admin: Actor, memberId: string, role: Role): Promise<Actor> {
    requireRole(admin, "admin");
    const member = await this.liveMember(memberId);
    requireSameAlliance(admin, member.allianceId);
    if (member.role === role) return actorOf(member);
    if (member.role === "admin" && (await this.deps.members.countAdmins(member.allianceId)) <= 1) {
      throw new DomainError("ALLIANCE_LAST_ADMIN", "An alliance needs at least one admin.");
    }
    return actorOf(await this.deps.members.setRole(member.id, role));
  }

  /**
   * Who sees "steering committee only" results: the members named steering, and the admins (who
   * may do everything steering may). Forgotten members are left out.
   */
  async steeringCommittee(allianceId: string): Promise<SteeringCommittee> {
    const [steering, admins] = await Promise.all([this.deps.members.list(allianceId, { role: "steering" }), this.deps.members.list(allianceId, { role: "admin" })]);
    return { steering: steering.filter((m) => !m.erasedAt), admins: admins.filter((m) => !m.erasedAt) };
  }

  /**
   * An admin names steering members (`add`) or takes them off (`remove`, back to member). Admins
   * stay admins either way (their role already includes steering); ids of another alliance are
   * refused. Returns the committee afterwards.
   */
  async changeSteering(admin: Actor, change: { add?: readonly string[]; remove?: readonly string[] }): Promise<SteeringCommittee> {
    requireRole(admin, "admin");
    const members = await Promise.all([...(change.add ?? []), ...(change.remove ?? [])].map((id) => this.liveMember(id)));
    for (const member of members) requireSameAlliance(admin, member.allianceId);
    const removing = new Set(change.remove ?? []);
    for (const member of members) {
      if (removing.has(member.id) && member.role === "steering") await this.deps.members.setRole(member.id, "member");
      else if (!removing.has(member.id) && member.role === "member") await this.deps.members.setRole(member.id, "steering");
    }
    return this.steeringCommittee(admin.allianceId);
  }

  /** The alliance's members (for the admin's mapping screen); steering and admins only. */
  async listMembers(actor: Actor, filter: { organizationId?: string | null; role?: Role } = {}): Promise<Member[]> {
    requireRole(actor, "steering");
    return this.deps.members.list(actor.allianceId, filter);
  }

  private async liveMember(memberId: string): Promise<Member> {
    const member = await this.deps.members.get(memberId);
    if (!member) throw new DomainError("NOT_FOUND", `No member ${memberId}.`);
    if (member.erasedAt) throw new DomainError("MEMBER_ERASED", `Member ${memberId} was forgotten.`);
    return member;
  }

  private async organizationOf(allianceId: string, organizationId: string): Promise<Organization> {
    const org = await this.deps.alliances.getOrganization(organizationId);
    // Another alliance's organisation is reported as unknown, never as "forbidden", so ids don't leak.
    if (!org || org.allianceId !== allianceId) throw new DomainError("NOT_FOUND", `No organisation ${organizationId} in ${allianceId}.`);
    return org;
  }
}
