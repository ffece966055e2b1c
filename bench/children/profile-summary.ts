// `npx tsx bench/children/profile-summary.ts file.cpuprofile`: where a profiled window of the bot's
// thread went (see BENCH_CPU_PROF_DIR in bench/slack-votes.bench.ts), by package. The bot runs as
// the esbuild bundle, so a frame in build/app-*/ is attributed to the module esbuild's
// `// node_modules/<pkg>/…` or `// src/…` comment above its line names.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
const profile = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const moduleStarts = new Map<string, Array<{ line: number; module: string }>>();
function bundleModule(url: string, line: number): string {
  let starts = moduleStarts.get(url);
  if (!starts) {
    starts = [];
    readFileSync(fileURLToPath(url), "utf8")
      .split("\n")
      .forEach((text, i) => {
        const match = /^\/\/ ((?:node_modules|src|generated)\/\S+)$/.exec(text);
        if (match) starts!.push({ line: i, module: match[1]! });
      });
    moduleStarts.set(url, starts);
  }
  let found = "bundle (no module comment)";
  for (const start of starts) {
    if (start.line > line) break;
    found = start.module;
  }
  return found;
}

function packageOf(path: string): string {
  const rest = path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
  const parts = rest.split("/");
  return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

function category(node: Node): string {
  const { url, functionName, lineNumber } = node.callFrame;
  if (!url) return functionName.startsWith("(") ? functionName : `native ${functionName || "(anonymous)"}`.slice(0, 60);
  if (url.startsWith("wasm://")) return `wasm ${url.split("/").slice(0, 4).join("/")}`;
  if (url.startsWith("node:internal/deps/")) return `node:internal/deps/${url.split("/")[2]}`; // undici (fetch), …
  if (url.startsWith("node:internal/")) return `node:internal/${url.split("/")[1]}`;
  if (url.startsWith("node:")) return url;
  if (url.includes("/build/app-")) {
    const module = bundleModule(url, lineNumber);
    return module.startsWith("src/") ? `bot ${module.split("/").slice(0, 3).join("/")}` : module.startsWith("node_modules/") ? packageOf(module) : module;
  }
  if (url.includes("node_modules/")) return packageOf(url);
  return url;
}

const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
const totals = new Map<string, number>();
let all = 0;
profile.samples.forEach((id, i) => {
  const us = profile.timeDeltas[i] ?? 0;
  all += us;
  const key = category(byNode.get(id)!);
  totals.set(key, (totals.get(key) ?? 0) + us);
});
console.log(`window ${(all / 1e6).toFixed(2)} s`);
for (const [key, us] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[3] ?? 40))) {
  console.log(`${((100 * us) / all).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`);
}
