// Starts the whole bot (src/compose.ts startBot, embedded PGlite in memory) with Teams pointed at
// a fake Bot Connector, and posts activities to it over HTTP like Teams does. One harness per
// test file: opening the database is the slow part.
import { request } from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadConfig } from "#src/config.js";
import { startBot, type RunningBot } from "#src/compose.js";
import { createLogger } from "#src/logger.js";
import { makeSigningKey, startFakeBotConnector, BOT_FRAMEWORK_ISSUER, type FakeBotConnector, type SigningKey } from "../../../fakes/fake-bot-connector.js";

/** The app id the authenticated harness runs as. */
export const APP_ID = "00000000-0000-0000-0000-0000000000b0";

/** A started bot and its fake Microsoft side. */
export interface TeamsHarness {
  bot: RunningBot;
  connector: FakeBotConnector;
  /** Signs channel tokens the bot accepts (authenticated harness only). */
  key: SigningKey;
  endpoint: string;
  /** POSTs an activity; with `auth`, signs a valid channel token for it unless `authorization` is given. */
  post(activity: Record<string, unknown>, options?: { authorization?: string | null }): Promise<{ status: number; body: any }>;
  /** A valid token for `activity`, with `claims` overriding the defaults. */
  token(activity: Record<string, unknown>, claims?: Record<string, unknown>, expiresIn?: number): string;
  close(): Promise<void>;
}

/** Starts the bot: `auth` true validates JWTs against the fake OpenID endpoint; false is local mode. */
export async function startTeamsHarness(options: {
  auth: boolean;
  env?: Record<string, string>;
  /** An embedded database on disk that outlives the bot (a restart test); default in memory. */
  dataDir?: string;
  /** A PostgreSQL database instead of the embedded one (several instances on one database). */
  databaseUrl?: string;
  /** Another harness's fake Microsoft side, kept open by close() (a restart test). */
  connector?: FakeBotConnector;
}): Promise<TeamsHarness> {
  const key = makeSigningKey("harness-key");
  const ownConnector = !options.connector;
  const connector = options.connector ?? (await startFakeBotConnector({ jwks: key.jwks }));
  const env: Record<string, string> = {
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "silent",
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "atb-teams-")),
    DATABASE_URL: "",
    APP_SECRET: "teams-harness-secret-0123456789abcdef",
    SCHEDULER_ENABLED: "false",
    ...(options.auth
      ? { CLIENT_ID: APP_ID, CLIENT_SECRET: "harness-secret", TENANT_ID: "tenant-aaaa-0001", TEAMS_OPENID_METADATA_URL: connector.openIdMetadataUrl, TEAMS_TOKEN_URL: connector.tokenUrl, TEAMS_LOGIN_ENDPOINT: connector.loginEndpoint }
      : { TEAMS_LOCAL_MODE: "true" }),
    ...options.env,
  };
  const config = loadConfig(env);
  // In-memory PGlite unless asked: nothing to clean up, and the data directory only holds the app secret.
  const database: typeof config.database = options.databaseUrl
    ? { kind: "postgresql", url: options.databaseUrl, poolSize: 5 }
    : { kind: "pglite", dataDir: options.dataDir ?? "memory://" };
  const bot = await startBot({ ...config, database }, createLogger({ level: "silent", pretty: false }));
  const endpoint = `http://127.0.0.1:${bot.port}/api/messages`;

  const token = (activity: Record<string, unknown>, claims: Record<string, unknown> = {}, expiresIn?: number) =>
    key.sign({ iss: BOT_FRAMEWORK_ISSUER, aud: APP_ID, serviceurl: activity.serviceUrl, ...claims }, expiresIn === undefined ? {} : { expiresIn });

  const post = (activity: Record<string, unknown>, postOptions: { authorization?: string | null } = {}) => {
    const data = Buffer.from(JSON.stringify(activity));
    const authorization = postOptions.authorization === undefined ? (options.auth ? `Bearer ${token(activity)}` : null) : postOptions.authorization;
    return new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = request(
        endpoint,
        { method: "POST", agent: false, headers: { "content-type": "application/json", "content-length": data.length, ...(authorization ? { authorization } : {}) } },
        async (res) => {
          let text = "";
          for await (const chunk of res) text += chunk;
          let body: unknown;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            body = text;
          }
          resolve({ status: res.statusCode ?? 0, body });
        },
      );
      req.on("error", reject);
      req.end(data);
    });
  };

  return {
    bot,
    connector,
    key,
    endpoint,
    post,
    token,
    async close() {
      await bot.stop();
      if (ownConnector) await connector.close();
    },
  };
}
