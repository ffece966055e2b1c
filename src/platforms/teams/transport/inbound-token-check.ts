// Our own check of the Bearer token on every inbound Teams activity, run BEFORE the Teams SDK sees
// the request. Why not just the SDK: @microsoft/teams.apps 2.1 routes every token whose issuer
// looks like an Entra tenant (https://sts.windows.net/<tid>/, <loginEndpoint>/<tid>/v2.0) to a
// validator for the tenant named in the token's own, unverified `tid`, and skips the `serviceurl`
// check for it. Anyone can own a tenant and obtain a token for our app id there, so the SDK alone
// accepts a stranger's activity and then replies — carrying the bot's Bot Framework token — to
// whatever serviceUrl that activity names. The SDK has no option to turn that path off.
//
// What we accept instead:
//   - tokens issued by the Bot Framework (cloud.tokenIssuer, exact match), signed by a key from
//     its OpenID keys endpoint;
//   - for a single-tenant bot (TENANT_ID set) also tokens issued by that one tenant, signed by a
//     key that tenant publishes;
// and in both cases the token's signed `serviceurl` claim must equal the activity's serviceUrl,
// so the bot's own token only ever goes to an address Microsoft vouched for.
import { createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from "jose";

/** Who may call /api/messages. */
export interface InboundTokenPolicy {
  /** Our Entra app id (CLIENT_ID): the token's audience. */
  appId: string;
  /** Single-tenant bots: Entra tokens of this tenant are accepted as well. */
  tenantId: string | undefined;
  /** The Bot Framework's issuer, e.g. https://api.botframework.com. */
  botFrameworkIssuer: string;
  /** The Bot Framework OpenID metadata URL; its keys live beside it at …/keys. */
  botFrameworkOpenIdMetadataUrl: string;
  /** Entra's login endpoint, e.g. https://login.microsoftonline.com. */
  loginEndpoint: string;
}

/** Why a request was refused (logged; the caller only ever sees 401). */
export type InboundTokenRefusal =
  | "TEAMS_TOKEN_MISSING"
  | "TEAMS_TOKEN_MALFORMED"
  | "TEAMS_TOKEN_ISSUER_NOT_ACCEPTED"
  | "TEAMS_TOKEN_INVALID"
  | "TEAMS_SERVICE_URL_MISSING"
  | "TEAMS_SERVICE_URL_NOT_VOUCHED";

export type InboundTokenVerdict =
  | { ok: true; issuer: string; serviceUrl: string }
  | { ok: false; code: InboundTokenRefusal; detail: string };

/** The same allowance the SDK (and Bot Framework) uses for clock skew. */
const CLOCK_TOLERANCE_SECONDS = 300;

/** Trailing slashes and case do not matter in a serviceUrl (Teams sends both forms). */
const normalizeServiceUrl = (url: string) => url.replace(/\/+$/, "").toLowerCase();

/** Checks `Authorization` headers of inbound activities against `policy`. */
export function createInboundTokenCheck(policy: InboundTokenPolicy) {
  const loginEndpoint = policy.loginEndpoint.replace(/\/+$/, "");
  // One key set per accepted issuer; jose caches keys and refetches on an unknown kid (rotation).
  const keySets = new Map<string, JWTVerifyGetKey>();
  const botFrameworkKeys = createRemoteJWKSet(new URL(policy.botFrameworkOpenIdMetadataUrl.replace(/\/openidconfiguration$/, "/keys")));
  keySets.set(policy.botFrameworkIssuer, botFrameworkKeys);
  if (policy.tenantId) {
    const tenantKeys = createRemoteJWKSet(new URL(`${loginEndpoint}/${encodeURIComponent(policy.tenantId)}/discovery/v2.0/keys`));
    keySets.set(`https://sts.windows.net/${policy.tenantId}/`, tenantKeys);
    keySets.set(`${loginEndpoint}/${policy.tenantId}/v2.0`, tenantKeys);
  }
  const audience = [policy.appId, `api://botid-${policy.appId}`, `api://${policy.appId}`];

  return async function check(authorization: string | undefined, activity: { serviceUrl?: unknown }): Promise<InboundTokenVerdict> {
    const token = authorization?.startsWith("Bearer ") ? authorization.slice("Bearer ".length).trim() : "";
    if (!token) return { ok: false, code: "TEAMS_TOKEN_MISSING", detail: "no Bearer token" };
    let issuer: unknown;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      return { ok: false, code: "TEAMS_TOKEN_MALFORMED", detail: "not a JWT" };
    }
    // The issuer picks the key set, so only after the exact match is anything fetched.
    const keys = typeof issuer === "string" ? keySets.get(issuer) : undefined;
    if (!keys || typeof issuer !== "string") return { ok: false, code: "TEAMS_TOKEN_ISSUER_NOT_ACCEPTED", detail: `issuer ${String(issuer)}` };
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(token, keys, { issuer, audience, algorithms: ["RS256"], clockTolerance: CLOCK_TOLERANCE_SECONDS }));
    } catch (error) {
      const detail = error instanceof joseErrors.JOSEError ? `${error.code}: ${error.message}` : String(error);
      return { ok: false, code: "TEAMS_TOKEN_INVALID", detail };
    }
    const serviceUrl = typeof activity.serviceUrl === "string" ? activity.serviceUrl : "";
    if (!serviceUrl) return { ok: false, code: "TEAMS_SERVICE_URL_MISSING", detail: "the activity names no serviceUrl" };
    const vouched = typeof claims.serviceurl === "string" ? claims.serviceurl : "";
    if (!vouched || normalizeServiceUrl(vouched) !== normalizeServiceUrl(serviceUrl)) {
      return { ok: false, code: "TEAMS_SERVICE_URL_NOT_VOUCHED", detail: `token vouches for ${vouched || "no serviceUrl"}, activity names ${serviceUrl}` };
    }
    return { ok: true, issuer, serviceUrl };
  };
}

export type InboundTokenCheck = ReturnType<typeof createInboundTokenCheck>;
