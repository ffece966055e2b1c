// `npm run db:migrate`: applies pending migrations without starting the bot, e.g. as a release
// step before rolling out new instances. Uses DATABASE_URL when set, else the embedded DATA_DIR.
import { existsSync } from "node:fs";
import { ConfigError, loadConfig } from "#src/config.js";
import { openDatabase } from "./database.js";

if (existsSync(".env")) process.loadEnvFile(".env");
try {
  const config = loadConfig(process.env, { maintenance: true });
  const db = await openDatabase(config.database);
  await db.close();
  const where = config.database.kind === "postgresql" ? "PostgreSQL" : `embedded PGlite in ${config.database.dataDir}`;
  console.log(db.appliedMigrations.length === 0 ? `Schema is up to date (${where}).` : `Applied ${db.appliedMigrations.join(", ")} (${where}).`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Migration failed: ${(error as Error).message}`);
  process.exit(1);
}
