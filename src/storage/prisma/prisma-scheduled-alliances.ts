// The alliances the scheduler serves, with their creation time (so it never "catches up" on
// slots from before an alliance existed). Settings are read through the alliance repository, the
// one place that maps alliance rows; this file only adds the list and createdAt.
import type { AllianceRepository } from "#core/alliance/alliance-repository.js";
import { toScheduledAlliance, type ScheduledAlliance } from "#scheduling/job-handlers.js";
import type { PrismaClient } from "../prisma-client.js";

/** Every alliance as the scheduler sees it; re-read each tick so settings changes apply. */
export function prismaScheduledAlliances(prisma: PrismaClient, alliances: AllianceRepository): () => Promise<ScheduledAlliance[]> {
  return async () => {
    const rows = await prisma.alliance.findMany({ select: { id: true, createdAt: true }, orderBy: { createdAt: "asc" } });
    const scheduled: ScheduledAlliance[] = [];
    for (const row of rows) {
      const alliance = await alliances.get(row.id);
      if (alliance) scheduled.push(toScheduledAlliance(alliance, row.createdAt));
    }
    return scheduled;
  };
}
