// The Teams app package: manifests/teams/manifest.json with its placeholders filled from the
// environment, plus the two icons, zipped at the archive root as Teams expects for sideloading.
import { readFileSync } from "node:fs";
import { renderTeamsIcons } from "./teams-icons.js";
import { zip } from "./zip.js";

/** The template, with ${{NAME}} placeholders. */
export const MANIFEST_TEMPLATE_URL = new URL("../../manifests/teams/manifest.json", import.meta.url);

/** What fills the placeholders. */
export interface TeamsPackageSettings {
  /** The Teams app's id (a GUID of your choosing, stable across versions). */
  teamsAppId: string;
  /** The bot's Microsoft App ID (the Entra app registration, = CLIENT_ID). */
  botId: string;
  /** Where the bot is reached, https://…; its host becomes the valid domain. */
  publicUrl: string;
}

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

/** Reads the settings from the environment, or lists every problem in plain words. */
export function settingsFromEnv(env: Record<string, string | undefined>): { ok: true; settings: TeamsPackageSettings } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const botId = env.BOT_ID ?? env.CLIENT_ID ?? "";
  const teamsAppId = env.TEAMS_APP_ID ?? botId;
  const publicUrl = (env.PUBLIC_URL ?? "").replace(/\/+$/, "");
  if (!GUID.test(botId)) problems.push("BOT_ID (or CLIENT_ID): the bot's Microsoft App ID, a GUID such as 00000000-0000-0000-0000-000000000000");
  if (!GUID.test(teamsAppId)) problems.push("TEAMS_APP_ID: a GUID identifying the Teams app (defaults to the bot id)");
  let url: URL | undefined;
  try {
    url = new URL(publicUrl);
  } catch {
    // reported below
  }
  if (!url || url.protocol !== "https:") problems.push("PUBLIC_URL: the https address Teams reaches the bot at, e.g. https://bot.example.org");
  return problems.length > 0 ? { ok: false, problems } : { ok: true, settings: { teamsAppId, botId, publicUrl } };
}

/** The manifest with every placeholder replaced; throws if one is left. */
export function fillManifest(template: string, settings: TeamsPackageSettings): Record<string, unknown> {
  const values: Record<string, string> = {
    TEAMS_APP_ID: settings.teamsAppId,
    BOT_ID: settings.botId,
    PUBLIC_URL: settings.publicUrl,
    BOT_DOMAIN: new URL(settings.publicUrl).host,
  };
  const filled = template.replace(/\$\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
  const left = filled.match(/\$\{\{\w+\}\}/g);
  if (left) throw new Error(`unfilled placeholders in the Teams manifest: ${[...new Set(left)].join(", ")}`);
  return JSON.parse(filled) as Record<string, unknown>;
}

/** The zipped app package: manifest.json, color.png, outline.png. */
export function buildTeamsPackage(settings: TeamsPackageSettings, template = readFileSync(MANIFEST_TEMPLATE_URL, "utf8")): { zip: Buffer; manifest: Record<string, unknown> } {
  const manifest = fillManifest(template, settings);
  const icons = renderTeamsIcons();
  return {
    manifest,
    zip: zip([
      { name: "manifest.json", data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8") },
      { name: "color.png", data: icons.color },
      { name: "outline.png", data: icons.outline },
    ]),
  };
}
