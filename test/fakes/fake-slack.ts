/**
 * A fake of the Slack Web API (https://slack.com/api/<method>) for offline integration tests,
 * after the recipe in /work/shared/research-slack.md §3.
 *
 * - POST /api/<method>   records the call and answers like Slack ({ ok: true, ... })
 * - POST /upload/<id>    the upload_url handed out by files.getUploadURLExternal (files.uploadV2:
 *                        getUploadURLExternal → POST the bytes here → completeUploadExternal shares
 *                        them; text and binary bodies, raw or multipart, are both recorded)
 * - POST /respond/<id>   a response_url (slash commands, interactivity)
 *
 * It enforces the Block Kit limits Slack enforces (invalid_blocks), so a renderer that breaks
 * them fails a test instead of failing in production. Point Bolt at it with
 * clientOptions.slackApiUrl = fake.apiUrl.
 */
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { blockKitProblems } from "./block-kit-checks.js";

/** One Web API call as the fake saw it. */
export interface RecordedCall {
  method: string;
  /** Decoded body; JSON-encoded fields (blocks, view, files, ...) are parsed back into objects. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions index freely
  args: Record<string, any>;
  token: string | undefined;
  contentType: string | undefined;
  at: number;
}

/** A file body posted to an upload_url. */
export interface RecordedUpload {
  fileId: string;
  /** The body as UTF-8 text (CSV, JSON exports). */
  text: string;
  /** The body's bytes, exactly as received (PNG charts). */
  bytes: Buffer;
}

/** A file shared by files.completeUploadExternal (what files.list answers from). */
export interface SharedFile {
  id: string;
  /** The filename given to files.getUploadURLExternal. */
  name: string;
  title: string;
  altText: string | undefined;
  /** Bytes announced to getUploadURLExternal, and bytes actually posted to the upload_url. */
  declaredLength: number;
  bytes: Buffer;
  channel: string | undefined;
  threadTs: string | undefined;
  initialComment: string | undefined;
  /** Unix seconds, like Slack's `created`. */
  created: number;
}

/** A POST to a response_url. */
export interface RecordedResponse {
  id: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** A custom reply: status, headers and body. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body: unknown;
}

/** What users.info returns for a user id the test registered. */
export interface FakeUser {
  id: string;
  teamId: string;
  name?: string;
  email?: string;
  locale?: string;
  tz?: string;
  isBot?: boolean;
}

const JSON_FIELDS = new Set(["blocks", "attachments", "view", "files", "metadata"]);
const NO_TOKEN_METHODS = new Set(["oauth.v2.access", "api.test"]);

/** The fake Web API server. */
export class FakeSlack extends EventEmitter {
  readonly calls: RecordedCall[] = [];
  readonly uploads: RecordedUpload[] = [];
  readonly responses: RecordedResponse[] = [];
  /** Files shared by files.completeUploadExternal, in order. */
  readonly sharedFiles: SharedFile[] = [];
  /** Known tokens → their team and bot user; unknown tokens get invalid_auth. */
  readonly tokens = new Map<string, { teamId: string; botUserId: string; botId: string }>([
    ["xoxb-test-T111", { teamId: "T111", botUserId: "UBOT111", botId: "BBOT111" }],
  ]);
  readonly users = new Map<string, FakeUser>();
  /** Users conversations.open refuses, with Slack's error (user_not_found, cannot_dm_bot, …). */
  readonly undmable = new Map<string, string>();
  /** Messages posted with chat.postMessage (for conversations.history). */
  readonly posted: Array<{ channel: string; ts: string; text: unknown; metadata: unknown }> = [];
  /** False: conversations.history answers missing_scope, like an install without *:history. */
  historyScope = true;
  /** False: files.list answers missing_scope, like an install without files:read (the default manifest). */
  filesReadScope = true;
  /** Where apps.connections.open points (Socket Mode tests). */
  socketUrl = "";
  /** Every Web API call and response_url POST is answered this many ms late (a slow Slack). */
  latencyMs = 0;
  /** Extra delay for one Web API method, or "response_url" for every response_url POST. */
  readonly slow = new Map<string, number>();
  url = "";
  private server: Server | undefined;
  private readonly overrides = new Map<string, Array<(call: RecordedCall) => Reply>>();
  private seq = 0;
  /** Upload slots handed out by files.getUploadURLExternal and not completed yet. */
  private readonly pendingFiles = new Map<string, { name: string; altText: string | undefined; declaredLength: number }>();

