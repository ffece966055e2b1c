// One plain pg connection to the configured database for the maintenance commands (backup,
// restore, rotate-secret): PostgreSQL directly, or the embedded PGlite served on loopback. The
// embedded directory is locked while open, so these commands refuse to run beside a live bot.
import pg from "pg";
import type { Config } from "#src/config.js";
import { startEmbeddedPostgres } from "../embedded-postgres.js";

/** An open connection and how to describe where it points in messages. */
export interface MaintenanceConnection {
  readonly client: pg.Client;
  readonly url: string;
  readonly where: string;
  close(): Promise<void>;
}

export async function connectConfiguredDatabase(database: Config["database"]): Promise<MaintenanceConnection> {
  const embedded = database.kind === "pglite" ? await startEmbeddedPostgres(database.dataDir) : undefined;
  const url = embedded?.url ?? (database.kind === "postgresql" ? database.url : "");
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    await embedded?.close();
    throw error;
  }
  const where = database.kind === "pglite" ? `embedded PGlite in ${database.dataDir}` : `PostgreSQL ${new URL(url).host}${new URL(url).pathname}`;
  return {
    client,
    url,
    where,
    async close() {
      await client.end().catch(() => {});
      await embedded?.close();
    },
  };
}
