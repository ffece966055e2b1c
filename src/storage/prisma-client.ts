// The one place a PrismaClient is constructed (called from the composition root and tests).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../generated/prisma/client.js";

export type { PrismaClient };
/** The client type inside an interactive transaction. */
export type PrismaTx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** A Prisma client over node-postgres (adapter-pg) for `url`, with at most `poolSize` connections. */
export function createPrismaClient(url: string, poolSize: number): PrismaClient {
  // adapter-pg 7.x with the 6.19 client: 6.19.3's own adapter cannot read the catalog types the
  // migration engine queries, and one adapter for CLI and app keeps one code path. The runtime
  // interface is the same; only the declared provider type differs.
  const adapter = new PrismaPg({ connectionString: url, max: poolSize });
  return new PrismaClient({ adapter: adapter as never });
}