  /** Listens on a random port on 127.0.0.1. */
  async start(): Promise<string> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  /** The base URL to give Bolt / WebClient as slackApiUrl. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A response_url on this fake; POSTs to it are recorded under `id`. */
  responseUrl(id: string): string {
    return `${this.url}/respond/${id}`;
  }

  reset(): void {
    this.calls.length = 0;
    this.uploads.length = 0;
    this.responses.length = 0;
    this.posted.length = 0;
    this.sharedFiles.length = 0;
    this.pendingFiles.clear();
    this.overrides.clear();
    this.undmable.clear();
    this.slow.clear();
    this.latencyMs = 0;
  }

  /** Registers a user for users.info. */
  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  /** The next call of `method` gets this reply instead of the default one. */
  replyOnce(method: string, responder: (call: RecordedCall) => Reply): void {
    const list = this.overrides.get(method) ?? [];
    list.push(responder);
    this.overrides.set(method, list);
  }

  /** The next call of `method` gets HTTP 429 with Retry-After. */
  rateLimitOnce(method: string, retryAfterSec: number): void {
    this.replyOnce(method, () => ({ status: 429, headers: { "retry-after": String(retryAfterSec) }, body: { ok: false, error: "ratelimited" } }));
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Resolves once `method` was called `count` times (listeners run after the ack, so wait). */
  waitFor(method: string, count = 1, timeoutMs = 15_000): Promise<RecordedCall[]> {
    return this.waitUntil(() => {
      const got = this.callsTo(method);
      return got.length >= count ? got : undefined;
    }, `${count}x ${method}`, timeoutMs);
  }

  /** Resolves with the first POST to response_url `id`. */
  waitForResponse(id: string, timeoutMs = 15_000): Promise<RecordedResponse> {
    return this.waitUntil(() => this.responses.find((r) => r.id === id), `response_url ${id}`, timeoutMs);
  }

  /** Polls `probe` on every recorded request until it returns something. */
  waitUntil<T>(probe: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const hit = probe();
        if (hit !== undefined) {
          cleanup();
          resolve(hit);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}; saw: ${this.calls.map((c) => c.method).join(", ")}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.off("recorded", check);
      };
      this.on("recorded", check);
      check();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? "/", this.url);
    const contentType = req.headers["content-type"];
    const which = url.pathname.startsWith("/respond/") ? "response_url" : url.pathname.slice("/api/".length);
    const delay = this.latencyMs + (this.slow.get(which) ?? 0);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
      res.end(typeof body === "string" ? body : JSON.stringify(body));
      this.emit("recorded");
    };
    if (req.method === "POST" && url.pathname.startsWith("/upload/")) {
      const bytes = await uploadBytes(raw, contentType);
      this.uploads.push({ fileId: url.pathname.slice("/upload/".length), text: bytes.toString("utf8"), bytes });
      return send(200, `OK - ${raw.length}`, { "content-type": "text/plain" });
    }
    if (req.method === "POST" && url.pathname.startsWith("/respond/")) {
      this.responses.push({ id: url.pathname.slice("/respond/".length), body: JSON.parse(raw.toString("utf8") || "{}") });
      return send(200, "ok", { "content-type": "text/plain" });
    }
    if (req.method === "POST" && url.pathname.startsWith("/api/")) {
      const method = url.pathname.slice("/api/".length);
      const args = parseArgs(raw, contentType);
      const auth = req.headers.authorization;
      const token = auth?.startsWith("Bearer ") ? auth.slice(7) : (args.token as string | undefined);
      const call: RecordedCall = { method, args, token, contentType, at: Date.now() };
      this.calls.push(call);
      const override = this.overrides.get(method)?.shift();
      const reply = override ? override(call) : { body: this.defaultReply(call) };
      return send(reply.status ?? 200, reply.body, reply.headers);
    }
    send(404, { ok: false });
  }

  private nextTs(): string {
    this.seq += 1;
    // Real seconds, like Slack: conversations.history's `oldest` compares against them.
    return `${Math.floor(Date.now() / 1000)}.${String(this.seq).padStart(6, "0")}`;
  }

  private defaultReply(call: RecordedCall): Record<string, unknown> {
    const { method, args, token } = call;
    if (method === "apps.connections.open") {
      return token?.startsWith("xapp-") ? { ok: true, url: this.socketUrl } : { ok: false, error: "not_allowed_token_type" };
    }
    if (!NO_TOKEN_METHODS.has(method)) {
      if (!token) return { ok: false, error: "not_authed" };
      if (!this.tokens.has(token)) return { ok: false, error: "invalid_auth" };
    }
    const who = token ? this.tokens.get(token) : undefined;
    const blockProblem = Array.isArray(args.blocks) ? blockKitProblems(args.blocks, 50)[0] : undefined;
    switch (method) {
      case "auth.test":
        return { ok: true, url: "https://fake.slack.com/", team: "Fake", user: "bot", team_id: who?.teamId, user_id: who?.botUserId, bot_id: who?.botId, is_enterprise_install: false };
      case "chat.postMessage":
      case "chat.postEphemeral": {
        if (!args.channel) return { ok: false, error: "channel_not_found" };
        if (!args.text && !args.blocks) return { ok: false, error: "no_text" };
        if (blockProblem) return { ok: false, error: "invalid_blocks", errors: [blockProblem] };
        const ts = this.nextTs();
        if (method === "chat.postMessage") this.posted.push({ channel: String(args.channel), ts, text: args.text, metadata: args.metadata });
        return method === "chat.postEphemeral" ? { ok: true, message_ts: ts } : { ok: true, channel: args.channel, ts, message: { text: args.text, blocks: args.blocks, ts } };
      }
      case "chat.update":
        if (!args.ts) return { ok: false, error: "message_not_found" };
        if (blockProblem) return { ok: false, error: "invalid_blocks", errors: [blockProblem] };
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case "conversations.history": {
        if (!this.historyScope) return { ok: false, error: "missing_scope", needed: "channels:history" };
        const oldest = Number(args.oldest ?? 0);
        const messages = this.posted
          .filter((m) => m.channel === args.channel && Number(m.ts) >= oldest)
          .map((m) => ({ type: "message", ts: m.ts, text: m.text, ...(args.include_all_metadata && m.metadata ? { metadata: m.metadata } : {}) }))
          .reverse();
        return { ok: true, messages, has_more: false };
      }
      case "chat.delete":
        return { ok: true, channel: args.channel, ts: args.ts };
      case "conversations.open": {
        // The same DM channel for the same user every time, as Slack does.
        const users = String(args.users ?? "");
        const refused = this.undmable.get(users);
        if (refused) return { ok: false, error: refused };
        return users ? { ok: true, channel: { id: `D${users.split(",")[0]}` } } : { ok: false, error: "invalid_arguments" };
      }
      case "users.info": {
        const user = this.users.get(String(args.user));
        if (!user) return { ok: false, error: "user_not_found" };
        return {
          ok: true,
          user: {
            id: user.id, team_id: user.teamId, name: user.name ?? user.id, real_name: user.name ?? user.id, is_bot: user.isBot ?? false,
            tz: user.tz ?? "Europe/Amsterdam", ...(args.include_locale ? { locale: user.locale ?? "en-US" } : {}),
            profile: { real_name: user.name ?? user.id, display_name: user.name ?? user.id, email: user.email },
          },
        };
      }
      case "views.open":
      case "views.push":
      case "views.update":
      case "views.publish": {
        const view = args.view as Record<string, unknown> | undefined;
        if (!view) return { ok: false, error: "invalid_arguments" };
        if (method === "views.open" && !args.trigger_id) return { ok: false, error: "invalid_trigger_id" };
        const problem = Array.isArray(view.blocks) ? blockKitProblems(view.blocks, 100)[0] : undefined;
        if (problem) return { ok: false, error: "invalid_arguments", response_metadata: { messages: [problem] } };
        return { ok: true, view: { id: `V${++this.seq}`, hash: "h", ...view } };
      }
      case "files.getUploadURLExternal": {
        if (!args.filename || !args.length) return { ok: false, error: "invalid_arguments" };
        const fileId = `F${String(++this.seq).padStart(6, "0")}`;
        this.pendingFiles.set(fileId, { name: String(args.filename), altText: args.alt_text as string | undefined, declaredLength: Number(args.length) });
        return { ok: true, upload_url: `${this.url}/upload/${fileId}`, file_id: fileId };
      }
      case "files.completeUploadExternal": {
        const files = (args.files as Array<{ id: string; title?: string }> | undefined) ?? [];
        if (files.length === 0) return { ok: false, error: "invalid_arguments" };
        if (files.some((f) => !this.pendingFiles.has(f.id) || !this.uploads.some((u) => u.fileId === f.id))) return { ok: false, error: "file_not_found" };
        const created = Math.floor(Date.now() / 1000);
        for (const f of files) {
          const pending = this.pendingFiles.get(f.id)!;
          this.pendingFiles.delete(f.id);
          const bytes = this.uploads.filter((u) => u.fileId === f.id).at(-1)!.bytes;
          this.sharedFiles.push({
            id: f.id, name: pending.name, title: f.title ?? pending.name, altText: pending.altText, declaredLength: pending.declaredLength, bytes,
            channel: args.channel_id as string | undefined, threadTs: args.thread_ts as string | undefined, initialComment: args.initial_comment as string | undefined, created,
          });
        }
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? f.id })) };
      }
      case "files.list": {
        if (!this.filesReadScope) return { ok: false, error: "missing_scope", needed: "files:read" };
        const from = Number(args.ts_from ?? 0);
        const files = this.sharedFiles
          .filter((f) => (!args.channel || f.channel === args.channel) && f.created >= from)
          .map((f) => ({ id: f.id, name: f.name, title: f.title, created: f.created, channels: f.channel ? [f.channel] : [] }))
          .reverse();
        return { ok: true, files, paging: { count: files.length, total: files.length, page: 1, pages: 1 } };
      }
      case "oauth.v2.access": {
        if (args.code !== "good-code") return { ok: false, error: "invalid_code" };
        const botToken = "xoxb-test-T222";
        this.tokens.set(botToken, { teamId: "T222", botUserId: "UBOT222", botId: "BBOT222" });
        return {
          ok: true, app_id: "A0001", authed_user: { id: "UINSTALLER", scope: "", token_type: "user" },
          scope: "commands,chat:write", token_type: "bot", access_token: botToken, bot_user_id: "UBOT222",
          team: { id: "T222", name: "Second Workspace" }, enterprise: null, is_enterprise_install: false,
        };
      }
      default:
        return { ok: false, error: "unknown_method" };
    }
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** The file's bytes: the raw body, or the `body`/`file` part of a multipart form (how the SDK sends a Buffer). */
async function uploadBytes(raw: Buffer, contentType: string | undefined): Promise<Buffer> {
  if (!contentType?.startsWith("multipart/form-data")) return raw;
  const form = await new Response(new Uint8Array(raw), { headers: { "content-type": contentType } }).formData();
  const part = form.get("body") ?? form.get("file");
  if (part === null) return Buffer.alloc(0);
  return typeof part === "string" ? Buffer.from(part, "utf8") : Buffer.from(await part.arrayBuffer());
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function parseArgs(raw: Buffer, contentType: string | undefined): Record<string, any> {
  const text = raw.toString("utf8");
  if (!text) return {};
  if (contentType?.startsWith("application/json")) return JSON.parse(text) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    out[key] = JSON_FIELDS.has(key) ? safeJson(value) : value;
  }
  return out;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
