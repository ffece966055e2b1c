// npm run package:teams: writes build/teams/alliance-trust-bot.zip, the app package to sideload
// in Teams (Apps → Manage your apps → Upload an app) or upload in the Teams Developer Portal.
// Reads BOT_ID (or CLIENT_ID), TEAMS_APP_ID (defaults to the bot id) and PUBLIC_URL from the
// environment or .env. Also writes the two icons next to the manifest for reference.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildTeamsPackage, settingsFromEnv } from "./lib/teams-app-package.js";
import { renderTeamsIcons } from "./lib/teams-icons.js";

if (existsSync(".env")) process.loadEnvFile(".env");
const result = settingsFromEnv(process.env);
if (!result.ok) {
  process.stderr.write(`Cannot build the Teams app package:\n${result.problems.map((p) => `  - ${p}`).join("\n")}\n`);
  process.exit(1);
}
const outDir = path.resolve("build/teams");
mkdirSync(outDir, { recursive: true });
const { zip, manifest } = buildTeamsPackage(result.settings);
const file = path.join(outDir, "alliance-trust-bot.zip");
writeFileSync(file, zip);
const icons = renderTeamsIcons();
writeFileSync(path.resolve("manifests/teams/color.png"), icons.color);
writeFileSync(path.resolve("manifests/teams/outline.png"), icons.outline);
process.stdout.write(`Teams app package written to ${file} (${zip.length} bytes, app id ${String(manifest.id)}, bot ${result.settings.botId}).\n`);
