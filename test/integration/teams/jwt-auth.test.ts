// The bot with Bot Framework JWT validation on, against a fake OpenID/JWKS endpoint and a fake
// token endpoint (TEAMS_OPENID_METADATA_URL / TEAMS_TOKEN_URL): a valid channel token is accepted
// and the reply carries our own Bearer token; a wrong audience, wrong issuer, expired token,
// unknown signing key or a serviceUrl claim that does not match the activity is refused with 401
// and leaves nothing behind: no reply, no workspace, no member, no conversation reference.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSigningKey, BOT_FRAMEWORK_ISSUER } from "../../fakes/fake-bot-connector.js";
import { messageActivity, USERS } from "../../fakes/teams-activities.js";
import { APP_ID, startTeamsHarness, type TeamsHarness } from "./support/teams-harness.js";

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness({ auth: true });
});
afterAll(async () => h?.close());

/** A message from a tenant used only by this case, so "nothing stored" is checkable. */
const activityFor = (tenantId: string) => messageActivity({ serviceUrl: h.connector.serviceUrl, tenantId, user: USERS.bob }, "help");

async function expectRefusedAndNothingStored(tenantId: string, authorization: string | null) {
  const mark = h.connector.mark();
  const res = await h.post(activityFor(tenantId), { authorization });
  expect(res.status).toBe(401);
  expect(h.connector.since(mark).filter((r) => r.path.includes("/activities"))).toHaveLength(0);
  expect(await h.bot.services.stores.workspaces.find("teams", tenantId)).toBeNull();
}

describe("Teams with JWT validation on", () => {
  it("accepts a valid channel token and replies with a token from the configured token endpoint", async () => {
    const activity = activityFor("tenant-valid");
    const mark = h.connector.mark();
    const res = await h.post(activity);
    expect(res.status).toBe(200);
    const since = h.connector.since(mark);
    const tokenRequest = since.find((r) => r.path.endsWith("/oauth2/v2.0/token"));
    expect(tokenRequest?.method).toBe("POST");
    const reply = since.find((r) => r.path.endsWith("/activities"));
    expect(reply?.status).toBe(200);
    expect(reply?.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(await h.bot.services.stores.workspaces.find("teams", "tenant-valid")).not.toBeNull();
  });

  it("refuses a request without a token", async () => {
    await expectRefusedAndNothingStored("tenant-none", null);
  });

  it("refuses a token for another audience", async () => {
    const activity = activityFor("tenant-aud");
    await expectRefusedAndNothingStored("tenant-aud", `Bearer ${h.token(activity, { aud: "11111111-2222-3333-4444-555555555555" })}`);
  });

  it("refuses a token from another issuer", async () => {
    const activity = activityFor("tenant-iss");
    await expectRefusedAndNothingStored("tenant-iss", `Bearer ${h.token(activity, { iss: "https://evil.example" })}`);
  });

  it("refuses an expired token (beyond the clock-skew allowance)", async () => {
    const activity = activityFor("tenant-exp");
    await expectRefusedAndNothingStored("tenant-exp", `Bearer ${h.token(activity, {}, -600)}`);
  });

  it("refuses a token signed by a key the OpenID endpoint does not publish", async () => {
    const rogue = makeSigningKey(h.key.kid);
    const activity = activityFor("tenant-key");
    const token = rogue.sign({ iss: BOT_FRAMEWORK_ISSUER, aud: APP_ID, serviceurl: activity.serviceUrl });
    await expectRefusedAndNothingStored("tenant-key", `Bearer ${token}`);
  });

  it("refuses a token whose serviceurl claim does not match the activity's serviceUrl", async () => {
    const activity = activityFor("tenant-svc");
    await expectRefusedAndNothingStored("tenant-svc", `Bearer ${h.token(activity, { serviceurl: "https://smba.trafficmanager.net/emea/" })}`);
  });
});
