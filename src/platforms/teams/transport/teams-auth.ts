// How the Teams SDK authenticates, from our config: which OpenID metadata inbound tokens are
// checked against, and where outgoing calls get their Bearer token. Both are configurable so a
// test harness (or a sovereign cloud) can point a started bot at its own endpoints.
import { PUBLIC, withOverrides, type CloudEnvironment, type TokenProviderFn } from "@microsoft/teams.api";
import type { Config } from "#src/config.js";
import type { InboundTokenPolicy } from "./inbound-token-check.js";

/** The Teams part of the config (non-null). */
export type TeamsConfig = NonNullable<Config["teams"]>;

/**
 * The public cloud, with the OpenID metadata URL (JWKS is derived from it) and the Entra login
 * endpoint replaced when configured.
 */
export function cloudFor(config: TeamsConfig): CloudEnvironment {
  return withOverrides(PUBLIC, {
    ...(config.openIdMetadataUrl ? { openIdMetadataUrl: config.openIdMetadataUrl } : {}),
    ...(config.loginEndpoint ? { loginEndpoint: config.loginEndpoint } : {}),
  });
}

/** Renew a cached token this long before it expires. */
const EARLY_RENEWAL_MS = 5 * 60_000;

/**
 * OAuth client-credentials against a configured token endpoint, cached until shortly before it
 * expires (the SDK does not cache tokens from a custom provider). Used instead of MSAL when
 * TEAMS_TOKEN_URL is set; MSAL always talks to login.microsoftonline.com.
 */
export function clientCredentialsTokenProvider(
  options: { tokenUrl: string; clientId: string; clientSecret: string },
  fetchImpl: typeof fetch = fetch,
  now: () => number = Date.now,
): TokenProviderFn {
  const cache = new Map<string, { token: string; renewAt: number }>();
  return async (scope) => {
    const wanted = Array.isArray(scope) ? scope.join(" ") : scope;
    const cached = cache.get(wanted);
    if (cached && cached.renewAt > now()) return cached.token;
    const response = await fetchImpl(options.tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: options.clientId,
        client_secret: options.clientSecret,
        scope: wanted,
      }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`token endpoint answered HTTP ${response.status}`);
    const body = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== "string") throw new Error("token endpoint sent no access_token");
    const lifetimeMs = (typeof body.expires_in === "number" ? body.expires_in : 3600) * 1000;
    cache.set(wanted, { token: body.access_token, renewAt: now() + Math.max(0, lifetimeMs - EARLY_RENEWAL_MS) });
    return body.access_token;
  };
}

/** The SDK App options that decide authentication. */
export interface TeamsAuthOptions {
  clientId: string;
  clientSecret: string;
  tenantId: string;
  token?: TokenProviderFn;
  cloud: CloudEnvironment;
  dangerouslyAllowUnauthenticatedRequests: boolean;
}

/**
 * The SDK options that decide authentication, from the config. Every field is set explicitly
 * (empty string = none) because the SDK otherwise falls back to CLIENT_ID / CLIENT_SECRET /
 * DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS from process.env behind our config's back.
 */
export function authOptions(config: TeamsConfig): TeamsAuthOptions {
  const cloud = cloudFor(config);
  if (config.localMode) {
    // Config refuses local mode with credentials or in production; here we only switch auth off.
    return { clientId: "", clientSecret: "", tenantId: "", cloud, dangerouslyAllowUnauthenticatedRequests: true };
  }
  if (!config.clientId || !config.clientSecret) throw new Error("Teams needs CLIENT_ID and CLIENT_SECRET outside local mode");
  const base = { clientId: config.clientId, tenantId: config.tenantId ?? "", cloud, dangerouslyAllowUnauthenticatedRequests: false };
  if (config.tokenUrl) {
    const token = clientCredentialsTokenProvider({ tokenUrl: config.tokenUrl, clientId: config.clientId, clientSecret: config.clientSecret });
    // An empty secret makes the SDK use `token` instead of MSAL.
    return { ...base, clientSecret: "", token };
  }
  return { ...base, clientSecret: config.clientSecret };
}

/**
 * Whose tokens /api/messages accepts (checked before the SDK, see inbound-token-check.ts); null in
 * local mode, where nothing is authenticated and the bot holds no token to leak.
 */
export function inboundTokenPolicy(config: TeamsConfig): InboundTokenPolicy | null {
  if (config.localMode) return null;
  if (!config.clientId) throw new Error("Teams needs CLIENT_ID outside local mode");
  const cloud = cloudFor(config);
  return {
    appId: config.clientId,
    tenantId: config.tenantId,
    botFrameworkIssuer: cloud.tokenIssuer,
    botFrameworkOpenIdMetadataUrl: cloud.openIdMetadataUrl,
    loginEndpoint: cloud.loginEndpoint,
  };
}
