// ProcessedEventRepository on Prisma: one INSERT … ON CONFLICT DO NOTHING per inbound event, so
// a platform retry (or the same event reaching two instances) is recognised without an error.
import type { ProcessedEventRepository } from "../../core/alliance/processed-event-repository.js";
import type { PrismaClient } from "../prisma-client.js";

/** Processed inbound event keys in PostgreSQL / PGlite. */
export class PrismaProcessedEventRepository implements ProcessedEventRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async markProcessed(key: string, at: Date): Promise<boolean> {
    const { count } = await this.prisma.processedEvent.createMany({ data: [{ key, receivedAt: at }], skipDuplicates: true });
    return count === 1;
  }

  async forget(key: string): Promise<void> {
    await this.prisma.processedEvent.deleteMany({ where: { key } });
  }

  async prune(olderThan: Date): Promise<number> {
    const { count } = await this.prisma.processedEvent.deleteMany({ where: { receivedAt: { lt: olderThan } } });
    return count;
  }
}
