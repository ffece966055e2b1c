// How many outbox messages are in each status, for the atb_outbox_messages gauge (read when
// Prometheus scrapes; the (status, nextAttemptAt) index keeps it cheap).
import type { PrismaClient } from "../prisma-client.js";

export async function outboxDepth(prisma: PrismaClient): Promise<Array<{ status: string; count: number }>> {
  const groups = await prisma.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
  return groups.map((group) => ({ status: group.status, count: group._count._all }));
}
