// The one place a PrismaClient is constructed (called from the composition root and tests).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "#generated/prisma/client.js";

export type { PrismaClient };
/** The client type inside an interactive transaction. */
export type PrismaTx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** A Prisma client over node-postgres (adapter-pg) for `url`, with at most `poolSize` connections. */
export function createPrismaClient(url: string, poolSize: number): PrismaClient {
  // adapter-pg 7.x with the 6.19 client: 6.19.3's own adapter cannot read the catalog types the
  // migration engine queries, and one adapter for CLI and app keeps one code path. The runtime
  // interface is the same; only the declared provider type differs.
  // The pool is built here (and ended by $disconnect) so that its size can be read for /metrics.
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const client = new PrismaClient({ adapter: adapter as never });
  pools.set(client, pool);
  return client;
}

const pools = new WeakMap<PrismaClient, pg.Pool>();

/** The connection pool behind a client made by createPrismaClient: open, idle and waiting. */
export function poolStatsOf(prisma: PrismaClient): { total: number; idle: number; waiting: number; max: number } | null {
  const pool = pools.get(prisma);
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 10 } : null;
}
