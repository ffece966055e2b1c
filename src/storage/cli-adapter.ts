// A migration-aware driver adapter factory for the Prisma CLI (prisma.config.ts).
//
// The CLI needs a shadow database to diff migrations. adapter-pg's own connectToShadowDb() drops
// the shadow database while its pool is still connected ("being accessed by other users"), so we
// create and drop it ourselves, with FORCE, after the pool has closed.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

// The schema engine introspects catalog columns of types node-postgres returns as strings but the
// adapter cannot describe ("Column type 'char' could not be deserialized"): "char" (18), name
// (19), regproc (24), pg_node_tree (194), regclass (2205), regtype (2206). Re-label them as text.
const CATALOG_TEXT_OIDS = new Set([18, 19, 24, 194, 2205, 2206]);
const TEXT_OID = 25;

type Queryable = { performIO?: (query: unknown) => Promise<{ fields?: Array<{ dataTypeID: number }> }>; startTransaction?: (...args: unknown[]) => Promise<unknown> };

function relabelCatalogTypes<T>(adapter: T): T {
  const target = adapter as Queryable;
  const performIO = target.performIO?.bind(target);
  if (performIO) {
    target.performIO = async (query) => {
      const result = await performIO(query);
      for (const field of result?.fields ?? []) if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
      return result;
    };
  }
  const startTransaction = target.startTransaction?.bind(target);
  if (startTransaction) target.startTransaction = async (...args) => relabelCatalogTypes(await startTransaction(...args));
  return adapter;
}

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
    connect: async () => relabelCatalogTypes(await main.connect()),
    connectToShadowDb: async () => {
      const name = `prisma_shadow_${randomUUID().replace(/-/g, "")}`;
      await admin(`CREATE DATABASE "${name}"`);
      const shadow = relabelCatalogTypes(await new PrismaPg(config(name)).connect());
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      };
      return shadow;
    },
  };
}
