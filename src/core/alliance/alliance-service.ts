// Alliance administration: the alliance a workspace belongs to (created with defaults on first
// contact so a fresh install works at once) and the setup an admin submits (DESIGN.md §2.6).
import { DomainError } from "../shared/errors.js";
import type { Actor, Locale, Platform } from "../shared/refs.js";
import type { Alliance, Organization } from "./alliance.js";
import { defaultAllianceSettings } from "./alliance-defaults.js";
import type { AllianceRepository, OrganizationDraft } from "./alliance-repository.js";
import type { MemberRepository } from "./member-repository.js";
import { matchOrganization } from "./organization-matching.js";
import { hasRole, requireRole } from "./roles.js";
import { validateSetup, type SetupFieldError, type SetupInput, type SetupInputRaw } from "./setup-input.js";
import type { Workspace } from "./workspace.js";
import type { SpaceRepository } from "./space-repository.js";
import type { WorkspaceRepository } from "./workspace-repository.js";
import { createTtlCache } from "../shared/ttl-cache.js";

/**
 * How long a workspace's alliance binding and an alliance's organisations are reused without a
 * read. Every request of every member needs both; they change only on setup, linking and merges.
 * A change made here drops them at once; one made by another bot instance is seen within this.
 */
const DEFINITION_TTL_MS = 3_000;

/** A workspace together with the alliance it is bound to. */
export interface BoundWorkspace {
  workspace: Workspace & { allianceId: string };
  alliance: Alliance;
  /** True when this call created the alliance (first contact). */
  created: boolean;
}

/** The outcome of submitting the setup form: saved, or every field error to show in place. */
export type SetupResult =
  | { ok: true; alliance: Alliance; organizations: Organization[]; actor: Actor; membersMapped: number }
  | { ok: false; errors: SetupFieldError[] };

/** What the services of this module need. */
export interface AllianceServiceDeps {
  alliances: AllianceRepository;
  workspaces: WorkspaceRepository;
  members: MemberRepository;
  /** Where each space keeps its own channels; setup records the steering channel there too. */
  spaces?: Pick<SpaceRepository, "setChannel" | "listSpaces"> | undefined;
}

/** Alliance-level administration. */
export class AllianceService {
  private readonly bindings = createTtlCache<BoundWorkspace>({ ttlMs: DEFINITION_TTL_MS });
  private readonly organizations = createTtlCache<Organization[]>({ ttlMs: DEFINITION_TTL_MS });

  constructor(private readonly deps: AllianceServiceDeps) {}

  /**
   * Drops the cached bindings and organisations: called after anything that changes an
   * alliance's settings, its organisations or which alliance a workspace belongs to.
   */
  forgetCached(): void {
    this.bindings.clear();
    this.organizations.clear();
  }

  /**
   * The alliance of the workspace, created with default settings on first contact. Safe under
   * concurrent first contacts: one alliance wins the binding, a losing draft is deleted.
   */
  async ensureAllianceForWorkspace(
    platform: Platform,
    externalWorkspaceId: string,
    name?: string | null,
    options: { locale?: Locale } = {},
  ): Promise<BoundWorkspace> {
    // The usual case: an already bound workspace seen in the last few seconds costs no read.
    const key = `${platform}:${externalWorkspaceId}`;
    const cached = await this.bindings.get(key, async () => null);
    if (cached && (name == null || cached.workspace.name === name)) return cached;
    const bound = await this.bind(platform, externalWorkspaceId, name, options);
    this.bindings.set(key, { ...bound, created: false });
    return bound;
  }

  private async bind(platform: Platform, externalWorkspaceId: string, name: string | null | undefined, options: { locale?: Locale }): Promise<BoundWorkspace> {
    const { alliances, workspaces } = this.deps;
    const workspace = await workspaces.ensure(platform, externalWorkspaceId, name ?? null);
    if (workspace.allianceId) {
      const alliance = await alliances.get(workspace.allianceId);
      if (alliance) return { workspace: { ...workspace, allianceId: alliance.id }, alliance, created: false };
    }
    const draft = await alliances.create(defaultAllianceSettings(name ?? workspace.name, options.locale));
    if (await workspaces.bindAllianceIfUnbound(workspace.id, draft.id)) {
      return { workspace: { ...workspace, allianceId: draft.id }, alliance: draft, created: true };
    }
    await alliances.delete(draft.id);
    const winner = await workspaces.get(workspace.id);
    const alliance = winner?.allianceId ? await alliances.get(winner.allianceId) : null;
    if (!winner || !alliance) throw new DomainError("CONFLICT", `Workspace ${workspace.id} lost its alliance while binding.`);
    return { workspace: { ...winner, allianceId: alliance.id }, alliance, created: false };
  }

