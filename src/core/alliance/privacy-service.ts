// "My data" (export) and "forget me" (erasure) for one member (DESIGN.md §2.6). The member row
// stays, blanked, so commitments and history read "former member"; anonymous answers were never
// linked to anyone and so are neither exported nor erasable per person — the export says so.
import { translate } from "../i18n/catalogue.js";
import type { Clock } from "../shared/clock.js";
import { DomainError } from "../shared/errors.js";
import type { Actor, Platform } from "../shared/refs.js";
import type { AllianceRepository } from "./alliance-repository.js";
import type { Member } from "./member.js";
import type { MemberRepository } from "./member-repository.js";
import type { MyDataExport, PersonalDataSource, PersonalDataSubject, PersonalRecord } from "./personal-data.js";
import { requireRole, requireSameAlliance } from "./roles.js";
import type { ConversationRepository, WorkspaceRepository } from "./workspace-repository.js";

/** What forgetting did. */
export interface ForgetResult {
  memberId: string;
  /** True when the member had already been forgotten (the call then only re-ran the clean-up). */
  alreadyErased: boolean;
}

/**
 * Who pressed a "forget me" confirmation: a member the platform resolved, or (Slack, which must not
 * create a member for someone already forgotten) the platform's own ids of workspace and user.
 */
export type ForgetRequester = { memberId: string } | { platform: Platform; workspaceExternalId: string; userExternalId: string };

/** What the privacy service needs; `sources` are the features' personal-data contributions. */
export interface PrivacyServiceDeps {
  alliances: AllianceRepository;
  members: MemberRepository;
  workspaces: WorkspaceRepository;
  conversations: ConversationRepository;
  sources: readonly PersonalDataSource[];
  clock: Clock;
}

/** Export and erasure of a member's personal data. */
export class PrivacyService {
  private readonly sources: PersonalDataSource[];

  constructor(private readonly deps: PrivacyServiceDeps) {
    this.sources = [...deps.sources];
  }

  /** Plugs in a feature's personal data (features built later register here at composition). */
  register(source: PersonalDataSource): void {
    if (this.sources.some((s) => s.feature === source.feature)) {
      throw new Error(`A personal-data source for "${source.feature}" is already registered.`);
    }
    this.sources.push(source);
  }

  /** The features that contribute personal data. */
  get features(): string[] {
    return this.sources.map((s) => s.feature);
  }

  /** Everything we hold about the member, structured and machine-readable (GDPR Art. 15, 20). */
  async exportMyData(memberId: string): Promise<MyDataExport> {
    const member = await this.deps.members.get(memberId);
    if (!member) throw new DomainError("NOT_FOUND", `No member ${memberId}.`);
    if (member.erasedAt) throw new DomainError("MEMBER_ERASED", `Member ${memberId} was forgotten.`);
    const [alliance, workspace] = await Promise.all([
      this.deps.alliances.get(member.allianceId),
      this.deps.workspaces.get(member.workspaceId),
    ]);
    if (!alliance) throw new DomainError("NOT_FOUND", `No alliance ${member.allianceId}.`);
    const organization = member.organizationId ? await this.deps.alliances.getOrganization(member.organizationId) : null;

    const subject = subjectOf(member);
    const sections: Record<string, readonly PersonalRecord[]> = {};
    for (const source of this.sources) {
      for (const section of await source.exportFor(subject)) {
        sections[section.key] = [...(sections[section.key] ?? []), ...section.records];
      }
    }
    const locale = member.locale ?? alliance.locale;
    return {
      format: "alliance-trust-bot/my-data@1",
      generatedAt: this.deps.clock.now().toISOString(),
      profile: {
        memberId: member.id,
        displayName: member.displayName,
        email: member.email,
        platform: workspace?.platform ?? "unknown",
        platformUserId: member.externalId,
        locale: member.locale,
        timezone: member.timezone,
        memberSince: member.createdAt.toISOString(),
      },
      alliance: { id: alliance.id, name: alliance.name },
      organization: organization ? { id: organization.id, name: organization.name } : null,
      role: member.role,
      sections,
      notIncluded: {
        anonymousAnswers: translate(locale, "alliance.myData.anonymousNote"),
        kinds: ["anonymous poll ballots", "pulse answers", "culture assessments"],
      },
    };
  }

  /**
   * Forgets the member: every feature erases or unlinks their data, their 1:1 conversations are
   * forgotten, and last the member row is blanked (so a failure part-way leaves the member
   * un-erased and a retry redoes it all). Idempotent.
   */
  async forgetMe(memberId: string): Promise<ForgetResult> {
    const member = await this.deps.members.get(memberId);
    if (!member) throw new DomainError("NOT_FOUND", `No member ${memberId}.`);
    const subject = subjectOf(member);
    for (const source of this.sources) await source.eraseFor(subject);
    await this.deps.conversations.deletePersonalConversations(member.id);
    if (member.erasedAt) return { memberId, alreadyErased: true };
    await this.deps.members.erase(member.id, this.deps.clock.now());
    return { memberId, alreadyErased: false };
  }

  /**
   * "Forget me" confirmed by a button that carries the member id it was shown to: only that
   * member may press it (the id comes from the client). Someone already forgotten has no
   * identity left to compare; pressing again only re-runs the idempotent clean-up.
   */
  async confirmForgetMe(requester: ForgetRequester, memberId: string): Promise<ForgetResult> {
    const member = await this.deps.members.get(memberId);
    if (!member) throw new DomainError("NOT_FOUND", `No member ${memberId}.`);
    if (!member.erasedAt && !(await this.isRequester(requester, member))) {
      throw new DomainError("FORBIDDEN", "only the member can forget themselves");
    }
    return this.forgetMe(memberId);
  }

  private async isRequester(requester: ForgetRequester, member: Member): Promise<boolean> {
    if ("memberId" in requester) return requester.memberId === member.id;
    const workspace = await this.deps.workspaces.get(member.workspaceId);
    return workspace?.platform === requester.platform && workspace?.externalId === requester.workspaceExternalId && member.externalId === requester.userExternalId;
  }

  /** An admin forgets another member (an erasure request that reached the alliance manager). */
  async forgetMember(admin: Actor, memberId: string): Promise<ForgetResult> {
    requireRole(admin, "admin");
    const member = await this.deps.members.get(memberId);
    if (!member) throw new DomainError("NOT_FOUND", `No member ${memberId}.`);
    requireSameAlliance(admin, member.allianceId);
    return this.forgetMe(memberId);
  }
}

function subjectOf(member: Member): PersonalDataSubject {
  return { memberId: member.id, allianceId: member.allianceId };
}
