import { describe, expect, it } from "vitest";
import type { Organization } from "#core/alliance/alliance.js";
import { emailDomainOf, matchOrganization } from "#core/alliance/organization-matching.js";
import { isValidTimeZone } from "#core/shared/zoned-time.js";

const org = (id: string, emailDomains: string[], slackTeamIds: string[] = []): Organization => ({
  id,
  allianceId: "a",
  name: id,
  emailDomains,
  slackTeamIds,
});
const orgs = [org("acme", ["acme.com"], ["TACME"]), org("acme-nl", ["nl.acme.com"]), org("globex", ["globex.io"], ["TGLOBEX"])];

describe("organisation matching", () => {
  it("prefers the Slack Connect team over the e-mail domain", () => {
    expect(matchOrganization(orgs, { slackTeamId: "TGLOBEX", email: "ann@acme.com" })?.id).toBe("globex");
  });

  it("falls back to the e-mail domain, case-insensitively", () => {
    expect(matchOrganization(orgs, { slackTeamId: "TUNKNOWN", email: "Ann@ACME.com" })?.id).toBe("acme");
  });

  it("matches subdomains and lets the most specific mapping win", () => {
    expect(matchOrganization(orgs, { email: "bob@rd.acme.com" })?.id).toBe("acme");
    expect(matchOrganization(orgs, { email: "bob@nl.acme.com" })?.id).toBe("acme-nl");
  });

  it("does not match a look-alike domain", () => {
    expect(matchOrganization(orgs, { email: "eve@evilacme.com" })).toBeNull();
    expect(matchOrganization(orgs, { email: "eve@acme.com.evil.io" })).toBeNull();
  });

  it("returns null without hints or with a non-address", () => {
    expect(matchOrganization(orgs, {})).toBeNull();
    expect(matchOrganization(orgs, { email: "not-an-address" })).toBeNull();
    expect(emailDomainOf("@acme.com")).toBeNull();
    expect(emailDomainOf("x@")).toBeNull();
  });

  it("knows IANA time zones", () => {
    expect(isValidTimeZone("Europe/Amsterdam")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });
});
