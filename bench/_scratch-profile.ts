import pg from "pg";
import { buildCoreServices } from "../src/compose-services.js";
import { FixedClock } from "../src/core/shared/clock.js";
import { openDatabase } from "../src/storage/database.js";
import { seed } from "./weekly-summary.bench.js";
const scale = Number(process.env.SCALE ?? "0.25");
const name = `atb_prof_summary`;
const admin = async (sql: string) => { const c = new pg.Client({ connectionString: "postgresql://postgres@127.0.0.1:5432/postgres" }); await c.connect(); await c.query(sql); await c.end(); };
await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await admin(`CREATE DATABASE ${name}`);
const db = await openDatabase({ kind: "postgresql", url: `postgresql://postgres@127.0.0.1:5432/${name}`, poolSize: 5 });
const { allianceId } = await seed(db, scale);
const NOW = new Date("2026-11-30T08:00:00Z");
const services = buildCoreServices({ prisma: db.prisma, clock: new FixedClock(NOW), secret: "bench-secret-bench-secret-bench-secret" });
for (let i = 0; i < 4; i++) { const t = performance.now(); await services.summary.buildCurrent(allianceId, NOW); console.log("summary ms", (performance.now() - t).toFixed(1)); }
console.log("alliance", allianceId);
await db.close();
