// The whole environment, parsed once with zod into a frozen, typed object. Every problem is
// listed in plain words (ConfigError); main.ts prints them and exits 1 without a stack trace.
// A platform is enabled by the presence of its credentials, as Outline's plugins are.
import { z } from "zod";
import { isValidTimeZone } from "#core/shared/zoned-time.js";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "must be true or false" })
  .transform((value) => value === "true" || value === "1" || value === "yes");
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();
// Unset or empty means "decide for me" (see TEAMS_LOCAL_MODE below).
const optionalBool = z
  .literal("")
  .transform(() => undefined)
  .or(bool)
  .optional();
const port = z.coerce.number({ error: "must be a number" }).int().min(0).max(65535);
const url = (what: string) =>
  z
    .string()
    .trim()
    .pipe(z.url({ error: `must be a URL (${what})` }))
    .optional()
    .or(z.literal("").transform(() => undefined));
const timeZone = z.string().refine(isValidTimeZone, { error: "must be an IANA time zone such as Europe/Amsterdam" });

export const envSchema = z.object({
  // core
  NODE_ENV: z.enum(["development", "production", "test"], { error: "must be development, production or test" }).default("development"),
  HOST: z.string().default("0.0.0.0"),
  PORT: port.default(3000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "must be a pino level such as info or debug" }).default("info"),
  PUBLIC_URL: url("the address Slack and Teams reach this bot at, e.g. https://bot.example.org"),
  METHODS_URL: url("where the methods note is read, e.g. https://bot.example.org/methods"),
  DEFAULT_LOCALE: z.enum(["en", "nl"], { error: "must be en or nl" }).default("en"),
  DEFAULT_TIMEZONE: timeZone.default("Europe/Amsterdam"),
  // database
  DATABASE_URL: z
    .string()
    .trim()
    .refine((value) => value === "" || /^postgres(ql)?:\/\//.test(value), { error: "must start with postgresql://" })
    .transform((value) => (value === "" ? undefined : value))
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number({ error: "must be a number" }).int().min(1).max(100).default(10),
  DATA_DIR: z.string().trim().min(1).default("./data"),
  // Slack
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith("xoxb-"), { error: "must start with xoxb-" }),
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith("xapp-"), { error: "must start with xapp-" }),
  SLACK_SOCKET_MODE: bool.default(false),
  SLACK_API_URL: url("Slack's Web API base").default("https://slack.com/api/"),
  // Teams
  CLIENT_ID: optionalText,
  CLIENT_SECRET: optionalText,
  TENANT_ID: optionalText,
  // Unset: on when nothing else is configured outside production, so a bare `npm start` can be tried.
  TEAMS_LOCAL_MODE: optionalBool,
  TEAMS_OPENID_METADATA_URL: url("Bot Framework OpenID metadata"),
  TEAMS_TOKEN_URL: url("token endpoint for outgoing calls"),
  TEAMS_LOGIN_ENDPOINT: url("Entra login endpoint, e.g. https://login.microsoftonline.com"),
  // scheduling
  SCHEDULER_ENABLED: bool.default(true),
  SCHEDULER_CATCH_UP_HOURS: z.coerce.number({ error: "must be a number" }).min(0).max(24 * 14).default(24),
  // privacy
  RETENTION_DAYS_AFTER_UNINSTALL: z.coerce.number({ error: "must be a number of days" }).int({ error: "must be a whole number of days" }).min(0).max(3650).default(30),
  // security
  APP_SECRET: optionalText.refine((v) => v === undefined || v.length >= 32, { error: "must be at least 32 characters" }),
});

type Env = z.infer<typeof envSchema>;

/** How the Slack side runs, decided by which credentials are present. */
export type SlackMode =
  | { kind: "single"; botToken: string }
  | { kind: "oauth"; clientId: string; clientSecret: string; stateSecret: string }
  | { kind: "socket"; appToken: string; botToken: string };

