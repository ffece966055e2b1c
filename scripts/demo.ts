// npm run demo [-- --locale nl] [-- --out ./out/demo] [-- --data ./data/demo | --in-memory]
// Seeds a sample alliance into its own embedded database (never the bot's ./data database) and
// writes that week's trust-health summary as Markdown plus chart PNGs. No chat platform needed.
import path from "node:path";
import { parseArgs } from "node:util";
import { runDemo } from "#demo/run-demo.js";
import { toLocale } from "#core/shared/refs.js";
import { translate } from "#core/i18n/catalogue.js";

const { values } = parseArgs({
  options: {
    locale: { type: "string", default: "en" },
    out: { type: "string", default: "./out/demo" },
    data: { type: "string", default: "./data/demo" },
    "in-memory": { type: "boolean", default: false },
  },
});

const locale = toLocale(values.locale);
const outDir = path.resolve(values.out);
const dataDir = values["in-memory"] ? "memory://demo" : path.resolve(values.data);
console.log(`Seeding the sample alliance (3 partners, 12 weeks) into ${values["in-memory"] ? "an in-memory database" : dataDir} …`);

const result = await runDemo({ dataDir, outDir, locale, ...(process.env.CHART_FONT_DIR ? { fontDirs: [process.env.CHART_FONT_DIR] } : {}) });
const { seeded, summary, written, timings } = result;
const rel = (p: string) => path.relative(process.cwd(), p) || ".";
const c = seeded.counts;
console.log(
  `Seeded ${seeded.members.size} members, ${c.create_commitment ?? 0} agreements (${c.report ?? 0} outcomes, ${c.dispute ?? 0} disputes), ` +
    `${c.open_pulse ?? 0} pulse rounds with ${seeded.answers} answers, ${c.vote ?? 0} poll votes, ${c.culture ?? 0} culture assessments.`,
);
console.log("");
console.log(`Trust-health summary of ${summary.period.key} for "${summary.alliance.name}":`);
console.log(`  index ${summary.index.score ?? "–"} (${summary.index.rag}); diagnosis: ${translate(locale, `trustHealth.diagnosis.${summary.diagnosis.diagnosis}.title`)}`);
console.log(`  Markdown: ${rel(written.markdownPath)}`);
for (const chart of written.charts) console.log(`  Chart:    ${rel(chart.path)} (${chart.width}×${chart.height})`);
if (written.chartProblem) console.log(`  No charts: ${written.chartProblem}`);
console.log("");
console.log(
  `Done in ${(timings.totalMs / 1000).toFixed(1)} s (database ${timings.openMs} ms, seeding ${timings.seedMs} ms, ` +
    `summary ${timings.summaryMs} ms, Markdown and charts ${timings.writeMs} ms).`,
);
