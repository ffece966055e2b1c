// The configuration reference: what each environment variable means, rendered together with
// what the zod schema in config.ts says about it (type, allowed values, default) into
// docs/configuration.md and .env.example (`npm run docs:config`). The schema stays the single
// source for names, types and defaults; this file only adds the words, so a variable added to the
// schema without a description fails test/unit/config-reference.test.ts.
import { z } from "zod";
import { envSchema } from "./config.js";

type VariableName = keyof typeof envSchema.shape;

interface Group {
  title: string;
  intro: string;
  variables: Partial<Record<VariableName, string>>;
}

export const CONFIG_GROUPS: readonly Group[] = [
  {
    title: "core",
    intro: "",
    variables: {
      NODE_ENV: "production requires APP_SECRET and a chat platform, and logs JSON lines; development logs for people.",
      HOST: "The address to listen on. Teams local mode always listens on 127.0.0.1 whatever this says.",
      PORT: "The one HTTP port: /slack/*, /api/messages, /healthz, /readyz, /metrics and /methods.",
      LOG_LEVEL: "The lowest pino level written.",
      PUBLIC_URL: "The public https address Slack and Teams reach this bot at (for OAuth redirects and manifests).",
      METHODS_URL:
        "Where summaries link to the methods note (how every number is computed). Default: the page the bot serves itself at PUBLIC_URL/methods (docs/trust-health.md as HTML); without PUBLIC_URL, no link.",
      DEFAULT_LOCALE: "Language for a new alliance until its admin runs setup.",
      DEFAULT_TIMEZONE: "Time zone for a new alliance until its admin runs setup.",
    },
  },
  {
    title: "database",
    intro: "",
    variables: {
      DATABASE_URL:
        "Empty: embedded PGlite in DATA_DIR (one process only). Set to use a PostgreSQL server (needed for several bot instances behind a load balancer).",
      DATABASE_POOL_SIZE: "Connections per bot process to PostgreSQL (PGlite always uses one).",
      DATA_DIR: "Embedded database files and the generated app secret live here.",
    },
  },
  {
    title: "Slack",
    intro: "Slack is enabled when SLACK_SIGNING_SECRET and one of the modes below are set.",
    variables: {
      SLACK_SIGNING_SECRET: "Verifies that requests come from Slack (Basic Information → App Credentials).",
      SLACK_BOT_TOKEN: "Single workspace: the xoxb- bot token from \"Install App\".",
      SLACK_CLIENT_ID: "Multi-workspace OAuth install (routes /slack/install and /slack/oauth_redirect).",
      SLACK_CLIENT_SECRET: "The OAuth client secret that goes with SLACK_CLIENT_ID.",
      SLACK_STATE_SECRET: "Signs the OAuth state parameter; defaults to APP_SECRET.",
      SLACK_APP_TOKEN: "Socket Mode (no public URL needed): an xapp- app-level token with connections:write, plus SLACK_BOT_TOKEN.",
      SLACK_SOCKET_MODE: "Use Socket Mode instead of HTTP.",
      SLACK_API_URL: "Web API base; tests point a started bot at a local fake.",
    },
  },
  {
    title: "Microsoft Teams",
    intro: "Teams is enabled when CLIENT_ID and CLIENT_SECRET (the bot's Entra app registration) are set.",
    variables: {
      CLIENT_ID: "The bot's Entra app (client) id.",
      CLIENT_SECRET: "The bot's Entra client secret.",
      TENANT_ID: "Single-tenant bots: the tenant id.",
      TEAMS_LOCAL_MODE:
        "Local try-out without authentication (Agents Playground); refused in production or with credentials. Empty: on when no platform at all is configured outside production (a bare `npm start`), else off.",
      TEAMS_OPENID_METADATA_URL: "Override for tests against a local fake of the Bot Framework OpenID metadata.",
      TEAMS_TOKEN_URL: "Override for tests against a local fake of the token endpoint for outgoing calls.",
      TEAMS_LOGIN_ENDPOINT:
        "Override of the Entra login endpoint whose OpenID metadata vouches for single-tenant tokens (default https://login.microsoftonline.com); for tests against a local fake.",
    },
  },
  {
    title: "scheduling",
    intro: "",
    variables: {
      SCHEDULER_ENABLED: "Runs the scheduled jobs and the outbox dispatcher in this process.",
      SCHEDULER_CATCH_UP_HOURS: "A run missed while the bot was down is made up once on start-up if it is at most this old.",
    },
  },
  {
    title: "security",
    intro: "",
    variables: {
      APP_SECRET:
        "32+ random characters (e.g. `openssl rand -base64 48`). Encrypts stored tokens and keys the hashes that stop double votes on anonymous polls. Required in production; in development it is generated once and kept in DATA_DIR/app-secret. Change it with `npm run rotate-secret` (docs/operations.md).",
      RETENTION_DAYS_AFTER_UNINSTALL:
        "Days after a Slack workspace uninstalls the app (or the bot is removed from a Teams tenant's team or group chat) before a scheduled job erases its members' personal data, conversations and queued messages (0: at the next hourly sweep). Reinstalling before then cancels the erasure (docs/security.md).",
    },
  },
];

