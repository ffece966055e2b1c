// `npm run db:backup [-- <file>]` writes a plain SQL dump of the configured database (embedded
// PGlite or PostgreSQL) that `npm run db:restore` and psql can read.
// `npm run db:restore -- <file> [--replace]` loads one into the configured database; it must be
// empty unless --replace is given. Run both with the bot stopped when the database is embedded
// (PGlite allows one process); against PostgreSQL the backup is an online, consistent snapshot.
import { createWriteStream, existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "#src/config.js";
import { connectConfiguredDatabase } from "./connect-configured-database.js";
import { dumpSql } from "./sql-dump.js";
import { restoreSql } from "./sql-restore.js";

async function backup(file: string): Promise<string> {
  const config = loadConfig(process.env, { maintenance: true });
  const db = await connectConfiguredDatabase(config.database);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const out = createWriteStream(file, { mode: 0o600 });
  try {
    const header = [`Alliance Trust Bot backup of ${db.where}`, `taken ${new Date().toISOString()}`, `restore: npm run db:restore -- ${path.basename(file)}   (or psql -v ON_ERROR_STOP=1 -f ${path.basename(file)} <empty database>)`];
    const counts = await dumpSql(db.client, (chunk) => {
      if (!out.write(chunk)) return new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }, header);
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    return `Backed up ${counts.tables} tables, ${counts.rows} rows from ${db.where} to ${file}.`;
  } finally {
    out.destroy();
    await db.close();
  }
}

async function restore(file: string, replace: boolean): Promise<string> {
  const config = loadConfig(process.env, { maintenance: true });
  const sql = readFileSync(file, "utf8");
  const db = await connectConfiguredDatabase(config.database);
  try {
    await restoreSql(db.client, sql, { replace });
    return `Restored ${file} into ${db.where}. Start the bot to apply any newer migrations.`;
  } finally {
    await db.close();
  }
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { replace: { type: "boolean", default: false } } });
const [command, file] = positionals;
if (existsSync(".env")) process.loadEnvFile(".env");
try {
  if (command === "backup") {
    const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
    console.log(await backup(file ?? path.join("backups", `alliance-trust-bot-${stamp}.sql`)));
  } else if (command === "restore" && file) {
    console.log(await restore(file, values.replace));
  } else {
    console.error("Usage: npm run db:backup [-- <file>]  |  npm run db:restore -- <file> [--replace]");
    process.exit(2);
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `${command === "backup" ? "Backup" : "Restore"} failed: ${(error as Error).message}`);
  process.exit(1);
}
