/** The Teams member lookup: which address maps a member, and that it is not repeated per message. */
import { describe, expect, it } from "vitest";
import { createMemberProfileLookup, emailOf } from "#platforms/teams/handlers/member-profile.js";

const target = { serviceUrl: "https://smba.example/", conversationId: "a:1", tenantId: "t1" };

describe("member profile lookup", () => {
  it("maps by the e-mail, else by a UPN of the user's own domain, never a guest's UPN", () => {
    expect(emailOf({ email: "ann@acme.com", userPrincipalName: "ann@acme.onmicrosoft.com" })).toBe("ann@acme.com");
    expect(emailOf({ email: null, userPrincipalName: "bob@beta.org" })).toBe("bob@beta.org");
    expect(emailOf({ email: "", userPrincipalName: "cas_gmail.com#EXT#@acme.onmicrosoft.com" })).toBeNull();
    expect(emailOf({ email: "not an address", userPrincipalName: null })).toBeNull();
  });

  it("asks once per user while the answer is fresh, failures included, and again after it expires", async () => {
    let clock = 0;
    const calls: string[] = [];
    const errors: string[] = [];
    const lookup = createMemberProfileLookup(
      {
        getMember: async (_target, userId) => {
          calls.push(userId);
          if (userId === "29:gone") throw new Error("404");
          return { name: "Ann", email: "ann@acme.com", userPrincipalName: null };
        },
      },
      { now: () => clock, ttlMs: 1_000, onError: (_error, userId) => errors.push(userId) },
    );
    const [a, b] = await Promise.all([lookup(target, "29:ann"), lookup(target, "29:ann")]);
    expect(a).toEqual({ email: "ann@acme.com", emailVerified: true, displayName: "Ann" });
    expect(b).toEqual(a);
    expect(await lookup(target, "29:gone")).toBeNull();
    expect(await lookup(target, "29:gone")).toBeNull();
    expect(calls).toEqual(["29:ann", "29:gone"]);
    expect(errors).toEqual(["29:gone"]);
    clock = 1_001;
    await lookup(target, "29:gone");
    expect(calls).toEqual(["29:ann", "29:gone", "29:gone"]);
  });
});