/** What the schema says about one variable. */
export interface VariableFacts {
  name: VariableName;
  description: string;
  /** The default as it would be written in the environment, or undefined when there is none. */
  defaultValue: string | undefined;
  /** Allowed values, a range or a format, in words. */
  accepts: string;
}

type Def = { type: string; defaultValue?: unknown; innerType?: z.ZodType; in?: z.ZodType; options?: z.ZodType[] };

/** Finds a default anywhere in the wrappers (default, pipe, union) around a variable's schema. */
function defaultOf(schema: z.ZodType): unknown {
  const def = schema.def as unknown as Def;
  if (def.type === "default") return def.defaultValue;
  for (const inner of [def.innerType, def.in, ...(def.options ?? [])]) {
    const found = inner ? defaultOf(inner) : undefined;
    if (found !== undefined) return found;
  }
  return undefined;
}

function acceptsOf(schema: z.ZodType): string {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  const variants = (json.anyOf as Array<Record<string, unknown>> | undefined) ?? [json];
  const enums = variants.flatMap((v) => (v.enum as string[] | undefined) ?? []);
  if (enums.includes("true") && enums.includes("false")) return "`true` or `false`";
  if (enums.length > 0) return enums.map((value) => `\`${value}\``).join(", ");
  if (json.type === "integer" || json.type === "number") {
    return `${json.type === "integer" ? "a whole number" : "a number"} from ${String(json.minimum)} to ${String(json.maximum)}`;
  }
  return "text";
}

/** Every variable in schema order with its group, for the renderers and the test. */
export function configFacts(): Array<{ group: Group; variables: VariableFacts[] }> {
  return CONFIG_GROUPS.map((group) => ({
    group,
    variables: (Object.keys(envSchema.shape) as VariableName[])
      .filter((name) => group.variables[name] !== undefined)
      .map((name) => {
        const schema = envSchema.shape[name] as z.ZodType;
        const value = defaultOf(schema);
        return { name, description: group.variables[name]!, defaultValue: value === undefined ? undefined : String(value), accepts: acceptsOf(schema) };
      }),
  }));
}

/** Names in the schema that no group describes (must be empty). */
export function undescribedVariables(): string[] {
  return Object.keys(envSchema.shape).filter((name) => !CONFIG_GROUPS.some((group) => name in group.variables));
}

const GENERATED = "Generated from the zod schema in src/config.ts and src/config-reference.ts by `npm run docs:config`; do not edit by hand.";

/** docs/configuration.md */
export function renderConfigurationMarkdown(): string {
  const out = [
    "# Configuration reference",
    "",
    `<!-- ${GENERATED} -->`,
    "",
    "Every setting is an environment variable, read once at start-up (and from a `.env` file when",
    "present). A wrong value stops the bot with one line per problem. `.env.example` has the same",
    "list with the defaults filled in.",
  ];
  for (const { group, variables } of configFacts()) {
    out.push("", `## ${group.title[0]!.toUpperCase()}${group.title.slice(1)}`, "");
    if (group.intro) out.push(group.intro, "");
    out.push("| Variable | Default | Accepts | Meaning |", "|---|---|---|---|");
    for (const v of variables) {
      const cell = (text: string) => text.replaceAll("|", "\\|");
      out.push(`| \`${v.name}\` | ${v.defaultValue === undefined ? "—" : `\`${v.defaultValue}\``} | ${cell(v.accepts)} | ${cell(v.description)} |`);
    }
  }
  return `${out.join("\n")}\n`;
}

function wrapComment(text: string, width = 98): string[] {
  const lines: string[] = [];
  let line = "#";
  for (const word of text.split(" ")) {
    if (line.length + word.length + 1 > width && line !== "#") {
      lines.push(line);
      line = "#";
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines;
}

/** .env.example */
export function renderEnvExample(): string {
  const out = [
    "# Alliance Trust Bot — every environment variable, with its default.",
    ...wrapComment(GENERATED),
    "# Copy to .env (read at start-up when present) and fill in what you need. With nothing set,",
    "# `npm start` runs on the embedded database in Teams local mode (loopback only, no authentication)",
    "# and prints how to try it and how to connect Slack or Teams. Reference: docs/configuration.md",
  ];
  for (const { group, variables } of configFacts()) {
    out.push("", `# ---- ${group.title} ${"-".repeat(Math.max(4, 72 - group.title.length))}`);
    if (group.intro) out.push(...wrapComment(group.intro));
    for (const v of variables) {
      const accepts = v.accepts === "text" ? "" : ` (${v.accepts.replaceAll("`", "")})`;
      out.push(...wrapComment(`${v.description}${accepts}`), `${v.name}=${v.defaultValue ?? ""}`);
    }
  }
  return `${out.join("\n")}\n`;
}
