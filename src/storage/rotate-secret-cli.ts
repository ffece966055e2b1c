// `npm run rotate-secret`: re-encrypts stored Slack tokens from the previous APP_SECRET to the new
// one. Usage: PREVIOUS_APP_SECRET=<old> APP_SECRET=<new> npm run rotate-secret, with the bot
// stopped (or before it starts with the new secret). Without PREVIOUS_APP_SECRET, the secret a
// development install generated in DATA_DIR/app-secret is taken as the old one.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig } from "#src/config.js";
import { openDatabase } from "./database.js";
import { rotateTokenSecret } from "./rotate-token-secret.js";

function previousSecret(dataDir: string): string | undefined {
  const fromEnv = process.env.PREVIOUS_APP_SECRET?.trim();
  if (fromEnv) return fromEnv;
  const file = path.resolve(dataDir, "app-secret");
  return existsSync(file) ? readFileSync(file, "utf8").trim() : undefined;
}

if (existsSync(".env")) process.loadEnvFile(".env");
try {
  const config = loadConfig(process.env, { maintenance: true });
  const to = config.appSecret;
  const from = previousSecret(config.dataDir);
  if (!to) throw new Error("Set APP_SECRET to the new secret (32+ random characters).");
  if (!from) throw new Error("Set PREVIOUS_APP_SECRET to the secret the tokens are encrypted with now.");
  if (from === to) throw new Error("PREVIOUS_APP_SECRET and APP_SECRET are the same: nothing to rotate.");
  const db = await openDatabase(config.database);
  try {
    const count = await rotateTokenSecret(db.prisma, { from, to });
    console.log(`Re-encrypted the tokens of ${count} installation(s) with the new APP_SECRET. Start the bot with it now.`);
    console.log("Anonymous answers given before the rotation are no longer recognised as repeats; see docs/operations.md.");
  } finally {
    await db.close();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Rotation failed: ${(error as Error).message}`);
  process.exit(1);
}
