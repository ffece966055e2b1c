/**
 * manifests/slack.yaml against Slack's published manifest schema (slackapi/manifest-schema v0.5.0),
 * read from /work/shared/reference/slack-manifest (never vendored into this project), and against
 * what the code expects: the scopes it asks for and the commands it listens to.
 */
import { existsSync, readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { BOT_SCOPES, SLACK_PATHS } from "#platforms/slack/transport/slack-app.js";
import { SLASH_COMMANDS } from "#platforms/slack/listeners/commands.js";

const SCHEMA_DIR = process.env.SLACK_MANIFEST_SCHEMA_DIR ?? "/work/shared/reference/slack-manifest";
const haveSchema = existsSync(`${SCHEMA_DIR}/manifest.schema.1.0.0.json`);
if (!haveSchema) console.log(`[manifest.test] skipping schema validation: no Slack manifest schema at ${SCHEMA_DIR} (set SLACK_MANIFEST_SCHEMA_DIR)`);

// ajv-formats is CommonJS with exports.default; Node ESM gives the module object, vitest the function.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => void;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const manifest = parse(readFileSync(new URL("../../../../manifests/slack.yaml", import.meta.url), "utf8")) as any;

function validator(): ValidateFunction {
  const load = (file: string) => JSON.parse(readFileSync(`${SCHEMA_DIR}/${file}`, "utf8")) as object;
  // strict: false because the schema uses non-standard keywords ("regex", "_note").
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  // The router schema $refs the versioned files by URL: register local copies under those URLs.
  const base = "https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/";
  ajv.addSchema(load("manifest.schema.1.0.0.json"), `${base}manifest.schema.1.0.0.json`);
  ajv.addSchema(load("manifest.schema.2.0.0.json"), `${base}manifest.schema.2.0.0.json`);
  ajv.compile(load("manifest.schema.json"));
  const v1 = ajv.getSchema(`${base}manifest.schema.1.0.0.json`);
  if (!v1) throw new Error("schema 1.0.0 did not load");
  return v1;
}

describe.skipIf(!haveSchema)("Slack manifest schema", () => {
  it("accepts manifests/slack.yaml", () => {
    const validate = validator();
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("rejects a broken copy (so the check above can fail)", () => {
    const validate = validator();
    const broken = structuredClone(manifest);
    broken.features.slash_commands[0].command = "poll";
    broken.display_information.name = "x".repeat(36);
    expect(validate(broken)).toBe(false);
    const messages = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
    expect(messages).toEqual(expect.arrayContaining([
      '/features/slash_commands/0/command must match pattern "^\\/"',
      "/display_information/name must NOT have more than 35 characters",
    ]));
  });
});

describe("Slack manifest matches the code", () => {
  it("asks for exactly the bot scopes the OAuth installer requests", () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
  });

  it("declares every slash command the app listens to, each with a usage hint", () => {
    const declared = manifest.features.slash_commands.map((c: { command: string }) => c.command).sort();
    expect(declared).toEqual([...SLASH_COMMANDS].sort());
    for (const command of manifest.features.slash_commands) expect(command.usage_hint.length).toBeGreaterThan(3);
  });

  it("sends commands, interactivity, events and the OAuth redirect to the routes the server mounts", () => {
    const paths = [
      ...manifest.features.slash_commands.map((c: { url: string }) => new URL(c.url).pathname),
      new URL(manifest.settings.interactivity.request_url).pathname,
      new URL(manifest.settings.event_subscriptions.request_url).pathname,
    ];
    expect(new Set(paths)).toEqual(new Set([SLACK_PATHS.events]));
    expect(new URL(manifest.oauth_config.redirect_urls[0]).pathname).toBe(SLACK_PATHS.oauthRedirect);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(["app_home_opened", "app_uninstalled", "tokens_revoked"]));
  });
});
