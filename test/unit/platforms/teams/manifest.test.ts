/**
 * The Teams app manifest (manifests/teams/manifest.json) validated against Microsoft's v1.30
 * schema, read from /work/shared/reference/teams-manifest (never copied into the project; the
 * schema is draft-04, hence ajv-draft-04), its command lists against the commands the bot
 * understands, and the app package zip: manifest at the root, 192×192 colour icon, 32×32
 * white-on-transparent outline icon.
 */
import { existsSync, readFileSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import Ajv04Module from "ajv-draft-04";
import addFormatsModule from "ajv-formats";
import type { ValidateFunction } from "ajv";
import { describe, expect, it } from "vitest";
import { translate, type MessageKey } from "#core/i18n/catalogue.js";
import { TEAMS_COMMANDS } from "#platforms/teams/commands/command-parser.js";
import { buildTeamsPackage, fillManifest, MANIFEST_TEMPLATE_URL, settingsFromEnv } from "../../../../scripts/lib/teams-app-package.js";
import { OUTLINE_SVG } from "../../../../scripts/lib/teams-icons.js";
import { unzip } from "../../../../scripts/lib/zip.js";

const SCHEMA_DIR = process.env.TEAMS_MANIFEST_SCHEMA_DIR ?? "/work/shared/reference/teams-manifest";
const SCHEMA_FILE = `${SCHEMA_DIR}/MicrosoftTeams.v1.30.schema.json`;
const haveSchema = existsSync(SCHEMA_FILE);
if (!haveSchema) console.log(`[teams manifest.test] skipping schema validation: no Teams v1.30 schema at ${SCHEMA_FILE} (set TEAMS_MANIFEST_SCHEMA_DIR)`);

// CommonJS packages with exports.default: Node ESM gives the module object, vitest the default.
type AjvLike = { compile(schema: object): ValidateFunction };
const Ajv04 = ((Ajv04Module as unknown as { default?: unknown }).default ?? Ajv04Module) as unknown as new (options: { allErrors: boolean; strict: boolean }) => AjvLike;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (ajv: AjvLike, formats?: string[]) => void;

const settings = { teamsAppId: "6a0c3e52-9f3e-4b8e-9c7e-0d2c5b1f7a11", botId: "0b2f4c6d-8e0a-4b2c-9d4e-6f8a0b2c4d6e", publicUrl: "https://bot.example.org" };
const template = readFileSync(MANIFEST_TEMPLATE_URL, "utf8");
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const manifest = fillManifest(template, settings) as any;

function pngSize(png: Buffer): { width: number; height: number; colorType: number } {
  expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), colorType: png.readUInt8(25) };
}

describe("Teams manifest", () => {
  it.skipIf(!haveSchema)("validates against the v1.30 schema once its placeholders are filled", () => {
    const ajv = new Ajv04({ allErrors: true, strict: false });
    addFormats(ajv, ["uri", "email", "regex"]);
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as object);
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it.skipIf(!haveSchema)("is rejected by the schema when something is wrong (the check can fail)", () => {
    const ajv = new Ajv04({ allErrors: true, strict: false });
    addFormats(ajv, ["uri", "email", "regex"]);
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as object);
    const broken = structuredClone(manifest);
    broken.bots[0].botId = "not-a-guid";
    broken.bots[0].commandLists[0].commands.push({ title: "x", descripton: "typo" });
    expect(validate(broken)).toBe(false);
  });

  it("lists exactly the commands the bot understands, personal scope complete", () => {
    const english = TEAMS_COMMANDS.map((c) => translate("en", `teams.command.${c}` as MessageKey));
    const lists = manifest.bots[0].commandLists as Array<{ scopes: string[]; commands: Array<{ title: string }> }>;
    expect(lists.find((l) => l.scopes.includes("personal"))!.commands.map((c) => c.title)).toEqual(english);
    for (const list of lists) for (const command of list.commands) expect(english).toContain(command.title);
    // "my data" and "forget me" answer only in a 1:1 chat, so channels do not offer them.
    const team = lists.find((l) => l.scopes.includes("team"))!.commands.map((c) => c.title);
    expect(team).not.toContain("my data");
  });

  it("fills app id, bot id and domain from the environment and names every missing value", () => {
    expect(manifest.id).toBe(settings.teamsAppId);
    expect(manifest.bots[0].botId).toBe(settings.botId);
    expect(manifest.validDomains).toEqual(["bot.example.org"]);
    const bad = settingsFromEnv({ CLIENT_ID: "nope", PUBLIC_URL: "http://insecure" });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems.map((p) => p.split(":")[0])).toEqual(["BOT_ID (or CLIENT_ID)", "TEAMS_APP_ID", "PUBLIC_URL"]);
    expect(() => fillManifest(`${template.slice(0, -2)}, "x": "\${{UNKNOWN}}" }`, settings)).toThrow(/UNKNOWN/);
  });
});

describe("Teams app package", () => {
  const { zip } = buildTeamsPackage(settings, template);
  const files = Object.fromEntries(unzip(zip).map((e) => [e.name, e.data]));

  it("holds manifest.json and both icons at the root", () => {
    expect(Object.keys(files).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    expect(JSON.parse(files["manifest.json"]!.toString("utf8")).id).toBe(settings.teamsAppId);
  });

  it("has a 192×192 colour icon and a 32×32 RGBA outline icon", () => {
    expect(pngSize(files["color.png"]!)).toMatchObject({ width: 192, height: 192 });
    expect(pngSize(files["outline.png"]!)).toEqual({ width: 32, height: 32, colorType: 6 });
  });

  it("draws the outline icon in white on a transparent background only", () => {
    const image = new Resvg(OUTLINE_SVG, { fitTo: { mode: "width", value: 32 }, background: "rgba(0,0,0,0)" }).render();
    const pixels = image.pixels;
    let transparent = 0;
    let white = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const [r, g, b, a] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!, pixels[i + 3]!];
      if (a === 0) transparent += 1;
      else {
        // resvg's pixels are premultiplied: white at alpha a reads (a, a, a, a) on anti-aliased edges.
        expect([r, g, b]).toEqual([a, a, a]);
        white += 1;
      }
    }
    expect(transparent).toBeGreaterThan(500);
    expect(white).toBeGreaterThan(50);
  });
});
