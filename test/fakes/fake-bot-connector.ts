// A fake of Microsoft's side of a Teams bot, on 127.0.0.1: the Bot Connector REST API v3
// (send, reply, update, create conversation, get a conversation member with name and e-mail, list
// a conversation's members page by page),
// the Bot Framework OpenID metadata + JWKS that
// inbound tokens are checked against, Entra's per-tenant signing keys (`{loginEndpoint}/{tenant}/
// discovery/v2.0/keys`, published with `publishTenantKeys`), and an OAuth client-credentials token endpoint for
// outgoing calls. Every request is recorded so tests assert on what the bot really sent.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { generateKeyPairSync, sign as cryptoSign, type KeyObject } from "node:crypto";

const b64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

/** The issuer Bot Framework puts in channel tokens. */
export const BOT_FRAMEWORK_ISSUER = "https://api.botframework.com";

/** An RSA key with its JWKS entry, able to sign Bot-Framework-style RS256 tokens. */
export interface SigningKey {
  kid: string;
  jwks: { keys: Record<string, unknown>[] };
  /** Signs `payload` (iat/nbf/exp added; `expiresIn` seconds, negative for an expired token). */
  sign(payload: Record<string, unknown>, options?: { expiresIn?: number }): string;
}

/** Generates a key pair and a signer; `endorsements` mirrors what Microsoft publishes per key. */
export function makeSigningKey(kid = "test-kid-1", endorsements: string[] = ["msteams"]): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = publicKey.export({ format: "jwk" });
  return {
    kid,
    jwks: { keys: [{ ...jwk, kid, kty: "RSA", use: "sig", alg: "RS256", endorsements }] },
    sign: (payload, options = {}) => signJwt(privateKey, kid, payload, options.expiresIn ?? 3600),
  };
}

