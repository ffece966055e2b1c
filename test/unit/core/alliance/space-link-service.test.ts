// Linking spaces into one alliance: the code's rules (single use, 24 hours, admins only, hashed),
// every refusal the issue names, the join itself and unlink — over the in-memory stores.
import { describe, expect, it } from "vitest";
import { AllianceService } from "#core/alliance/alliance-service.js";
import { MemberService } from "#core/alliance/member-service.js";
import { SpaceLinkService, type SpaceActor } from "#core/alliance/space-link-service.js";
import { buildLinkCodeText, buildLinkConfirmView } from "#core/alliance/space-link-views.js";
import { FixedClock } from "#core/shared/clock.js";
import { isDomainError, type DomainErrorCode } from "#core/shared/errors.js";
import { createKeyedHasher } from "#core/shared/keyed-hash.js";
import { InMemoryAllianceRepository } from "#storage/memory/in-memory-alliance-repository.js";
import { InMemoryMemberRepository } from "#storage/memory/in-memory-member-repository.js";
import { InMemorySpaceRepository } from "#storage/memory/in-memory-space-repository.js";
import { InMemoryWorkspaceRepository } from "#storage/memory/in-memory-workspace-repository.js";

const T0 = new Date("2026-12-03T09:00:00Z");
const HOUR = 3_600_000;

function world(options: { activeAlliances?: Set<string> } = {}) {
  const clock = new FixedClock(T0);
  const alliances = new InMemoryAllianceRepository();
  const workspaces = new InMemoryWorkspaceRepository();
  const members = new InMemoryMemberRepository();
  const active = options.activeAlliances ?? new Set<string>();
  const spaces = new InMemorySpaceRepository(workspaces, members, async (id) => active.has(id), alliances);
  const allianceService = new AllianceService({ alliances, workspaces, members, spaces });
  const memberService = new MemberService({ alliances, members, allianceService });
  const links = new SpaceLinkService({ spaces, alliances, workspaces, members, clock, hashCode: createKeyedHasher("a-test-secret-of-enough-length", "space-link-code/v1"), onSpacesMoved: () => allianceService.forgetCached() });
  /** A person in a space; the first one of a space's fresh alliance is its admin. */
  const person = (platform: "slack" | "teams", space: string, user: string, email?: string): Promise<SpaceActor> =>
    memberService.resolveMember({ platform, workspaceExternalId: space, workspaceName: space, userExternalId: user, displayName: user, email });
  return { clock, alliances, workspaces, members, spaces, allianceService, memberService, links, active, person };
}

/** A Slack workspace with a set-up alliance "Delta" (Acme, Globex) and its admin. */
async function slackAlliance(w: ReturnType<typeof world>) {
  const ann = await w.person("slack", "T-ACME", "U-ANN", "ann@acme.com");
  const setup = await w.allianceService.applySetup(
    ann,
    { name: "Delta", organizations: [{ name: "Acme", emailDomains: ["acme.com"] }, { name: "Globex", emailDomains: ["globex.io"] }], steeringChannel: { conversationId: "C-STEER" } },
    { workspaceId: ann.workspaceId },
  );
  if (!setup.ok) throw new Error("setup failed");
  return { ann: { ...ann, ...setup.actor }, delta: setup.alliance };
}

