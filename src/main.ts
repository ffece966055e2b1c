// The process entry point: reads the environment, starts the bot (src/compose.ts), and turns
// known start-up failures into one clear message and exit code 1 — never a stack trace.
import { existsSync } from "node:fs";
import { ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { startBot } from "./compose.js";
import { DataDirLockedError } from "#storage/data-dir-lock.js";
import { DatabaseUnreachableError } from "#storage/database.js";
import { MigrationError } from "#storage/migrate.js";

const KNOWN_START_FAILURES = [DataDirLockedError, DatabaseUnreachableError, MigrationError];

function fail(message: string): never {
  process.stderr.write(`\nAlliance Trust Bot cannot start.\n${message}\n\n`);
  process.exit(1);
}

if (existsSync(".env")) process.loadEnvFile(".env");

let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) fail(`${error.message}\nSee .env.example for every variable and its default.`);
  throw error;
}

const logger = createLogger(config.log);
let bot;
try {
  bot = await startBot(config, logger);
} catch (error) {
  if (KNOWN_START_FAILURES.some((type) => error instanceof type)) fail((error as Error).message);
  logger.fatal({ err: error }, "start-up failed");
  process.exit(1);
}

const running = bot;
let signalled = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (signalled) return;
    signalled = true;
    logger.info({ signal }, "shutting down: finishing in-flight work");
    running.stop().then(
      () => {
        logger.info("stopped");
        logger.flush?.();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  });
}