  /** The alliance, or NOT_FOUND. */
  async getAlliance(allianceId: string): Promise<Alliance> {
    const alliance = await this.deps.alliances.get(allianceId);
    if (!alliance) throw new DomainError("NOT_FOUND", `No alliance ${allianceId}.`);
    return alliance;
  }

  /** The alliance a platform workspace belongs to, if it has been seen. */
  async findAllianceForWorkspace(platform: Platform, externalWorkspaceId: string): Promise<Alliance | null> {
    const workspace = await this.deps.workspaces.find(platform, externalWorkspaceId);
    return workspace?.allianceId ? this.deps.alliances.get(workspace.allianceId) : null;
  }

  /** The partner organisations, oldest first. */
  listOrganizations(allianceId: string): Promise<Organization[]> {
    return this.deps.alliances.listOrganizations(allianceId);
  }

  /**
   * The partner organisations as a few seconds ago at most, for mapping newcomers (read on every
   * first contact). A member left unmapped by a stale list is mapped on their next request.
   */
  async organizationsForMatching(allianceId: string): Promise<Organization[]> {
    return (await this.organizations.get(allianceId, () => this.deps.alliances.listOrganizations(allianceId))) ?? [];
  }

  /**
   * The current settings as setup-form values, to pre-fill the form. With `workspaceId` (the
   * space setup runs in) the steering channel is that space's own: in an alliance of several
   * spaces another space's channel means nothing here (a Slack channel id of another workspace).
   */
  async currentSetup(allianceId: string, context: { workspaceId?: string } = {}): Promise<SetupInputRaw> {
    const alliance = await this.getAlliance(allianceId);
    const organizations = await this.deps.alliances.listOrganizations(allianceId);
    const space = context.workspaceId && this.deps.spaces ? (await this.deps.spaces.listSpaces(allianceId)).find((s) => s.workspaceId === context.workspaceId) : undefined;
    const steering = space
      ? space.steeringConversationId && { conversationId: space.steeringConversationId, workspaceId: space.workspaceId }
      : alliance.steering && { conversationId: alliance.steering.conversationId, workspaceId: alliance.steering.workspaceId };
    return {
      name: alliance.name,
      organizations: organizations.map(({ id, name, emailDomains, slackTeamIds }) => ({ id, name, emailDomains, slackTeamIds })),
      steeringChannel: steering || null,
      ...(space ? { allianceChannel: space.allianceConversationId ? { conversationId: space.allianceConversationId } : null } : {}),
      summary: { ...alliance.summary },
      pulse: { ...alliance.pulse },
      uncertainty: alliance.uncertainty,
      anonymityThreshold: alliance.anonymityThreshold,
      cultureFlagThreshold: alliance.cultureFlagThreshold,
      commitmentReminderDays: alliance.commitmentReminderDays,
      locale: alliance.locale,
      timezone: alliance.timezone,
    };
  }

