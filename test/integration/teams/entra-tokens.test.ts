// Which token issuers the bot accepts on /api/messages, and that the bot's own Bearer token only
// ever goes to a serviceUrl the inbound token vouched for (its signed `serviceurl` claim).
//
// Why: @microsoft/teams.apps 2.1 sends every token whose issuer is an Entra tenant
// (https://sts.windows.net/<tid>/ or <loginEndpoint>/<tid>/v2.0) to a validator for the tenant
// named in the *unverified* token's `tid`, with that tenant's published keys and no `serviceurl`
// check. Anyone can own an Entra tenant and get a token for our app id from it, so with only the
// SDK such a token was accepted and the bot replied — with its Bot Framework token — to whatever
// serviceUrl the activity named. Here "Entra" is the fake's login endpoint, which publishes
// signing keys per tenant exactly as login.microsoftonline.com does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT_FRAMEWORK_ISSUER, makeSigningKey, startFakeBotConnector, type FakeBotConnector, type SigningKey } from "../../fakes/fake-bot-connector.js";
import { messageActivity, USERS } from "../../fakes/teams-activities.js";
import { APP_ID, startTeamsHarness, type TeamsHarness } from "./support/teams-harness.js";

/** The harness's TENANT_ID (single-tenant bot). */
const HOME_TENANT = "tenant-aaaa-0001";
const ATTACKER_TENANT = "tenant-evil-0666";

/** Entra's two issuer forms for a tenant (v1 tokens and v2 tokens). */
const issuers = (loginEndpoint: string, tenantId: string) => ({
  v1: `https://sts.windows.net/${tenantId}/`,
  v2: `${loginEndpoint}/${tenantId}/v2.0`,
});

let h: TeamsHarness;
/** A server the attacker controls, named as serviceUrl; it must never hear from the bot. */
let attacker: FakeBotConnector;
let homeKey: SigningKey;
let attackerKey: SigningKey;

beforeAll(async () => {
  h = await startTeamsHarness({ auth: true });
  attacker = await startFakeBotConnector();
  homeKey = makeSigningKey("home-tenant-key");
  attackerKey = makeSigningKey("attacker-tenant-key");
  h.connector.publishTenantKeys(HOME_TENANT, homeKey.jwks);
  h.connector.publishTenantKeys(ATTACKER_TENANT, attackerKey.jwks);
});
afterAll(async () => {
  await h?.close();
  await attacker?.close();
});

const activityAt = (serviceUrl: string, tenantId: string) => messageActivity({ serviceUrl, tenantId, user: USERS.bob }, "help");

/**
 * Posts `activity` with `token`, gives the bot time to (wrongly) answer, and returns the status
 * with what the attacker's server received meanwhile (method, path, Authorization header).
 */
async function postWith(activity: Record<string, unknown>, token: string) {
  const mark = attacker.mark();
  const res = await h.post(activity, { authorization: `Bearer ${token}` });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const leaked = attacker.since(mark).map((r) => `${r.method} ${r.path} ${r.authorization ?? "(no token)"}`);
  return { status: res.status, leaked };
}

describe("Teams inbound tokens from Entra tenants", () => {
  for (const form of ["v1", "v2"] as const) {
    it(`refuses a ${form} token from a stranger's tenant and sends nothing (not even our token) to its serviceUrl`, async () => {
      const activity = activityAt(attacker.serviceUrl, ATTACKER_TENANT);
      const token = attackerKey.sign({ iss: issuers(h.connector.loginEndpoint, ATTACKER_TENANT)[form], tid: ATTACKER_TENANT, aud: APP_ID });
      const res = await postWith(activity, token);
      expect(res.leaked).toEqual([]);
      expect(res.status).toBe(401);
      expect(await h.bot.services.stores.workspaces.find("teams", ATTACKER_TENANT)).toBeNull();
    });
  }

  it("refuses a token from the home tenant that vouches for no serviceUrl", async () => {
    const activity = activityAt(attacker.serviceUrl, HOME_TENANT);
    const token = homeKey.sign({ iss: issuers(h.connector.loginEndpoint, HOME_TENANT).v1, tid: HOME_TENANT, aud: APP_ID });
    const res = await postWith(activity, token);
    expect(res.leaked).toEqual([]);
    expect(res.status).toBe(401);
  });

  it("refuses a token from the home tenant that vouches for another serviceUrl", async () => {
    const activity = activityAt(attacker.serviceUrl, HOME_TENANT);
    const token = homeKey.sign({ iss: issuers(h.connector.loginEndpoint, HOME_TENANT).v2, tid: HOME_TENANT, aud: APP_ID, serviceurl: h.connector.serviceUrl });
    const res = await postWith(activity, token);
    expect(res.leaked).toEqual([]);
    expect(res.status).toBe(401);
  });

  it("accepts a token from the configured TENANT_ID that vouches for the activity's serviceUrl", async () => {
    for (const form of ["v1", "v2"] as const) {
      const activity = activityAt(h.connector.serviceUrl, HOME_TENANT);
      const mark = h.connector.mark();
      const token = homeKey.sign({ iss: issuers(h.connector.loginEndpoint, HOME_TENANT)[form], tid: HOME_TENANT, aud: APP_ID, serviceurl: h.connector.serviceUrl });
      const res = await h.post(activity, { authorization: `Bearer ${token}` });
      expect(res.status).toBe(200);
      expect(h.connector.since(mark).some((r) => r.path.endsWith("/activities") && r.status === 200)).toBe(true);
    }
  });

  it("refuses a Bot Framework token for an activity that names no serviceUrl", async () => {
    const activity = activityAt(h.connector.serviceUrl, "tenant-no-service-url");
    const token = h.token(activity);
    delete activity.serviceUrl;
    const res = await postWith(activity, token);
    expect(res.status).toBe(401);
  });

  it("refuses a token whose issuer merely starts like the Bot Framework's", async () => {
    const activity = activityAt(attacker.serviceUrl, "tenant-lookalike");
    const res = await postWith(activity, h.key.sign({ iss: `${BOT_FRAMEWORK_ISSUER}.evil.example`, aud: APP_ID, serviceurl: attacker.serviceUrl }));
    expect(res.leaked).toEqual([]);
    expect(res.status).toBe(401);
  });
});

describe("a multi-tenant bot (no TENANT_ID)", () => {
  let multi: TeamsHarness;
  beforeAll(async () => {
    multi = await startTeamsHarness({ auth: true, env: { TENANT_ID: "" } });
    multi.connector.publishTenantKeys(HOME_TENANT, homeKey.jwks);
  });
  afterAll(async () => multi?.close());

  it("accepts Bot Framework tokens only: an Entra token is refused even when it vouches for the serviceUrl", async () => {
    const activity = activityAt(multi.connector.serviceUrl, HOME_TENANT);
    const mark = multi.connector.mark();
    const token = homeKey.sign({ iss: issuers(multi.connector.loginEndpoint, HOME_TENANT).v1, tid: HOME_TENANT, aud: APP_ID, serviceurl: multi.connector.serviceUrl });
    const res = await multi.post(activity, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
    expect(multi.connector.since(mark).filter((r) => r.path.includes("/activities"))).toEqual([]);

    const ok = await multi.post(activityAt(multi.connector.serviceUrl, "tenant-bf"));
    expect(ok.status).toBe(200);
  });
});
