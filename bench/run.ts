// `npm run bench [name…]`: runs every bench/*.bench.ts (or the named ones) and prints, for each,
// a table of cases as ratios against the baseline case measured in the same run.
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { report, reportScaleRows, type Benchmark } from "./lib.js";

const only = process.argv.slice(2);
const files = readdirSync(import.meta.dirname)
  .filter((file) => file.endsWith(".bench.ts"))
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .sort();

console.log(`# Alliance Trust Bot benchmarks (${new Date().toISOString()}, node ${process.version})`);
for (const file of files) {
  const module = (await import(pathToFileURL(path.join(import.meta.dirname, file)).href)) as { default: Benchmark };
  const started = performance.now();
  const results = await module.default.run();
  report(module.default.title, results);
  console.log(`(${file}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
reportScaleRows();
process.exit(0);