  /**
   * Saves a submitted setup. Admins only; when the alliance has no admin (fresh install, or the
   * admin was forgotten) the person running setup becomes its admin. `workspaceId` is our id of
   * the workspace setup runs in (the default for the steering channel's workspace).
   */
  async applySetup(actor: Actor, raw: unknown, context: { workspaceId: string }): Promise<SetupResult> {
    const { alliances, members, workspaces } = this.deps;
    this.forgetCached();
    let current = actor;
    if (!hasRole(current, "admin") && (await members.claimAdminIfNone(actor.allianceId, actor.memberId))) {
      current = { ...actor, role: "admin" };
    }
    requireRole(current, "admin");
    const validation = validateSetup(raw);
    if (!validation.ok) return validation;
    const input = validation.value;
    const alliance = await this.getAlliance(current.allianceId);
    const existing = await alliances.listOrganizations(alliance.id);

    const drafts = this.matchDrafts(input, existing);
    const errors = [...this.unknownOrganizationIds(input, existing), ...(await this.checkRemovals(drafts, existing))];
    const steeringWorkspaceId = input.steeringChannel?.workspaceId ?? context.workspaceId;
    if (input.steeringChannel) {
      const steeringWorkspace = await workspaces.get(steeringWorkspaceId);
      if (steeringWorkspace?.allianceId !== alliance.id) {
        errors.push({ field: "steeringChannel", code: "INVALID_INPUT", details: { field: "steeringChannel", reason: "workspace of another alliance" } });
      }
    }
    if (errors.length > 0) return { ok: false, errors };

    const saved = await alliances.saveSetup(
      {
        ...alliance,
        name: input.name,
        locale: input.locale,
        timezone: input.timezone,
        anonymityThreshold: input.anonymityThreshold,
        uncertainty: input.uncertainty,
        cultureFlagThreshold: input.cultureFlagThreshold,
        commitmentReminderDays: input.commitmentReminderDays,
        steering: input.steeringChannel
          ? { workspaceId: steeringWorkspaceId, conversationId: input.steeringChannel.conversationId }
          : null,
        summary: { ...input.summary },
        pulse: { ...input.pulse },
      },
      drafts,
    );
    // Channels belong to a space (DESIGN §2.7): the chosen channel is also its space's own, so
    // the summary reaches every linked space that chose one.
    await this.deps.spaces?.setChannel(steeringWorkspaceId, "steering", input.steeringChannel?.conversationId ?? null);
    this.forgetCached();
    // The alliance channel is always the space's where setup runs (alliance polls go there).
    if (input.allianceChannel !== undefined) await this.deps.spaces?.setChannel(context.workspaceId, "alliance", input.allianceChannel?.conversationId ?? null);
    const membersMapped = await this.mapUnassignedMembers(alliance.id, saved.organizations);
    return { ok: true, ...saved, actor: current, membersMapped };
  }

  /** Keeps ids of listed organisations; a draft without id but with an existing name reuses it. */
  private matchDrafts(input: SetupInput, existing: readonly Organization[]): OrganizationDraft[] {
    const byName = new Map(existing.map((org) => [org.name.toLocaleLowerCase(), org.id]));
    const ids = new Set(existing.map((org) => org.id));
    return input.organizations.map((org) => ({
      id: org.id && ids.has(org.id) ? org.id : byName.get(org.name.toLocaleLowerCase()),
      name: org.name,
      emailDomains: [...new Set(org.emailDomains)],
      slackTeamIds: [...new Set(org.slackTeamIds)],
    }));
  }

  /**
   * The form carries each listed organisation's id (Slack private_metadata, Teams card data), so an
   * id may be another alliance's or made up: refused under its row, nothing saved.
   */
  private unknownOrganizationIds(input: SetupInput, existing: readonly Organization[]): SetupFieldError[] {
    const ids = new Set(existing.map((org) => org.id));
    return input.organizations.flatMap((org, index) =>
      org.id && !ids.has(org.id) ? [{ field: `organizations.${index}.name`, code: "UNKNOWN_ORGANIZATION" as const, details: { field: "organization" } }] : [],
    );
  }

  /** An organisation that still has members cannot be removed (they would lose their organisation). */
  private async checkRemovals(drafts: readonly OrganizationDraft[], existing: readonly Organization[]): Promise<SetupFieldError[]> {
    const kept = new Set(drafts.map((draft) => draft.id).filter(Boolean));
    const errors: SetupFieldError[] = [];
    for (const org of existing.filter((o) => !kept.has(o.id))) {
      const count = await this.deps.members.countInOrganization(org.id);
      if (count > 0) {
        errors.push({ field: "organizations", code: "ALLIANCE_ORGANIZATION_IN_USE", details: { name: org.name, count } });
      }
    }
    return errors;
  }

  /** Members still without an organisation get one when the new mapping covers their e-mail. */
  private async mapUnassignedMembers(allianceId: string, organizations: readonly Organization[]): Promise<number> {
    let mapped = 0;
    for (const member of await this.deps.members.list(allianceId, { organizationId: null })) {
      const org = matchOrganization(organizations, { email: member.email });
      if (org) {
        await this.deps.members.setOrganization(member.id, org.id);
        mapped += 1;
      }
    }
    return mapped;
  }
}
