// Message-update leases in PostgreSQL / PGlite, shared by every bot instance on the database: the
// cross-instance half of the update coalescer (src/platforms/slack/services/update-coalescer.ts).
import type { PrismaClient } from "../prisma-client.js";

/** Claims "I update message `key` now" for a while; one statement, so two claimers never both win. */
export class PrismaUpdateLeaseStore {
  private readonly prisma: PrismaClient;
  private readonly now: () => Date;

  constructor(prisma: PrismaClient, now: () => Date = () => new Date()) {
    this.prisma = prisma;
    this.now = now;
  }

  /** True when this caller holds the lease on `key` for the next `leaseMs`; false while another does. */
  async claim(key: string, leaseMs: number): Promise<boolean> {
    const now = this.now();
    const until = new Date(now.getTime() + leaseMs);
    // Times in UTC from the app's clock, like every other timestamp column here.
    const rows = await this.prisma.$queryRaw<Array<{ key: string }>>`
      INSERT INTO "UpdateLease" ("key", "leaseUntil") VALUES (${key}, ${until.toISOString()}::timestamp)
      ON CONFLICT ("key") DO UPDATE SET "leaseUntil" = EXCLUDED."leaseUntil"
        WHERE "UpdateLease"."leaseUntil" <= ${now.toISOString()}::timestamp
      RETURNING "key"`;
    return rows.length === 1;
  }

  /** Deletes leases that ran out before `before` (housekeeping; a pruned key is simply claimed anew). */
  async pruneExpired(before: Date): Promise<number> {
    const { count } = await this.prisma.updateLease.deleteMany({ where: { leaseUntil: { lt: before } } });
    return count;
  }
}
