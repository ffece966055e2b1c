import { buildCoreServices } from "../src/compose-services.js";
import { FixedClock } from "../src/core/shared/clock.js";
import { openDatabase } from "../src/storage/database.js";
const db = await openDatabase({ kind: "postgresql", url: `postgresql://postgres@127.0.0.1:5432/atb_prof_summary`, poolSize: 5 });
const NOW = new Date("2026-11-30T08:00:00Z");
const services = buildCoreServices({ prisma: db.prisma, clock: new FixedClock(NOW), secret: "bench-secret-bench-secret-bench-secret" });
for (let i = 0; i < 5; i++) { const t = performance.now(); await services.summary.buildCurrent(process.argv[2]!, NOW); console.log("summary ms", (performance.now() - t).toFixed(1)); }
await db.close();
