import { openDatabase } from "../src/storage/database.js";
import { PrismaCommitmentRepository } from "../src/storage/prisma/prisma-commitment-repository.js";
import { PrismaPulseRepository } from "../src/storage/prisma/prisma-pulse-repository.js";
import { periodWindow, shiftPeriodKey } from "../src/core/pulse/pulse-period.js";
const db = await openDatabase({ kind: "postgresql", url: `postgresql://postgres@127.0.0.1:5432/atb_prof_summary`, poolSize: 5 });
const allianceId = process.argv[2]!;
const c = new PrismaCommitmentRepository(db.prisma); const p = new PrismaPulseRepository(db.prisma);
const periods = Array.from({ length: 15 }, (_, i) => periodWindow("weekly", shiftPeriodKey("weekly", "2026-W48", i - 14), "Europe/Amsterdam"));
const keys = Array.from({ length: 9 }, (_, i) => shiftPeriodKey("weekly", "2026-W48", i - 8));
for (let i = 0; i < 3; i++) {
  let t = performance.now(); const a = await c.periodAggregates({ allianceId, periods, asOf: periods[14]!.end }); console.log("commitments ms", (performance.now() - t).toFixed(1), a.counts.length, a.notices.length);
  t = performance.now(); const r = await p.roundAggregates(allianceId, keys); console.log("pulse ms", (performance.now() - t).toFixed(1), r.length, r.reduce((s, x) => s + x.scores.length + x.respondents.length, 0));
}
await db.close();
