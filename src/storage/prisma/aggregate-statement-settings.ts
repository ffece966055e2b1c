// The summary's aggregate statements (issue 12) run with settings of their own, for that
// transaction only (set_config(…, true) is SET LOCAL):
// - work_mem: they hash a whole alliance's rows at once (tens of MB at 50,000 commitments and
//   200,000 answers); with PostgreSQL's default 4 MB the hash tables spill to disk;
// - jit off: the statements are large (about 160 expressions), so the planner's cost crosses
//   jit_above_cost and PostgreSQL spent ~100 ms compiling them to machine code, for a statement
//   that then runs in ~300 ms of CPU — the compilation never paid for itself (measured at full
//   scale: 550 ms of backend CPU with JIT, 420 ms without, same plan);
// - enable_sort off (pulse): after the first aggregate the planner underestimates the rows of
//   the answered-cells join by ~4,000x and sorts 112,000 answers twice to group them; the hash
//   plan it picks otherwise takes ~30% less CPU. Sorts the statement cannot avoid still run;
// - no parallel workers: the summary already runs its statements side by side on their own
//   connections (two commitment shards and the pulse statement), and PostgreSQL launched two
//   workers for the pulse statement's comment scan even when it was never executed (~15 ms).
// All settings travel in ONE statement before the aggregate, so the transaction costs one extra
// round trip, not one per setting.
import type { PrismaClient } from "../prisma-client.js";

/** Enough for a full-scale alliance's aggregate hash tables to stay in memory (measured: ~26 MB). */
export const SUMMARY_WORK_MEM = "32MB";

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** What an aggregate statement wants besides the defaults. */
export interface AggregateStatementOptions {
  /** Plan without explicit sorts where it can (see the header: the pulse statement's misestimate). */
  hashOnly?: boolean;
}

/** Runs `read` in a transaction with SUMMARY_WORK_MEM, no JIT, no parallel workers and (hashOnly) no sorts where avoidable. */
export function withAggregateSettings<T>(prisma: PrismaClient, options: AggregateStatementOptions, read: (tx: Tx) => Promise<T>): Promise<T> {
  const settings: Array<[string, string]> = [
    ["work_mem", SUMMARY_WORK_MEM],
    ["jit", "off"],
    ["max_parallel_workers_per_gather", "0"],
    ...(options.hashOnly ? [["enable_sort", "off"] as [string, string]] : []),
  ];
  const sql = `SELECT ${settings.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(", ")}`;
  return prisma.$transaction(async (tx) => {
    await tx.$queryRawUnsafe(sql, ...settings.flat());
    return read(tx);
  });
}