/** The bot's configuration. */
export interface Config {
  env: Env["NODE_ENV"];
  http: { host: string; port: number; publicUrl: string | undefined };
  /**
   * The methods note (how every summary number is computed) that summaries link to: METHODS_URL,
   * else the page this bot serves at PUBLIC_URL/methods, else null (no link, "ask your manager").
   */
  methodsUrl: string | null;
  log: { level: Env["LOG_LEVEL"]; pretty: boolean };
  defaults: { locale: Env["DEFAULT_LOCALE"]; timezone: string };
  database:
    | { kind: "postgresql"; url: string; poolSize: number }
    | { kind: "pglite"; dataDir: string };
  dataDir: string;
  slack: { signingSecret: string; apiUrl: string; mode: SlackMode } | null;
  teams: {
    clientId: string | undefined;
    clientSecret: string | undefined;
    tenantId: string | undefined;
    localMode: boolean;
    /** Local mode chosen because no platform was configured (start-up prints how to try it). */
    localModeByDefault: boolean;
    openIdMetadataUrl: string | undefined;
    tokenUrl: string | undefined;
    /** Entra login endpoint (sovereign clouds, tests): single-tenant tokens and their keys come from here. */
    loginEndpoint: string | undefined;
  } | null;
  scheduler: { enabled: boolean; catchUpHours: number };
  /** Days an uninstalled workspace's personal data is kept before the retention job erases it. */
  retention: { daysAfterUninstall: number };
  /** Key material for keyed hashes and token encryption; undefined means "generate and keep in DATA_DIR". */
  appSecret: string | undefined;
}

