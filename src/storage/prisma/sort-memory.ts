// The summary's aggregate statements sort and hash a whole alliance's rows at once (tens of MB at
// 50,000 commitments and 200,000 answers); with PostgreSQL's default 4 MB of work memory those
// sorts spill to disk. They run in a transaction that raises work_mem for that statement only.
import type { PrismaClient } from "../prisma-client.js";

/** Enough for a full-scale alliance's aggregate sorts to stay in memory (measured: ~26 MB). */
export const SUMMARY_WORK_MEM = "32MB";

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** Runs `read` in a transaction whose work_mem is SUMMARY_WORK_MEM (SET LOCAL: reset at its end). */
export function withSortMemory<T>(prisma: PrismaClient, read: (tx: Tx) => Promise<T>): Promise<T> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL work_mem = '${SUMMARY_WORK_MEM}'`);
    return read(tx);
  });
}
