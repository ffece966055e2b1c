// Linking spaces into one alliance (DESIGN.md §2.7). An admin of a space in the alliance issues
// a one-time code; an admin of another space enters it, sees which alliance and partners they
// are about to join, and confirms. Every issue and every use — accepted or refused — is written
// to the audit trail. Only a space whose own alliance holds nothing yet may join as it is: its
// members and organisations (by name) are carried over; what the scheduler made for the empty
// alliance (summaries, unanswered pulse rounds) goes with it. A space with its own polls,
// agreements, culture assessments or pulse answers joins only by an explicit merge: the admin
// sees each of its organisations with a proposed partner of the alliance (same name) or "new",
// chooses, confirms, and everything moves in one transaction (previewMerge / confirmMerge).
import { DomainError, isDomainError } from "../shared/errors.js";
import type { Clock } from "../shared/clock.js";
import type { KeyedHasher } from "../shared/keyed-hash.js";
import type { Actor, Platform } from "../shared/refs.js";
import type { Alliance, Organization } from "./alliance.js";
import { defaultAllianceSettings } from "./alliance-defaults.js";
import type { AllianceRepository } from "./alliance-repository.js";
import type { MemberRepository } from "./member-repository.js";
import { hasRole, requireRole } from "./roles.js";
import { LINK_CODE_TTL_MS, NEW_ORGANIZATION, generateLinkCode, normalizeLinkCode, type LinkCode, type MergeOutcome, type OrganizationMapping } from "./space-link.js";
import type { SpaceRepository } from "./space-repository.js";
import type { WorkspaceRepository } from "./workspace-repository.js";

/** The acting member and the space (our Workspace.id) they act from. */
export type SpaceActor = Actor & { workspaceId: string };

/** What the joining admin confirms: the alliance, its partners and its spaces. */
export interface LinkPreview {
  allianceName: string;
  organizations: string[];
  spaces: { platform: Platform; name: string | null }[];
  /** The joining space's own organisations that are new to the alliance (added on confirm). */
  newOrganizations: string[];
}

/** The outcome of a confirmed link. */
export interface LinkResult {
  alliance: Alliance;
  organizations: Organization[];
  membersMoved: number;
}

/** What the admin of a space with history sees before merging: each organisation and its proposal. */
export interface MergePreview {
  allianceName: string;
  ownAllianceName: string;
  /** The alliance's organisations, the choices for each row. */
  targets: { id: string; name: string }[];
  /** The joining alliance's organisations with the proposed target: same name, else "new". */
  rows: { id: string; name: string; proposed: string }[];
  spaces: { platform: Platform; name: string | null }[];
}

/** The outcome of a confirmed merge, with names for telling the admins. */
export interface MergeResult extends MergeOutcome {
  alliance: Alliance;
  ownAllianceName: string;
  /** "Old name → name in the alliance", in the joining alliance's order. */
  mapping: { from: string; to: string; created: boolean }[];
}

export interface SpaceLinkDeps {
  spaces: SpaceRepository;
  alliances: AllianceRepository;
  workspaces: WorkspaceRepository;
  members: MemberRepository;
  /** Keyed hash for link codes (purpose "space-link-code/v1"). */
  hashCode: KeyedHasher;
  clock: Clock;
  /** Told after a workspace moved to another alliance (drops cached workspace bindings). */
  onSpacesMoved?: (() => void) | undefined;
}

/** The longest input taken as a code; anything longer is not one of ours. */
const MAX_TYPED_CODE = 40;

export class SpaceLinkService {
  constructor(private readonly deps: SpaceLinkDeps) {}

  /** A new one-time code into the actor's alliance; shown once, stored only as a keyed hash. */
  async issueCode(actor: SpaceActor): Promise<{ code: string; expiresAt: Date; alliance: Alliance }> {
    if (!hasRole(actor, "admin")) await this.log(actor.allianceId, actor, "code_refused", { reason: "FORBIDDEN" });
    requireRole(actor, "admin");
    const alliance = await this.alliance(actor.allianceId);
    const now = this.deps.clock.now();
    const code = generateLinkCode();
    const saved = await this.deps.spaces.saveCode({
      allianceId: alliance.id,
      workspaceId: actor.workspaceId,
      createdByMemberId: actor.memberId,
      codeHash: this.hash(code),
      createdAt: now,
      expiresAt: new Date(now.getTime() + LINK_CODE_TTL_MS),
    });
    await this.log(alliance.id, actor, "code_issued", { codeId: saved.id });
    return { code, expiresAt: saved.expiresAt, alliance };
  }

