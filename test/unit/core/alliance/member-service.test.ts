import { describe, expect, it } from "vitest";
import type { ResolveMemberInput } from "#core/alliance/member-service.js";
import { isDomainError } from "#core/shared/errors.js";
import { allianceServices, memoryStores } from "../../../support/alliance-stores.js";

const base: ResolveMemberInput = { platform: "slack", workspaceExternalId: "T1", userExternalId: "U1", displayName: "Ann" };
const user = (id: string, extra: Partial<ResolveMemberInput> = {}): ResolveMemberInput => ({ ...base, userExternalId: id, displayName: id, ...extra });

async function setup() {
  const stores = memoryStores();
  const services = allianceServices(stores);
  const admin = await services.memberService.resolveMember(user("U-admin", { email: "admin@acme.com" }));
  const result = await services.allianceService.applySetup(
    admin,
    {
      name: "Delta",
      organizations: [
        { name: "Acme", emailDomains: ["acme.com"], slackTeamIds: ["TACME"] },
        { name: "Globex", emailDomains: ["globex.io"] },
      ],
    },
    { workspaceId: admin.workspaceId },
  );
  if (!result.ok) throw new Error("setup failed");
  const [acme, globex] = result.organizations;
  return { ...services, stores, admin: { ...admin, organizationId: acme!.id }, acme: acme!, globex: globex! };
}