/** The environment is wrong; `problems` has one plain sentence per variable. */
export class ConfigError extends Error {
  readonly code = "CONFIG_INVALID";
  constructor(readonly problems: string[]) {
    super(`Configuration problems:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

function slackFrom(env: Env, problems: string[]): Config["slack"] {
  const any = env.SLACK_SIGNING_SECRET ?? env.SLACK_BOT_TOKEN ?? env.SLACK_CLIENT_ID ?? env.SLACK_CLIENT_SECRET ?? env.SLACK_APP_TOKEN;
  if (!any) return null;
  if (env.SLACK_CLIENT_ID && !env.SLACK_CLIENT_SECRET) problems.push("SLACK_CLIENT_SECRET: required when SLACK_CLIENT_ID is set (OAuth install)");
  if (env.SLACK_CLIENT_SECRET && !env.SLACK_CLIENT_ID) problems.push("SLACK_CLIENT_ID: required when SLACK_CLIENT_SECRET is set (OAuth install)");
  let mode: SlackMode | undefined;
  if (env.SLACK_SOCKET_MODE || env.SLACK_APP_TOKEN) {
    if (!env.SLACK_APP_TOKEN) problems.push("SLACK_APP_TOKEN: required for Socket Mode (an xapp- app-level token)");
    if (!env.SLACK_BOT_TOKEN) problems.push("SLACK_BOT_TOKEN: required for Socket Mode (an xoxb- bot token)");
    if (env.SLACK_APP_TOKEN && env.SLACK_BOT_TOKEN) mode = { kind: "socket", appToken: env.SLACK_APP_TOKEN, botToken: env.SLACK_BOT_TOKEN };
  } else if (env.SLACK_CLIENT_ID && env.SLACK_CLIENT_SECRET) {
    const stateSecret = env.SLACK_STATE_SECRET ?? env.APP_SECRET;
    if (!stateSecret) problems.push("SLACK_STATE_SECRET: required for OAuth install (or set APP_SECRET)");
    else mode = { kind: "oauth", clientId: env.SLACK_CLIENT_ID, clientSecret: env.SLACK_CLIENT_SECRET, stateSecret };
  } else if (env.SLACK_BOT_TOKEN) {
    mode = { kind: "single", botToken: env.SLACK_BOT_TOKEN };
  } else {
    problems.push("SLACK_BOT_TOKEN: set it for one workspace, or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET for OAuth installs");
  }
  if (!env.SLACK_SIGNING_SECRET) problems.push("SLACK_SIGNING_SECRET: required whenever Slack is enabled (Basic Information → App Credentials)");
  return mode && env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET, apiUrl: env.SLACK_API_URL, mode } : null;
}

/**
 * A bare `npm start` (no platform, not production, TEAMS_LOCAL_MODE unset) runs Teams local mode
 * so there is something to talk to; in production no platform at all is a configuration error.
 */
function noPlatformConfigured(env: Env, problems: string[]): boolean {
  const slackSet = [env.SLACK_SIGNING_SECRET, env.SLACK_BOT_TOKEN, env.SLACK_CLIENT_ID, env.SLACK_CLIENT_SECRET, env.SLACK_APP_TOKEN].some(Boolean);
  if (slackSet || env.CLIENT_ID || env.CLIENT_SECRET || env.TEAMS_LOCAL_MODE !== undefined) return false;
  if (env.NODE_ENV === "production") {
    problems.push("SLACK_SIGNING_SECRET / CLIENT_ID: no chat platform configured; production needs Slack credentials, Teams credentials or both");
    return false;
  }
  return true;
}

function teamsFrom(env: Env, problems: string[]): Config["teams"] {
  const byDefault = noPlatformConfigured(env, problems);
  if (byDefault) env = { ...env, TEAMS_LOCAL_MODE: true };
  if (!env.CLIENT_ID && !env.CLIENT_SECRET && !env.TEAMS_LOCAL_MODE) return null;
  if (env.TEAMS_LOCAL_MODE) {
    if (env.CLIENT_ID || env.CLIENT_SECRET) problems.push("TEAMS_LOCAL_MODE: cannot be used together with CLIENT_ID/CLIENT_SECRET (local mode skips authentication)");
    if (env.NODE_ENV === "production") problems.push("TEAMS_LOCAL_MODE: not allowed when NODE_ENV=production");
  } else if (!env.CLIENT_ID || !env.CLIENT_SECRET) {
    problems.push(`${env.CLIENT_ID ? "CLIENT_SECRET" : "CLIENT_ID"}: Teams needs both CLIENT_ID and CLIENT_SECRET (the bot's Entra app registration)`);
  }
  return {
    clientId: env.CLIENT_ID,
    clientSecret: env.CLIENT_SECRET,
    tenantId: env.TENANT_ID,
    localMode: env.TEAMS_LOCAL_MODE === true,
    localModeByDefault: byDefault,
    openIdMetadataUrl: env.TEAMS_OPENID_METADATA_URL,
    tokenUrl: env.TEAMS_TOKEN_URL,
    loginEndpoint: env.TEAMS_LOGIN_ENDPOINT?.replace(/\/+$/, ""),
  };
}

/**
 * Parses each variable on its own so that one bad value does not hide the others, then checks
 * the combinations (e.g. OAuth needs both id and secret).
 */
function parseEach(source: Record<string, string | undefined>, problems: string[]): Env {
  const env: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(envSchema.shape)) {
    const raw = source[name];
    const result = (schema as z.ZodType).safeParse(raw === undefined ? undefined : raw);
    if (result.success) env[name] = result.data;
    else problems.push(`${name}: ${result.error.issues.map((issue) => issue.message).join("; ")}`);
  }
  return env as Env;
}

/**
 * Parses `source` (normally process.env); throws ConfigError listing every problem.
 * `maintenance`: for the database commands (migrate, backup, restore, rotate-secret), which need
 * no chat platform even in production.
 */
export function loadConfig(source: Record<string, string | undefined>, options: { maintenance?: boolean } = {}): Readonly<Config> {
  const problems: string[] = [];
  const env = parseEach(source, problems);
  const slack = slackFrom(env, problems);
  const teams = teamsFrom(env, options.maintenance ? [] : problems);
  if (env.NODE_ENV === "production" && !env.APP_SECRET && !("APP_SECRET" in source && problems.some((p) => p.startsWith("APP_SECRET")))) {
    problems.push("APP_SECRET: required in production (32+ random characters; encrypts tokens and keys anonymous answers)");
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const config: Config = {
    env: env.NODE_ENV,
    http: { host: env.HOST, port: env.PORT, publicUrl: env.PUBLIC_URL },
    methodsUrl: env.METHODS_URL ?? (env.PUBLIC_URL ? `${env.PUBLIC_URL.replace(/\/+$/, "")}/methods` : null),
    log: { level: env.LOG_LEVEL, pretty: env.NODE_ENV === "development" },
    defaults: { locale: env.DEFAULT_LOCALE, timezone: env.DEFAULT_TIMEZONE },
    database: env.DATABASE_URL
      ? { kind: "postgresql", url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE }
      : { kind: "pglite", dataDir: env.DATA_DIR },
    dataDir: env.DATA_DIR,
    slack,
    teams,
    scheduler: { enabled: env.SCHEDULER_ENABLED, catchUpHours: env.SCHEDULER_CATCH_UP_HOURS },
    retention: { daysAfterUninstall: env.RETENTION_DAYS_AFTER_UNINSTALL },
    appSecret: env.APP_SECRET,
  };
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): Readonly<T> {
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