  /**
   * What entering a code shows: the join confirmation for a space without history, the merge
   * mapping for one with (without logging the join's LINK_MERGE_REQUIRED refusal on the way).
   */
  async previewEntry(actor: SpaceActor, typed: string): Promise<{ kind: "join"; preview: LinkPreview } | { kind: "merge"; preview: MergePreview }> {
    const { active } = await this.checked(actor, typed, "either");
    return active ? { kind: "merge", preview: await this.previewMerge(actor, typed) } : { kind: "join", preview: await this.previewLink(actor, typed) };
  }

  /** Checks the code without using it and says what the admin is about to join. */
  async previewLink(actor: SpaceActor, typed: string): Promise<LinkPreview> {
    const { code } = await this.checked(actor, typed);
    const organizations = await this.deps.alliances.listOrganizations(code.allianceId);
    const known = new Set(organizations.map((o) => o.name.toLocaleLowerCase()));
    const own = await this.deps.alliances.listOrganizations(actor.allianceId);
    const spaces = await this.deps.spaces.listSpaces(code.allianceId);
    return {
      allianceName: (await this.alliance(code.allianceId)).name,
      organizations: organizations.map((o) => o.name),
      spaces: spaces.map((s) => ({ platform: s.platform, name: s.name })),
      newOrganizations: own.filter((o) => !known.has(o.name.toLocaleLowerCase())).map((o) => o.name),
    };
  }

  /** Uses the code: the actor's space, its members and their organisations join the alliance. */
  async confirmLink(actor: SpaceActor, typed: string): Promise<LinkResult> {
    const { code, ownAllianceId } = await this.checked(actor, typed);
    const now = this.deps.clock.now();
    // The atomic claim decides a race between two confirmations of the same code.
    if (!(await this.deps.spaces.consumeCode(code.id, actor.workspaceId, now))) {
      await this.log(code.allianceId, actor, "code_refused", { codeId: code.id, reason: "LINK_CODE_USED" });
      throw new DomainError("LINK_CODE_USED", `link code ${code.id} was used concurrently`);
    }
    const organizationMap = await this.carryOrganizations(ownAllianceId, code.allianceId);
    const membersMoved = await this.deps.spaces.moveSpace(actor.workspaceId, code.allianceId, organizationMap);
    this.deps.onSpacesMoved?.();
    // The space's own alliance held nothing (checked) and now has no space: drop the empty shell.
    if ((await this.deps.spaces.listSpaces(ownAllianceId)).length === 0) await this.deps.alliances.delete(ownAllianceId);
    await this.log(code.allianceId, actor, "linked", { codeId: code.id });
    return {
      alliance: await this.alliance(code.allianceId),
      organizations: await this.deps.alliances.listOrganizations(code.allianceId),
      membersMoved,
    };
  }

  /** For a space whose own alliance has history: the mapping to choose, proposed by name. */
  async previewMerge(actor: SpaceActor, typed: string): Promise<MergePreview> {
    const { code, ownAllianceId } = await this.checked(actor, typed, "merge");
    const targets = await this.deps.alliances.listOrganizations(code.allianceId);
    const byName = new Map(targets.map((o) => [o.name.toLocaleLowerCase(), o.id]));
    const own = await this.deps.alliances.listOrganizations(ownAllianceId);
    return {
      allianceName: (await this.alliance(code.allianceId)).name,
      ownAllianceName: (await this.alliance(ownAllianceId)).name,
      targets: targets.map((o) => ({ id: o.id, name: o.name })),
      rows: own.map((o) => ({ id: o.id, name: o.name, proposed: byName.get(o.name.toLocaleLowerCase()) ?? NEW_ORGANIZATION })),
      spaces: (await this.deps.spaces.listSpaces(code.allianceId)).map((s) => ({ platform: s.platform, name: s.name })),
    };
  }

