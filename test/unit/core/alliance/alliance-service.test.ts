import { describe, expect, it } from "vitest";
import { isDomainError } from "#core/shared/errors.js";
import { allianceServices, memoryStores } from "../../../support/alliance-stores.js";

const partners = [
  { name: "Acme", emailDomains: ["acme.com"] },
  { name: "Globex", emailDomains: ["globex.io"] },
];

async function withAdmin() {
  const services = allianceServices(memoryStores());
  const admin = await services.memberService.resolveMember({ platform: "slack", workspaceExternalId: "T1", userExternalId: "U1", displayName: "Ann" });
  return { ...services, admin };
}

describe("AllianceService", () => {
  it("binds a workspace to one default alliance, also when first contacts race", async () => {
    const { allianceService, stores } = allianceServices(memoryStores());
    const results = await Promise.all(Array.from({ length: 8 }, () => allianceService.ensureAllianceForWorkspace("teams", "tenant-1", "Contoso")));
    expect(new Set(results.map((r) => r.alliance.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(results[0]!.alliance).toMatchObject({ name: "Contoso", anonymityThreshold: 5, locale: "en", timezone: "Europe/Amsterdam" });
    // The losing drafts were deleted, not left behind.
    const again = await allianceService.ensureAllianceForWorkspace("teams", "tenant-1");
    expect(again).toMatchObject({ created: false, alliance: { id: results[0]!.alliance.id } });
    expect(await stores.workspaces.listForAlliance(again.alliance.id)).toHaveLength(1);
  });

  it("saves a setup and pre-fills the form with it", async () => {
    const { allianceService, admin } = await withAdmin();
    const result = await allianceService.applySetup(
      admin,
      { name: "Delta", organizations: partners, steeringChannel: { conversationId: "C-steer" }, anonymityThreshold: 7, locale: "nl", timezone: "Europe/Brussels" },
      { workspaceId: admin.workspaceId },
    );
    expect(result.ok).toBe(true);
    const form = await allianceService.currentSetup(admin.allianceId);
    expect(form).toMatchObject({
      name: "Delta",
      anonymityThreshold: 7,
      locale: "nl",
      timezone: "Europe/Brussels",
      steeringChannel: { conversationId: "C-steer", workspaceId: admin.workspaceId },
    });
    expect(form.organizations.map((o) => o.name)).toEqual(["Acme", "Globex"]);
    // Saving the pre-filled form unchanged changes nothing.
    const again = await allianceService.applySetup(admin, form, { workspaceId: admin.workspaceId });
    expect(again.ok && again.organizations.map((o) => o.id)).toEqual(result.ok && result.organizations.map((o) => o.id));
  });

  it("returns every field error and saves nothing when the input is invalid", async () => {
    const { allianceService, admin } = await withAdmin();
    const result = await allianceService.applySetup(admin, { name: "", organizations: [{ name: "Solo" }], anonymityThreshold: 1 }, { workspaceId: admin.workspaceId });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.code).sort()).toEqual(["ALLIANCE_TOO_FEW_ORGANIZATIONS", "ANONYMITY_THRESHOLD_TOO_LOW", "INVALID_INPUT"]);
    expect(await allianceService.listOrganizations(admin.allianceId)).toEqual([]);
  });

  it("refuses a setup form carrying another alliance's or a made-up organisation id under its row, and saves nothing", async () => {
    const { allianceService, admin, memberService } = await withAdmin();
    const saved = await allianceService.applySetup(admin, { name: "Delta", organizations: partners }, { workspaceId: admin.workspaceId });
    const stranger = await memberService.resolveMember({ platform: "teams", workspaceExternalId: "tenant-x", userExternalId: "aad-x", displayName: "Xena" });
    const theirs = await allianceService.applySetup(stranger, { name: "Elsewhere", organizations: [{ name: "Initech" }, { name: "Umbrella" }] }, { workspaceId: stranger.workspaceId });
    const foreignId = theirs.ok ? theirs.organizations[0]!.id : "";
    const form = await allianceService.currentSetup(admin.allianceId);
    for (const id of [foreignId, "cmadeup0000000000000000000"]) {
      const result = await allianceService.applySetup(admin, { ...form, name: "Renamed", organizations: [form.organizations[0]!, { ...form.organizations[1]!, id }] }, { workspaceId: admin.workspaceId });
      expect(result.ok ? [] : result.errors.map((e) => [e.field, e.code])).toEqual([["organizations.1.name", "UNKNOWN_ORGANIZATION"]]);
    }
    expect(await allianceService.getAlliance(admin.allianceId)).toMatchObject({ name: "Delta" });
    expect((await allianceService.listOrganizations(admin.allianceId)).map((o) => o.id)).toEqual(saved.ok ? saved.organizations.map((o) => o.id) : []);
    expect((await allianceService.listOrganizations(stranger.allianceId)).map((o) => o.name)).toEqual(["Initech", "Umbrella"]);
  });

  it("refuses setup by a plain member with FORBIDDEN", async () => {
    const { allianceService, memberService } = await withAdmin();
    const member = await memberService.resolveMember({ platform: "slack", workspaceExternalId: "T1", userExternalId: "U2", displayName: "Bob" });
    await expect(allianceService.applySetup(member, { name: "X", organizations: partners }, { workspaceId: member.workspaceId })).rejects.toSatisfy(
      (e) => isDomainError(e, "FORBIDDEN"),
    );
  });

  it("makes the person running setup admin when the alliance has none", async () => {
    const { allianceService, privacyService, memberService, admin } = await withAdmin();
    const member = await memberService.resolveMember({ platform: "slack", workspaceExternalId: "T1", userExternalId: "U2", displayName: "Bob" });
    await privacyService.forgetMe(admin.memberId);
    const result = await allianceService.applySetup(member, { name: "X", organizations: partners }, { workspaceId: member.workspaceId });
    expect(result.ok && result.actor.role).toBe("admin");
  });

  it("renames an organisation in place (members keep it) and maps unassigned members by the new domains", async () => {
    const { allianceService, memberService, admin } = await withAdmin();
    const bob = await memberService.resolveMember({ platform: "slack", workspaceExternalId: "T1", userExternalId: "U2", displayName: "Bob", email: "bob@globex.io" });
    expect(bob.organizationId).toBeNull();
    const first = await allianceService.applySetup(admin, { name: "D", organizations: partners }, { workspaceId: admin.workspaceId });
    expect(first.ok && first.membersMapped).toBe(1);
    const globex = first.ok ? first.organizations[1]! : null;
    expect((await memberService.getActor(bob.memberId)).organizationId).toBe(globex?.id);
    const renamed = await allianceService.applySetup(
      admin,
      { name: "D", organizations: [partners[0]!, { id: globex!.id, name: "Globex Corp", emailDomains: ["globex.io"] }] },
      { workspaceId: admin.workspaceId },
    );
    expect(renamed.ok && renamed.organizations.find((o) => o.id === globex!.id)?.name).toBe("Globex Corp");
  });

  it("refuses to remove an organisation that still has members", async () => {
    const { allianceService, memberService, admin } = await withAdmin();
    await memberService.resolveMember({ platform: "slack", workspaceExternalId: "T1", userExternalId: "U2", displayName: "Bob", email: "bob@globex.io" });
    await allianceService.applySetup(admin, { name: "D", organizations: partners }, { workspaceId: admin.workspaceId });
    const result = await allianceService.applySetup(admin, { name: "D", organizations: [partners[0]!, { name: "Initech" }] }, { workspaceId: admin.workspaceId });
    expect(result.ok ? [] : result.errors).toEqual([{ field: "organizations", code: "ALLIANCE_ORGANIZATION_IN_USE", details: { name: "Globex", count: 1 } }]);
  });

  it("refuses a steering channel in another alliance's workspace", async () => {
    const { allianceService, admin } = await withAdmin();
    const other = await allianceService.ensureAllianceForWorkspace("slack", "T-other");
    const result = await allianceService.applySetup(
      admin,
      { name: "D", organizations: partners, steeringChannel: { conversationId: "C1", workspaceId: other.workspace.id } },
      { workspaceId: admin.workspaceId },
    );
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(["steeringChannel"]);
  });
});