async function refusal(promise: Promise<unknown>): Promise<DomainErrorCode> {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("SpaceLinkService", () => {
  it("links a fresh Teams organisation into a Slack alliance after a confirmation naming the alliance and its partners", async () => {
    const w = world();
    const { ann, delta } = await slackAlliance(w);
    const { code, expiresAt } = await w.links.issueCode(ann);
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(expiresAt).toEqual(new Date(T0.getTime() + 24 * HOUR));

    const bob = await w.person("teams", "tenant-municipality", "aad-bob", "bob@city.nl");
    expect(bob.role).toBe("admin");
    await w.memberService.requestOrganization(bob.memberId, "City of Utrecht");
    const preview = await w.links.previewLink(bob, ` ${code.toLowerCase().replace(/-/g, " ")} `);
    expect(preview).toEqual({
      allianceName: "Delta",
      organizations: ["Acme", "Globex"],
      spaces: [{ platform: "slack", name: "T-ACME" }],
      newOrganizations: ["City of Utrecht"],
    });
    const view = buildLinkConfirmView("nl", preview, code);
    expect(view.title).toContain("Delta");
    expect(view.text).toContain("Acme en Globex");
    // Preview changes nothing.
    expect((await w.workspaces.get(bob.workspaceId))?.allianceId).toBe(bob.allianceId);

    const result = await w.links.confirmLink(bob, code);
    expect(result.alliance.id).toBe(delta.id);
    expect(result.organizations.map((o) => o.name)).toEqual(["Acme", "Globex", "City of Utrecht"]);
    expect((await w.workspaces.get(bob.workspaceId))?.allianceId).toBe(delta.id);
    const movedBob = await w.members.get(bob.memberId);
    expect(movedBob).toMatchObject({ allianceId: delta.id, organizationId: result.organizations[2]!.id, role: "admin" });
    // Bob's next request is resolved into Delta; his old, empty alliance is gone.
    expect((await w.person("teams", "tenant-municipality", "aad-bob")).allianceId).toBe(delta.id);
    expect(await w.alliances.get(bob.allianceId)).toBeNull();
    expect((await w.spaces.listSpaces(delta.id)).map((s) => s.platform)).toEqual(["slack", "teams"]);
    expect((await w.spaces.listEvents(delta.id)).map((e) => [e.type, e.workspaceId])).toEqual([
      ["code_issued", ann.workspaceId],
      ["linked", bob.workspaceId],
    ]);
  });

  it("hands the code over with how to enter it and when it expires, in the alliance's time zone", () => {
    const issued = { code: "ABCD-EFGH-JKMN", expiresAt: new Date("2026-12-04T09:00:00Z"), allianceName: "Delta", timeZone: "Europe/Amsterdam" };
    expect(buildLinkCodeText("en", "slack", issued)).toContain("/trust link ABCD-EFGH-JKMN");
    expect(buildLinkCodeText("en", "slack", issued)).toMatch(/December 4, 2026.*10:00/);
    const dutch = buildLinkCodeText("nl", "teams", issued);
    expect(dutch).toContain("koppelen ABCD-EFGH-JKMN");
    expect(dutch).toContain("4 december 2026");
  });

  it("stores only a keyed hash of the code", async () => {
    const w = world();
    const { ann } = await slackAlliance(w);
    const { code } = await w.links.issueCode(ann);
    const other = new SpaceLinkService({ ...w, hashCode: createKeyedHasher("another-secret-of-enough-length", "space-link-code/v1") });
    const bob = await w.person("teams", "tenant-b", "aad-bob");
    // A server with another secret cannot match it: the stored value is a keyed hash, not the code.
    expect(await refusal(other.previewLink(bob, code))).toBe("LINK_CODE_UNKNOWN");
    const stored = await w.spaces.findCodeByHash(createKeyedHasher("a-test-secret-of-enough-length", "space-link-code/v1")(code.replace(/-/g, "")));
    expect(stored?.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.codeHash).not.toContain(code.replace(/-/g, ""));
  });

  it("refuses an expired code (after 24 hours) and logs the refusal", async () => {
    const w = world();
    const { ann, delta } = await slackAlliance(w);
    const { code } = await w.links.issueCode(ann);
    const bob = await w.person("teams", "tenant-b", "aad-bob");
    w.clock.advance(24 * HOUR - 1);
    await expect(w.links.previewLink(bob, code)).resolves.toMatchObject({ allianceName: "Delta" });
    w.clock.advance(1);
    expect(await refusal(w.links.previewLink(bob, code))).toBe("LINK_CODE_EXPIRED");
    expect(await refusal(w.links.confirmLink(bob, code))).toBe("LINK_CODE_EXPIRED");
    expect((await w.workspaces.get(bob.workspaceId))?.allianceId).toBe(bob.allianceId);
    const refused = (await w.spaces.listEvents(delta.id)).filter((e) => e.type === "code_refused");
    expect(refused.map((e) => [e.reason, e.actorMemberId])).toEqual([["LINK_CODE_EXPIRED", bob.memberId], ["LINK_CODE_EXPIRED", bob.memberId]]);
  });

  it("refuses a reused code, also when two spaces confirm it at once", async () => {
    const w = world();
    const { ann, delta } = await slackAlliance(w);
    const { code } = await w.links.issueCode(ann);
    const bob = await w.person("teams", "tenant-b", "aad-bob");
    const cat = await w.person("slack", "T-OTHER", "U-CAT");
    const outcomes = await Promise.allSettled([w.links.confirmLink(bob, code), w.links.confirmLink(cat, code)]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const failed = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(isDomainError(failed.reason, "LINK_CODE_USED")).toBe(true);
    expect(await w.spaces.listSpaces(delta.id)).toHaveLength(2);
    const dave = await w.person("teams", "tenant-d", "aad-dave");
    expect(await refusal(w.links.previewLink(dave, code))).toBe("LINK_CODE_USED");
  });

  it("refuses a wrong code (and nonsense) without revealing anything, and logs it on the asker's alliance", async () => {
    const w = world();
    const { ann } = await slackAlliance(w);
    await w.links.issueCode(ann);
    const bob = await w.person("teams", "tenant-b", "aad-bob");
    expect(await refusal(w.links.previewLink(bob, "AAAA-BBBB-CCCC"))).toBe("LINK_CODE_UNKNOWN");
    expect(await refusal(w.links.previewLink(bob, "x".repeat(500)))).toBe("LINK_CODE_UNKNOWN");
    expect(await refusal(w.links.confirmLink(bob, ""))).toBe("LINK_CODE_UNKNOWN");
    expect((await w.spaces.listEvents(bob.allianceId)).map((e) => e.reason)).toEqual(["LINK_CODE_UNKNOWN", "LINK_CODE_UNKNOWN", "LINK_CODE_UNKNOWN"]);
  });

  it("lets only admins issue, use or unlink", async () => {
    const w = world();
    const { ann, delta } = await slackAlliance(w);
    const zoe = await w.person("slack", "T-ACME", "U-ZOE", "zoe@acme.com");
    expect(zoe.role).toBe("member");
    expect(await refusal(w.links.issueCode(zoe))).toBe("FORBIDDEN");
    const { code } = await w.links.issueCode(ann);
    const bob = await w.person("teams", "tenant-b", "aad-bob");
    const eve = await w.person("teams", "tenant-b", "aad-eve");
    expect(eve.role).toBe("member");
    expect(await refusal(w.links.previewLink(eve, code))).toBe("FORBIDDEN");
    expect(await refusal(w.links.confirmLink(eve, code))).toBe("FORBIDDEN");
    expect((await w.workspaces.get(eve.workspaceId))?.allianceId).toBe(eve.allianceId);
    expect((await w.spaces.listEvents(eve.allianceId)).map((e) => [e.type, e.reason])).toEqual([["code_refused", "FORBIDDEN"], ["code_refused", "FORBIDDEN"]]);
    await w.links.confirmLink(bob, code);
    expect(await refusal(w.links.unlink({ ...zoe, allianceId: delta.id }))).toBe("FORBIDDEN");
  });

  it("refuses to link a space that is already linked with others in a second alliance", async () => {
    const w = world();
    const { ann } = await slackAlliance(w);
    // A second alliance spanning two spaces: Bob's Teams tenant and Cat's Slack workspace.
    const bob = await w.person("teams", "tenant-b", "aad-bob");
    const cat = await w.person("slack", "T-OTHER", "U-CAT");
    await w.links.confirmLink(cat, (await w.links.issueCode(bob)).code);
    const catNow = await w.person("slack", "T-OTHER", "U-CAT");
    expect(catNow.allianceId).toBe(bob.allianceId);
    const { code } = await w.links.issueCode(ann);
    expect(await refusal(w.links.previewLink(catNow, code))).toBe("LINK_SPACE_IN_OTHER_ALLIANCE");
    expect(await refusal(w.links.confirmLink(bob, code))).toBe("LINK_SPACE_IN_OTHER_ALLIANCE");
    expect((await w.workspaces.get(catNow.workspaceId))?.allianceId).toBe(bob.allianceId);
    // The code was not used up by the refusals.
    const dave = await w.person("teams", "tenant-d", "aad-dave");
    await expect(w.links.confirmLink(dave, code)).resolves.toBeTruthy();
    // A space already in the alliance is told so.
    expect(await refusal(w.links.previewLink(ann, (await w.links.issueCode(ann)).code))).toBe("LINK_ALREADY_LINKED");
  });

  it("refuses a space whose own alliance has data (a merge would be needed) and changes nothing", async () => {
    const w = world();
    const { ann } = await slackAlliance(w);
    const bob = await w.person("teams", "tenant-b", "aad-bob");
    w.active.add(bob.allianceId);
    const { code } = await w.links.issueCode(ann);
    expect(await refusal(w.links.previewLink(bob, code))).toBe("LINK_MERGE_REQUIRED");
    expect(await refusal(w.links.confirmLink(bob, code))).toBe("LINK_MERGE_REQUIRED");
    expect((await w.workspaces.get(bob.workspaceId))?.allianceId).toBe(bob.allianceId);
    expect(await w.alliances.get(bob.allianceId)).not.toBeNull();
    expect((await w.spaces.findCodeByHash(createKeyedHasher("a-test-secret-of-enough-length", "space-link-code/v1")(code.replace(/-/g, ""))))?.usedAt).toBeNull();
  });

  it("unlinks a space into an alliance of its own; the alliance keeps its history and its other spaces", async () => {
    const w = world();
    const { ann, delta } = await slackAlliance(w);
    const bob = await w.person("teams", "tenant-b", "aad-bob", "bob@city.nl");
    await w.memberService.requestOrganization(bob.memberId, "City");
    await w.links.confirmLink(bob, (await w.links.issueCode(ann)).code);
    const bobIn = await w.person("teams", "tenant-b", "aad-bob");
    // Bob's space hosts the alliance-level steering channel now.
    await w.allianceService.applySetup(bobIn, { ...(await w.allianceService.currentSetup(delta.id)), steeringChannel: { conversationId: "19:steer", workspaceId: bobIn.workspaceId } }, { workspaceId: bobIn.workspaceId });

    const { left, alliance } = await w.links.unlink(bobIn);
    expect(left.id).toBe(delta.id);
    expect(alliance.id).not.toBe(delta.id);
    expect(alliance).toMatchObject({ name: "tenant-b", timezone: delta.timezone, steering: null });
    expect((await w.workspaces.get(bob.workspaceId))?.allianceId).toBe(alliance.id);
    const bobAfter = await w.members.get(bob.memberId);
    const ownOrgs = await w.alliances.listOrganizations(alliance.id);
    expect(ownOrgs.map((o) => o.name)).toEqual(["City"]);
    expect(bobAfter).toMatchObject({ allianceId: alliance.id, organizationId: ownOrgs[0]!.id });
    // Delta keeps its partners (City included: history may name it) and its Slack space.
    expect((await w.alliances.listOrganizations(delta.id)).map((o) => o.name)).toEqual(["Acme", "Globex", "City"]);
    expect((await w.spaces.listSpaces(delta.id)).map((s) => s.workspaceId)).toEqual([ann.workspaceId]);
    expect((await w.alliances.get(delta.id))?.steering).toBeNull();
    expect((await w.spaces.listEvents(delta.id)).map((e) => e.type)).toEqual(["code_issued", "linked", "unlinked"]);
    // The only space cannot be unlinked.
    expect(await refusal(w.links.unlink(ann))).toBe("LINK_NOT_LINKED");
  });

  it("keeps each space's own steering channel", async () => {
    const w = world();
    const { ann, delta } = await slackAlliance(w);
    const bob = await w.person("teams", "tenant-b", "aad-bob");
    await w.links.confirmLink(bob, (await w.links.issueCode(ann)).code);
    const bobIn = await w.person("teams", "tenant-b", "aad-bob");
    const setup = await w.allianceService.currentSetup(delta.id);
    await w.allianceService.applySetup(bobIn, { ...setup, steeringChannel: { conversationId: "19:steer", workspaceId: bobIn.workspaceId } }, { workspaceId: bobIn.workspaceId });
    expect((await w.spaces.listSpaces(delta.id)).map((s) => [s.platform, s.steeringConversationId])).toEqual([
      ["slack", "C-STEER"],
      ["teams", "19:steer"],
    ]);
    // Setup in each space is pre-filled with that space's own channel, never the other's.
    expect((await w.allianceService.currentSetup(delta.id, { workspaceId: bobIn.workspaceId })).steeringChannel).toEqual({ conversationId: "19:steer", workspaceId: bobIn.workspaceId });
    expect((await w.allianceService.currentSetup(delta.id, { workspaceId: ann.workspaceId })).steeringChannel).toEqual({ conversationId: "C-STEER", workspaceId: ann.workspaceId });
    const carol = await w.person("slack", "T-THIRD", "U-CAROL");
    await w.links.confirmLink(carol, (await w.links.issueCode(ann)).code);
    expect((await w.allianceService.currentSetup(delta.id, { workspaceId: carol.workspaceId })).steeringChannel).toBeNull();
  });

  it("merges a space with history only by a complete mapping: refuses an incomplete or clashing one with nothing written, then moves the members onto the chosen organisations", async () => {
    const w = world();
    const { ann, delta } = await slackAlliance(w);
    const bob = await w.person("teams", "tenant-b", "aad-bob", "bob@city.nl");
    const own = await w.allianceService.applySetup(
      bob,
      { name: "Rivers", organizations: [{ name: "ACME", emailDomains: ["acme.nl"] }, { name: "City", emailDomains: ["city.nl"] }, { name: "Globex", emailDomains: [] }] },
      { workspaceId: bob.workspaceId },
    );
    if (!own.ok) throw new Error("setup failed");
    const [acme, city, globex] = own.organizations;
    const dora = await w.person("teams", "tenant-b", "aad-dora", "dora@city.nl");
    w.active.add(bob.allianceId);
    const bobAdmin = { ...bob, ...own.actor };
    const { code } = await w.links.issueCode(ann);
    // A fresh space needs no merge; a space with history needs one.
    expect(await refusal(w.links.previewMerge(ann, (await w.links.issueCode(ann)).code))).toBe("LINK_ALREADY_LINKED");
    const targets = await w.alliances.listOrganizations(delta.id);
    const [deltaAcme, deltaGlobex] = targets;

    const preview = await w.links.previewMerge(bobAdmin, code);
    expect(preview).toMatchObject({ allianceName: "Delta", ownAllianceName: "Rivers", targets: [{ name: "Acme" }, { name: "Globex" }] });
    expect(preview.rows).toEqual([
      { id: acme!.id, name: "ACME", proposed: deltaAcme!.id },
      { id: city!.id, name: "City", proposed: "new" },
      { id: globex!.id, name: "Globex", proposed: deltaGlobex!.id },
    ]);

    // Incomplete: City has no choice; a made-up target counts as none.
    expect(await refusal(w.links.confirmMerge(bobAdmin, code, { [acme!.id]: deltaAcme!.id, [globex!.id]: deltaGlobex!.id }))).toBe("LINK_MERGE_MAPPING_INCOMPLETE");
    expect(await refusal(w.links.confirmMerge(bobAdmin, code, { [acme!.id]: deltaAcme!.id, [city!.id]: "org-of-nobody", [globex!.id]: deltaGlobex!.id }))).toBe("LINK_MERGE_MAPPING_INCOMPLETE");
    // "New" under a name the alliance already has would make two partners of one name.
    expect(await refusal(w.links.confirmMerge(bobAdmin, code, { [acme!.id]: "new", [city!.id]: "new", [globex!.id]: deltaGlobex!.id }))).toBe("LINK_MERGE_MAPPING_INVALID");
    expect((await w.workspaces.get(bob.workspaceId))?.allianceId).toBe(bob.allianceId);
    expect(await w.alliances.listOrganizations(delta.id)).toHaveLength(2);
    expect((await w.spaces.listEvents(delta.id)).filter((e) => e.type === "code_refused").map((e) => e.reason)).toEqual(
      expect.arrayContaining(["LINK_MERGE_MAPPING_INCOMPLETE", "LINK_MERGE_MAPPING_INVALID"]),
    );

    const result = await w.links.confirmMerge(bobAdmin, code, { [acme!.id]: deltaAcme!.id, [city!.id]: "new", [globex!.id]: deltaAcme!.id });
    expect(result.mapping).toEqual([
      { from: "ACME", to: "Acme", created: false },
      { from: "City", to: "City", created: true },
      { from: "Globex", to: "Acme", created: false },
    ]);
    expect(result.membersMoved).toBe(2);
    const cityInDelta = (await w.alliances.listOrganizations(delta.id)).find((o) => o.name === "City")!;
    expect(await w.members.get(dora.memberId)).toMatchObject({ allianceId: delta.id, organizationId: cityInDelta.id });
    expect(await w.alliances.get(bob.allianceId)).toBeNull();
    // The code is spent.
    expect(await refusal(w.links.previewMerge(bobAdmin, code))).toBe("LINK_CODE_USED");
  });

  it("refuses a merge for a space with no history (it joins as it is)", async () => {
    const w = world();
    const { ann } = await slackAlliance(w);
    const bob = await w.person("teams", "tenant-b", "aad-bob");
    expect(await refusal(w.links.previewMerge(bob, (await w.links.issueCode(ann)).code))).toBe("LINK_MERGE_NOT_NEEDED");
  });
});
