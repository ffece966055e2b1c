// A migration-aware driver adapter factory for the Prisma CLI (prisma.config.ts).
//
// The CLI needs a shadow database to diff migrations. adapter-pg's own connectToShadowDb() drops
// the shadow database while its pool is still connected ("being accessed by other users"), so we
// create and drop it ourselves, with FORCE, after the pool has closed.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

/** Builds the factory the Prisma CLI calls for `migrate diff|status|deploy` against `url`. */
export function createCliAdapterFactory(url: string) {
  const base = new URL(url);
  const config = (database?: string): pg.PoolConfig => {
    const u = new URL(base);
    if (database) u.pathname = `/${database}`;
    // allowExitOnIdle: the CLI never disposes the adapter; idle sockets would keep it alive.
    return { connectionString: u.toString(), allowExitOnIdle: true, max: 1 };
  };
  const admin = async (sql: string) => {
    const client = new pg.Client(config());
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const main = new PrismaPg(config());
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => main.connect(),
    connectToShadowDb: async () => {
      const name = `prisma_shadow_${randomUUID().replace(/-/g, "")}`;
      await admin(`CREATE DATABASE "${name}"`);
      const shadow = await new PrismaPg(config(name)).connect();
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      };
      return shadow;
    },
  };
}