function signJwt(key: KeyObject, kid: string, payload: Record<string, unknown>, expiresIn: number): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: "RS256", typ: "JWT", kid, x5t: kid };
  const body = { iat: now, nbf: now - 5, exp: now + expiresIn, ...payload };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(body))}`;
  return `${input}.${b64url(cryptoSign("RSA-SHA256", Buffer.from(input), key))}`;
}

/** One request the fake received. */
export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: any;
  status: number;
  at: number;
}

/** A failure the fake answers instead of success, for the next matching activity POST. */
export interface ScriptedFailure {
  status: number;
  retryAfterSeconds?: number;
  /** Only requests whose path contains this; any activity POST when omitted. */
  pathIncludes?: string;
}

/** The running fake. */
export interface FakeBotConnector {
  readonly url: string;
  /** What the bot uses as serviceUrl (with the trailing slash Teams sends). */
  readonly serviceUrl: string;
  readonly openIdMetadataUrl: string;
  readonly tokenUrl: string;
  /** Stands in for https://login.microsoftonline.com (TEAMS_LOGIN_ENDPOINT). */
  readonly loginEndpoint: string;
  readonly received: RecordedRequest[];
  /** Successful (2xx) message sends and replies: POST …/activities. */
  sent(): RecordedRequest[];
  /** Successful card updates: PUT …/activities/{id}. */
  updates(): RecordedRequest[];
  /** Answers the next matching activity POSTs with these failures, in order. */
  failNext(...failures: ScriptedFailure[]): void;
  /**
   * What GET …/members/{userId} answers for this 29: id: fields merged over the default
   * (name derived from the id, no e-mail), or null for 404 (the user is not in the directory).
   */
  setMember(userId: string, account: { name?: string; email?: string; userPrincipalName?: string } | null): void;
  /**
   * Who GET …/pagedmembers lists for this conversation (29: ids; the AAD id is derived as for
   * getMember). A conversation without a roster answers 404, as for a chat the bot is not in.
   */
  setRoster(conversationId: string, userIds: readonly string[]): void;
  /** Publishes `jwks` as Entra tenant `tenantId`'s signing keys (any tenant can exist in Entra). */
  publishTenantKeys(tenantId: string, jwks: { keys: unknown[] }): void;
  /**
   * POST /v3/conversations for this user (AAD or 29: id) answers `status`: 403 as Teams does when
   * the app is not installed for the user, 404 for a user the tenant does not know.
   */
  refuseConversationWith(userId: string, status: 403 | 404): void;
  /** Resolves with the first recorded request matching `predicate` (waits up to `ms`). */
  waitFor(predicate: (request: RecordedRequest) => boolean, ms?: number): Promise<RecordedRequest>;
  /** Number of requests recorded so far; pass to `since` to see only what came after. */
  mark(): number;
  since(mark: number): RecordedRequest[];
  close(): Promise<void>;
}

/** Starts the fake; `jwks` is what the keys endpoint publishes (empty by default). */
export async function startFakeBotConnector(options: { jwks?: { keys: unknown[] } } = {}): Promise<FakeBotConnector> {
  const received: RecordedRequest[] = [];
  const waiters: { predicate: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }[] = [];
  const failures: ScriptedFailure[] = [];
  const memberAccounts = new Map<string, { name?: string; email?: string; userPrincipalName?: string } | null>();
  const tenantKeys = new Map<string, { keys: unknown[] }>();
  const refusedConversations = new Map<string, 403 | 404>();
  const rosters = new Map<string, readonly string[]>();
  const tokenKey = makeSigningKey("fake-sts-key");
  let activityCounter = 0;
  let base = "";

  const reply = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(body === undefined ? "" : JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    let body: any;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const record: RecordedRequest = { method: req.method ?? "", path, authorization: req.headers.authorization, body, status: 0, at: Date.now() };
    received.push(record);
    const answer = (status: number, payload: unknown, headers?: Record<string, string>) => {
      record.status = status;
      reply(res, status, payload, headers);
    };
    let match: RegExpMatchArray | null;
    if (req.method === "POST" && /^\/v3\/conversations\/.+\/activities(\/.+)?$/.test(path)) {
      const index = failures.findIndex((f) => !f.pathIncludes || path.includes(f.pathIncludes));
      const failure = index >= 0 ? failures.splice(index, 1)[0] : undefined;
      if (failure) {
        const headers: Record<string, string> = failure.retryAfterSeconds !== undefined ? { "retry-after": String(failure.retryAfterSeconds) } : {};
        answer(failure.status, { error: { code: failure.status === 429 ? "TooManyRequests" : "ServiceError", message: "scripted by fake connector" } }, headers);
      } else {
        answer(200, { id: `fake-act-${++activityCounter}` });
      }
    } else if (req.method === "PUT" && (match = path.match(/^\/v3\/conversations\/(.+?)\/activities\/(.+)$/))) {
      answer(200, { id: match[2] });
    } else if (req.method === "POST" && path === "/v3/conversations") {
      // A 1:1 chat needs exactly one member and the tenant; Teams creates it only where the app
      // is installed for that user (personally or in a team they are in).
      const memberId = body?.members?.[0]?.id;
      const tenantId = body?.tenantId ?? body?.channelData?.tenant?.id;
      const refused = typeof memberId === "string" ? refusedConversations.get(memberId) : undefined;
      if (typeof memberId !== "string" || body.members.length !== 1 || typeof tenantId !== "string") {
        answer(400, { error: { code: "BadArgument", message: "one member and a tenant id are required" } });
      } else if (refused === 403) {
        answer(403, { error: { code: "Forbidden", message: "The bot is not installed for this user (scripted by fake connector)" } });
      } else if (refused === 404) {
        answer(404, { error: { code: "NotFound", message: "User not found in tenant (scripted by fake connector)" } });
      } else {
        answer(200, { id: `a:fake-1on1-${memberId}`, serviceUrl: `${base}/` });
      }
    } else if (req.method === "GET" && (match = path.match(/^\/v3\/conversations\/(.+?)\/pagedmembers$/i))) {
      // Pages of `pageSize` (Teams: 50–500, default 200), the continuation token is the next offset.
      const roster = rosters.get(match[1] ?? "");
      const query = new URL(req.url ?? "/", "http://127.0.0.1").searchParams;
      const size = Math.min(500, Math.max(50, Number(query.get("pageSize") ?? 200) || 200));
      const from = Number(query.get("continuationToken") ?? 0) || 0;
      if (!roster) answer(404, { error: { code: "ConversationNotFound", message: "no roster (scripted by fake connector)" } });
      else {
        const members = roster.slice(from, from + size).map((id) => ({ id, name: id.replace(/^29:/, ""), aadObjectId: `aad-${id.replace(/^29:/, "")}` }));
        answer(200, { members, ...(from + size < roster.length ? { continuationToken: String(from + size) } : {}) });
      }
    } else if (req.method === "GET" && (match = path.match(/^\/v3\/conversations\/(.+?)\/members\/(.+)$/))) {
      // Teams answers with the AAD object id of the 29: user; the fake derives it as "aad-<name>".
      const userId = match[2] ?? "";
      const account = memberAccounts.get(userId);
      if (account === null) answer(404, { error: { code: "MemberNotFoundInConversation", message: "scripted by fake connector" } });
      else answer(200, { id: userId, name: userId.replace(/^29:/, ""), aadObjectId: `aad-${userId.replace(/^29:/, "")}`, ...account });
    } else if (req.method === "PUT" && path.startsWith("/upload/")) {
      answer(201, { id: "uploaded", size: raw.length });
    } else if (req.method === "GET" && path.endsWith("/.well-known/openidconfiguration")) {
      answer(200, {
        issuer: BOT_FRAMEWORK_ISSUER,
        authorization_endpoint: `${base}/authorize`,
        jwks_uri: `${base}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ["RS256"],
        token_endpoint_auth_methods_supported: ["private_key_jwt"],
      });
    } else if (req.method === "GET" && (match = path.match(/^\/login\/([^/]+)\/discovery\/v2\.0\/keys$/))) {
      answer(200, tenantKeys.get(match[1] ?? "") ?? { keys: [] });
    } else if (req.method === "GET" && path.endsWith("/.well-known/keys")) {
      answer(200, options.jwks ?? { keys: [] });
    } else if (req.method === "POST" && path.endsWith("/oauth2/v2.0/token")) {
      // The SDK decodes the outgoing token as a JWT, so it must be JWT-shaped.
      const form = new URLSearchParams(raw);
      const accessToken = tokenKey.sign({ aud: BOT_FRAMEWORK_ISSUER, appid: form.get("client_id"), iss: `${base}/sts` });
      answer(200, { token_type: "Bearer", expires_in: 3600, ext_expires_in: 3600, access_token: accessToken });
    } else {
      answer(404, { error: "not found in fake connector", path });
    }
    for (const waiter of [...waiters]) {
      if (waiter.predicate(record)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(record);
      }
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => reply(res, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const isActivityPost = (r: RecordedRequest) => r.method === "POST" && r.path.includes("/activities") && r.status < 300;

  return {
    url: base,
    serviceUrl: `${base}/`,
    openIdMetadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    tokenUrl: `${base}/botframework.com/oauth2/v2.0/token`,
    loginEndpoint: `${base}/login`,
    received,
    sent: () => received.filter(isActivityPost),
    updates: () => received.filter((r) => r.method === "PUT" && r.status < 300),
    failNext: (...more) => void failures.push(...more),
    setMember: (userId, account) => void memberAccounts.set(userId, account),
    setRoster: (conversationId, userIds) => void rosters.set(conversationId, [...userIds]),
    publishTenantKeys: (tenantId, jwks) => void tenantKeys.set(tenantId, jwks),
    refuseConversationWith: (userId, status) => void refusedConversations.set(userId, status),
    waitFor(predicate, ms = 15_000) {
      const hit = received.find(predicate);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve };
        waiters.push(waiter);
        setTimeout(() => {
          const index = waiters.indexOf(waiter);
          if (index >= 0) {
            waiters.splice(index, 1);
            reject(new Error("timed out waiting for a request to the fake Bot Connector"));
          }
        }, ms).unref();
      });
    },
    mark: () => received.length,
    since: (mark) => received.slice(mark),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