describe("MemberService", () => {
  it("creates the alliance on first contact and makes that first member its admin", async () => {
    const { memberService } = allianceServices(memoryStores());
    const first = await memberService.resolveMember(user("U1", { locale: "nl-NL" }));
    expect(first).toMatchObject({ role: "admin", isNew: true, allianceCreated: true, locale: "nl", needsOrganization: true });
    const second = await memberService.resolveMember(user("U2"));
    expect(second).toMatchObject({ role: "member", isNew: true, allianceCreated: false, allianceId: first.allianceId });
  });

  it("finds the same member on the next request and refreshes their profile", async () => {
    const { memberService } = allianceServices(memoryStores());
    const a = await memberService.resolveMember(user("U1"));
    const b = await memberService.resolveMember(user("U1", { displayName: "Ann B.", email: "ann@x.org" }));
    expect(b.memberId).toBe(a.memberId);
    expect(b).toMatchObject({ isNew: false, displayName: "Ann B." });
    expect((await memberService.getMember(a.memberId)).email).toBe("ann@x.org");
  });

  it("stores no name rather than the platform id when none is sent, and takes the real one when it arrives", async () => {
    const { memberService, stores } = allianceServices(memoryStores());
    const joined = await memberService.resolveMember(user("00000000-0000-0000-0000-000000000020", { displayName: "" }));
    expect(joined.displayName).toBe("");
    expect((await memberService.getMember(joined.memberId)).displayName).toBe("");
    expect((await memberService.resolveMember(user("00000000-0000-0000-0000-000000000020", { displayName: "  " }))).displayName).toBe("");
    expect((await memberService.resolveMember(user("00000000-0000-0000-0000-000000000020", { displayName: "Alex Wilber" }))).displayName).toBe("Alex Wilber");
    // A row stored earlier with the id as its name is not shown as a name, and is cleared.
    await stores.members.updateProfile(joined.memberId, { displayName: "00000000-0000-0000-0000-000000000020" });
    expect((await memberService.resolveMember(user("00000000-0000-0000-0000-000000000020", { displayName: "" }))).displayName).toBe("");
    expect((await memberService.getMember(joined.memberId)).displayName).toBe("");
  });

  it("gives one member and one admin when first requests arrive concurrently", async () => {
    const { memberService, stores } = allianceServices(memoryStores());
    const results = await Promise.all(Array.from({ length: 10 }, () => memberService.resolveMember(user("U1"))));
    expect(new Set(results.map((r) => r.memberId)).size).toBe(1);
    expect(results.filter((r) => r.isNew)).toHaveLength(1);
    expect(await stores.members.countAdmins(results[0]!.allianceId)).toBe(1);
  });

  it("maps the organisation from the Slack Connect team first, then the e-mail domain, else asks", async () => {
    const { memberService, acme, globex } = await setup();
    expect((await memberService.resolveMember(user("U2", { slackTeamId: "TACME", email: "x@globex.io" }))).organizationId).toBe(acme.id);
    expect((await memberService.resolveMember(user("U3", { email: "y@globex.io" }))).organizationId).toBe(globex.id);
    expect(await memberService.resolveMember(user("U4", { email: "z@gmail.com" }))).toMatchObject({ organizationId: null, needsOrganization: true });
  });

  it("maps a member who was unknown once their e-mail becomes known, but never overrides a choice", async () => {
    const { memberService, acme, globex } = await setup();
    const unknown = await memberService.resolveMember(user("U5"));
    expect(unknown.organizationId).toBeNull();
    expect((await memberService.resolveMember(user("U5", { email: "u5@globex.io" }))).organizationId).toBe(globex.id);
    await memberService.chooseOrganization((await memberService.resolveMember(user("U6"))).memberId, acme.id);
    expect((await memberService.resolveMember(user("U6", { email: "u6@globex.io" }))).organizationId).toBe(acme.id);
  });

  it("asks the platform for the e-mail only while the member has neither organisation nor a verified e-mail, and maps them by its domain", async () => {
    const { memberService, globex, acme } = await setup();
    const lookups: string[] = [];
    const lookup = (id: string, found: { email?: string; displayName?: string; emailVerified?: boolean } | null | Error) => () => {
      lookups.push(id);
      return found instanceof Error ? Promise.reject(found) : Promise.resolve(found);
    };
    const teams = (id: string, extra: Partial<ResolveMemberInput> = {}) => user(id, { displayName: "", ...extra });

    const joined = await memberService.resolveMember(teams("T1", { lookupProfile: lookup("T1", { email: "t1@globex.io", displayName: "Tess One", emailVerified: true }) }));
    expect(joined).toMatchObject({ organizationId: globex.id, displayName: "Tess One" });
    expect(await memberService.getMember(joined.memberId)).toMatchObject({ email: "t1@globex.io", emailVerified: true });
    await memberService.resolveMember(teams("T1", { lookupProfile: lookup("T1", null) }));
    expect(lookups).toEqual(["T1"]); // mapped and a verified e-mail known: never asked again

    // An e-mail the platform did not vouch for is asked again, until it does.
    const unverified = await memberService.resolveMember(teams("T5", { lookupProfile: lookup("T5", { email: "t5@globex.io" }) }));
    expect(await memberService.getMember(unverified.memberId)).toMatchObject({ email: "t5@globex.io", emailVerified: false });
    await memberService.resolveMember(teams("T5", { lookupProfile: lookup("T5", { email: "t5@globex.io", emailVerified: true }) }));
    expect(await memberService.getMember(unverified.memberId)).toMatchObject({ emailVerified: true });
    await memberService.resolveMember(teams("T5", { lookupProfile: lookup("T5", null) }));
    expect(lookups.splice(1)).toEqual(["T5", "T5"]);

    // An e-mail sent with the request, or an organisation already chosen, makes the lookup pointless.
    await memberService.resolveMember(teams("T2", { email: "t2@gmail.com", lookupProfile: lookup("T2", null) }));
    const chose = await memberService.resolveMember(teams("T3"));
    await memberService.chooseOrganization(chose.memberId, acme.id);
    await memberService.resolveMember(teams("T3", { lookupProfile: lookup("T3", null) }));
    expect(lookups).toEqual(["T1"]);

    // A failing or empty lookup leaves the member unmapped, to be asked again later.
    expect(await memberService.resolveMember(teams("T4", { lookupProfile: lookup("T4", new Error("403")) }))).toMatchObject({ organizationId: null, displayName: "" });
    expect(await memberService.resolveMember(teams("T4", { lookupProfile: lookup("T4", { email: "t4@gmail.com", emailVerified: true }) }))).toMatchObject({ organizationId: null });
    await memberService.resolveMember(teams("T4", { lookupProfile: lookup("T4", null) }));
    expect(lookups).toEqual(["T1", "T4", "T4"]); // the third request knew the e-mail from the second
  });

  it("lets a member choose their organisation once; changing it afterwards is for admins", async () => {
    const { memberService, acme, globex, admin } = await setup();
    const m = await memberService.resolveMember(user("U7"));
    expect((await memberService.chooseOrganization(m.memberId, acme.id)).organizationId).toBe(acme.id);
    expect((await memberService.chooseOrganization(m.memberId, acme.id)).organizationId).toBe(acme.id);
    await expect(memberService.chooseOrganization(m.memberId, globex.id)).rejects.toSatisfy((e) => isDomainError(e, "FORBIDDEN"));
    await expect(memberService.assignOrganization(m, m.memberId, globex.id)).rejects.toSatisfy((e) => isDomainError(e, "FORBIDDEN"));
    expect((await memberService.assignOrganization(admin, m.memberId, globex.id)).organizationId).toBe(globex.id);
  });

  it("reports another alliance's organisation as not found", async () => {
    const one = await setup();
    const other = await one.memberService.resolveMember(user("U1", { workspaceExternalId: "T-other" }));
    expect(other.allianceId).not.toBe(one.admin.allianceId);
    await expect(one.memberService.chooseOrganization(other.memberId, one.acme.id)).rejects.toSatisfy((e) => isDomainError(e, "NOT_FOUND"));
    await expect(one.memberService.assignOrganization(one.admin, other.memberId, null)).rejects.toSatisfy((e) => isDomainError(e, "FORBIDDEN"));
  });

  it("lets an admin name a new organisation and a member join an existing one of that name", async () => {
    const { memberService } = allianceServices(memoryStores());
    const a = await memberService.resolveMember(user("U1")); // first contact: the admin
    const b = await memberService.resolveMember(user("U2"));
    const first = await memberService.requestOrganization(a.memberId, "  Acme ");
    const second = await memberService.requestOrganization(b.memberId, "ACME");
    expect(first.kind === "joined" && second.kind === "joined" && second.actor.organizationId === first.actor.organizationId).toBe(true);
    await expect(memberService.requestOrganization(a.memberId, "Globex")).rejects.toSatisfy((e) => isDomainError(e, "FORBIDDEN"));
  });

  // Issue 11: any member could create a partner organisation through "Not listed?".
  it("makes a member's new organisation wait for an admin's approval, then creates it once", async () => {
    const { memberService, admin } = await setup();
    const m = await memberService.resolveMember(user("U9"));
    const request = await memberService.requestOrganization(m.memberId, "Initech");
    expect(request).toMatchObject({ kind: "requested", name: "Initech", admins: [expect.objectContaining({ id: admin.memberId })] });
    expect((await memberService.getMember(m.memberId)).organizationId).toBeNull(); // nothing written yet
    await expect(memberService.approveOrganization(m, m.memberId, "Initech")).rejects.toSatisfy((e) => isDomainError(e, "FORBIDDEN"));
    const approved = await memberService.approveOrganization(admin, m.memberId, "Initech");
    expect(approved.organization.name).toBe("Initech");
    expect(approved.actor.organizationId).toBe(approved.organization.id);
    const again = await memberService.approveOrganization(admin, m.memberId, "Initech"); // a second press
    expect(again.organization.id).toBe(approved.organization.id);
  });

  it("changes roles by admins only and never removes the last admin", async () => {
    const { memberService, admin } = await setup();
    const m = await memberService.resolveMember(user("U8"));
    await expect(memberService.setRole(m, m.memberId, "admin")).rejects.toSatisfy((e) => isDomainError(e, "FORBIDDEN"));
    await expect(memberService.setRole(admin, admin.memberId, "member")).rejects.toSatisfy((e) => isDomainError(e, "ALLIANCE_LAST_ADMIN"));
    expect((await memberService.setRole(admin, m.memberId, "steering")).role).toBe("steering");
    await memberService.setRole(admin, m.memberId, "admin");
    expect((await memberService.setRole(admin, admin.memberId, "member")).role).toBe("member");
  });

  it("lists members for steering and admins only", async () => {
    const { memberService, admin, acme } = await setup();
    const m = await memberService.resolveMember(user("U9", { email: "u9@acme.com" }));
    await expect(memberService.listMembers(m)).rejects.toSatisfy((e) => isDomainError(e, "FORBIDDEN"));
    const acmeMembers = await memberService.listMembers(admin, { organizationId: acme.id });
    expect(acmeMembers.map((x) => x.externalId).sort()).toEqual(["U-admin", "U9"]);
  });

  it("answers in the user's language, else the alliance's", async () => {
    const { memberService } = allianceServices(memoryStores());
    await memberService.resolveMember(user("U1", { locale: "nl-NL" }));
    expect((await memberService.resolveMember(user("U2"))).locale).toBe("nl");
    expect((await memberService.resolveMember(user("U3", { locale: "en-GB" }))).locale).toBe("en");
  });
});
