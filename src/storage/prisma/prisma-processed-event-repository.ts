// ProcessedEventRepository on Prisma: one INSERT … ON CONFLICT DO NOTHING per inbound event, so
// a platform retry (or the same event reaching two instances) is recognised without an error.
// Requests arriving together (a burst of votes) share one multi-row INSERT.
import type { ProcessedEventRepository } from "#core/alliance/processed-event-repository.js";
import type { PrismaClient } from "../prisma-client.js";
import { createMicroBatcher, type MicroBatcher } from "../micro-batcher.js";

type Claim = { key: string; at: Date };

/** Processed inbound event keys in PostgreSQL / PGlite. */
export class PrismaProcessedEventRepository implements ProcessedEventRepository {
  private readonly claims: MicroBatcher<Claim, boolean>;

  constructor(private readonly prisma: PrismaClient) {
    this.claims = createMicroBatcher<Claim, boolean>({
      maxBatch: 25,
      maxInFlight: 1,
      runBatch: (claims) => this.claim(claims),
      runOne: async (claim) => (await this.claim([claim]))[0] ?? false,
      // Two deliveries of one key in a batch: the second goes next, and finds the first's row.
      conflictKey: (claim) => claim.key,
    });
  }

  /** Inserts the keys not yet stored; true for each key this call stored. */
  private async claim(claims: Claim[]): Promise<boolean[]> {
    const rows = await this.prisma.$queryRaw<Array<{ key: string }>>`
      INSERT INTO "ProcessedEvent" ("key", "receivedAt")
      SELECT * FROM unnest(${claims.map((c) => c.key)}::text[], ${claims.map((c) => c.at.toISOString())}::timestamp[])
      ORDER BY 1
      ON CONFLICT DO NOTHING
      RETURNING "key"`;
    const stored = new Set(rows.map((row) => row.key));
    return claims.map((c) => stored.has(c.key));
  }

  markProcessed(key: string, at: Date): Promise<boolean> {
    return this.claims.run({ key, at });
  }

  async forget(key: string): Promise<void> {
    await this.prisma.processedEvent.deleteMany({ where: { key } });
  }

  async prune(olderThan: Date): Promise<number> {
    const { count } = await this.prisma.processedEvent.deleteMany({ where: { receivedAt: { lt: olderThan } } });
    return count;
  }
}