  /**
   * Uses the code and merges the actor's alliance into the code's as `mapping` says. Refused,
   * with nothing written, unless every organisation of the joining alliance is mapped onto one of
   * the alliance's or onto "new" (whose name must then be free there).
   */
  async confirmMerge(actor: SpaceActor, typed: string, mapping: OrganizationMapping): Promise<MergeResult> {
    const { code, ownAllianceId } = await this.checked(actor, typed, "merge");
    const own = await this.deps.alliances.listOrganizations(ownAllianceId);
    const targets = await this.deps.alliances.listOrganizations(code.allianceId);
    const targetIds = new Set(targets.map((o) => o.id));
    const refuse = async (error: DomainError): Promise<never> => {
      await this.log(code.allianceId, actor, "code_refused", { codeId: code.id, reason: error.code });
      throw error;
    };
    const missing = own.filter((o) => { const to = mapping[o.id]; return to === undefined || (to !== NEW_ORGANIZATION && !targetIds.has(to)); });
    if (missing.length > 0) await refuse(new DomainError("LINK_MERGE_MAPPING_INCOMPLETE", "merge mapping incomplete", { names: missing.map((o) => o.name).join(", ") }));
    const taken = new Set(targets.map((o) => o.name.toLocaleLowerCase()));
    const clash = own.find((o) => mapping[o.id] === NEW_ORGANIZATION && taken.has(o.name.toLocaleLowerCase()));
    if (clash) await refuse(new DomainError("LINK_MERGE_MAPPING_INVALID", `organisation name ${clash.name} is taken`, { name: clash.name }));
    const ownAllianceName = (await this.alliance(ownAllianceId)).name;
    if (!(await this.deps.spaces.consumeCode(code.id, actor.workspaceId, this.deps.clock.now()))) {
      await refuse(new DomainError("LINK_CODE_USED", `link code ${code.id} was used concurrently`));
    }
    const outcome = await this.deps.spaces.mergeAlliance(ownAllianceId, code.allianceId, mapping);
    this.deps.onSpacesMoved?.();
    await this.log(code.allianceId, actor, "linked", { codeId: code.id, reason: "merged" });
    const names = new Map((await this.deps.alliances.listOrganizations(code.allianceId)).map((o) => [o.id, o.name]));
    return {
      ...outcome,
      alliance: await this.alliance(code.allianceId),
      ownAllianceName,
      mapping: own.map((o) => ({ from: o.name, to: names.get(outcome.organizationMap[o.id]!) ?? o.name, created: mapping[o.id] === NEW_ORGANIZATION })),
    };
  }

  /**
   * Takes the actor's space out of the alliance into an alliance of its own (same settings, its
   * members' organisations carried over by name). The alliance keeps its history: polls,
   * agreements, pulse figures and summaries stay where they were made.
   */
  async unlink(actor: SpaceActor): Promise<{ left: Alliance; alliance: Alliance }> {
    requireRole(actor, "admin");
    const left = await this.alliance(actor.allianceId);
    const spaces = await this.deps.spaces.listSpaces(left.id);
    if (spaces.length <= 1 || !spaces.some((s) => s.workspaceId === actor.workspaceId)) {
      throw new DomainError("LINK_NOT_LINKED", `space ${actor.workspaceId} is the only space of ${left.id}`);
    }
    const { id: _id, steering: _steering, ...settings } = left;
    const workspace = await this.deps.workspaces.get(actor.workspaceId);
    const fresh = await this.deps.alliances.create({ ...settings, steering: null, name: defaultAllianceSettings(workspace?.name).name });
    const used = new Set(
      (await this.deps.members.list(left.id)).filter((m) => m.workspaceId === actor.workspaceId && m.organizationId).map((m) => m.organizationId!),
    );
    const map: Record<string, string> = {};
    for (const org of await this.deps.alliances.listOrganizations(left.id)) {
      if (!used.has(org.id)) continue;
      map[org.id] = (await this.deps.alliances.addOrganization(fresh.id, { name: org.name, emailDomains: org.emailDomains, slackTeamIds: org.slackTeamIds })).id;
    }
    await this.deps.spaces.moveSpace(actor.workspaceId, fresh.id, map);
    this.deps.onSpacesMoved?.();
    if (left.steering?.workspaceId === actor.workspaceId) {
      // The steering channel it named is in the space that left; each remaining space keeps its own.
      const organizations = await this.deps.alliances.listOrganizations(left.id);
      await this.deps.alliances.saveSetup({ ...left, steering: null }, organizations);
    }
    await this.log(left.id, actor, "unlinked", {});
    return { left, alliance: fresh };
  }

  /** The code and the actor's space pass every rule; each refusal is logged, then thrown. */
  private async checked(actor: SpaceActor, typed: string, how: "join" | "merge" | "either" = "join"): Promise<{ code: LinkCode; ownAllianceId: string; active: boolean }> {
    let codeAlliance = actor.allianceId;
    let codeId: string | null = null;
    try {
      requireRole(actor, "admin");
      const normalized = normalizeLinkCode(typed);
      const code = normalized && normalized.length <= MAX_TYPED_CODE ? await this.deps.spaces.findCodeByHash(this.hash(normalized)) : null;
      if (!code) throw new DomainError("LINK_CODE_UNKNOWN", "no such link code");
      codeAlliance = code.allianceId;
      codeId = code.id;
      if (code.usedAt) throw new DomainError("LINK_CODE_USED", `link code ${code.id} was used`);
      if (code.expiresAt.getTime() <= this.deps.clock.now().getTime()) throw new DomainError("LINK_CODE_EXPIRED", `link code ${code.id} expired`);
      const workspace = await this.deps.workspaces.get(actor.workspaceId);
      const ownAllianceId = workspace?.allianceId;
      if (!ownAllianceId) throw new DomainError("NOT_FOUND", `space ${actor.workspaceId} has no alliance`);
      if (ownAllianceId === code.allianceId) throw new DomainError("LINK_ALREADY_LINKED", "space already in this alliance");
      const ownSpaces = await this.deps.spaces.listSpaces(ownAllianceId);
      if (ownSpaces.length > 1) {
        // Moving one space out of a linked alliance would split it; its admin must unlink first.
        throw new DomainError("LINK_SPACE_IN_OTHER_ALLIANCE", "space is linked into another alliance", { alliance: (await this.alliance(ownAllianceId)).name });
      }
      const active = await this.deps.spaces.hasActivity(ownAllianceId);
      if (active && how === "join") {
        throw new DomainError("LINK_MERGE_REQUIRED", "space's own alliance has data; it joins only by a merge", { alliance: (await this.alliance(ownAllianceId)).name });
      }
      // A fresh space joins as it is; a merge would only make the admin map for nothing.
      if (!active && how === "merge") throw new DomainError("LINK_MERGE_NOT_NEEDED", "space's own alliance is empty");
      return { code, ownAllianceId, active };
    } catch (error) {
      if (isDomainError(error)) await this.log(codeAlliance, actor, "code_refused", { codeId, reason: error.code });
      throw error;
    }
  }

  /** The joining alliance's organisations → the target's of the same name, else new ones there. */
  private async carryOrganizations(fromAllianceId: string, toAllianceId: string): Promise<Record<string, string>> {
    const map: Record<string, string> = {};
    for (const org of await this.deps.alliances.listOrganizations(fromAllianceId)) {
      // addOrganization returns the existing organisation of that name (any case).
      map[org.id] = (await this.deps.alliances.addOrganization(toAllianceId, { name: org.name, emailDomains: org.emailDomains, slackTeamIds: org.slackTeamIds })).id;
    }
    return map;
  }

  private hash(code: string): string {
    return this.deps.hashCode(normalizeLinkCode(code));
  }

  private async alliance(id: string): Promise<Alliance> {
    const alliance = await this.deps.alliances.get(id);
    if (!alliance) throw new DomainError("NOT_FOUND", `no alliance ${id}`);
    return alliance;
  }

  private log(allianceId: string, actor: SpaceActor, type: "code_issued" | "code_refused" | "linked" | "unlinked", extra: { codeId?: string | null; reason?: string }): Promise<void> {
    return this.deps.spaces.appendEvent({
      allianceId,
      workspaceId: actor.workspaceId,
      actorMemberId: actor.memberId,
      type,
      reason: extra.reason ?? null,
      codeId: extra.codeId ?? null,
      at: this.deps.clock.now(),
    });
  }
}
