// Rewrites relative imports that cross a layer of src/ into the package.json `imports` aliases
// (`../../../core/polls/poll.js` → `#core/polls/poll.js`), in src/, test/, bench/ and scripts/.
// Imports inside one layer (src/core → src/core) stay relative: they are the layer's own business.
//
//   npx tsx scripts/codemods/import-aliases.ts          rewrite in place, print a count
//   npx tsx scripts/codemods/import-aliases.ts --check  only report; exit 1 when something would change
//
// Idempotent: an alias is never relative, so a second run changes nothing. Re-run it after
// merging a branch that still writes `../../core/…`. The aliases themselves live in package.json
// (`imports`), which TypeScript (NodeNext), tsx, vitest and Node resolve; scripts/start.mjs copies
// them into each build so the compiled code resolves them too.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const scannedDirs = ["src", "test", "bench", "scripts"];
const srcDir = path.join(root, "src");

interface Alias {
  /** "#core/" */
  prefix: string;
  /** Absolute directory the alias stands for, with a trailing separator. */
  dir: string;
}

/** package.json `imports` entries of the form "#name/*": "./dir/*", most specific directory first. */
export function readAliases(packageDir: string): Alias[] {
  const pkg = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as { imports?: Record<string, unknown> };
  return Object.entries(pkg.imports ?? {})
    .filter((entry): entry is [string, string] => entry[0].endsWith("/*") && typeof entry[1] === "string" && entry[1].endsWith("/*"))
    .map(([key, target]) => ({ prefix: key.slice(0, -1), dir: path.resolve(packageDir, target.slice(0, -1)) + path.sep }))
    .sort((a, b) => b.dir.length - a.dir.length);
}

/**
 * The layer a file belongs to: its first folder below src/ ("core", "platforms"…), "src" for a
 * top-level src file, the alias directory for other aliased trees (generated/), null elsewhere.
 */
function layerOf(file: string, aliases: Alias[]): string | null {
  if (file.startsWith(srcDir + path.sep)) {
    const [first, ...rest] = path.relative(srcDir, file).split(path.sep);
    return rest.length === 0 ? "src" : first!;
  }
  return aliases.find((alias) => file.startsWith(alias.dir))?.dir ?? null;
}

/** The alias form of a relative specifier, or null when it should stay as it is. */
export function aliasFor(fromFile: string, specifier: string, aliases: Alias[]): string | null {
  if (!specifier.startsWith("./") && !specifier.startsWith("../")) return null;
  const target = path.resolve(path.dirname(fromFile), specifier);
  const targetLayer = layerOf(target, aliases);
  if (targetLayer === null || targetLayer === layerOf(fromFile, aliases)) return null;
  const alias = aliases.find((candidate) => target.startsWith(candidate.dir));
  return alias ? alias.prefix + path.relative(alias.dir, target).split(path.sep).join("/") : null;
}

// `from "x"`, `import "x"` and `import("x")`, relative specifiers only.
const specifierPattern = /(\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)(["'])(\.{1,2}\/[^"']*)\2/g;

export function rewriteImports(fromFile: string, source: string, aliases: Alias[]): string {
  return source.replace(specifierPattern, (whole, lead: string, quote: string, specifier: string) => {
    const alias = aliasFor(fromFile, specifier, aliases);
    return alias ? `${lead}${quote}${alias}${quote}` : whole;
  });
}

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : typeScriptFiles(full);
    return /\.(ts|mts)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

if (import.meta.filename === process.argv[1]) {
  const check = process.argv.includes("--check");
  const aliases = readAliases(root);
  if (aliases.length === 0) throw new Error("package.json has no `imports` aliases of the form \"#name/*\": \"./dir/*\"");
  let changedFiles = 0;
  for (const file of scannedDirs.flatMap((dir) => typeScriptFiles(path.join(root, dir)))) {
    const before = readFileSync(file, "utf8");
    const after = rewriteImports(file, before, aliases);
    if (after === before) continue;
    changedFiles += 1;
    if (check) console.log(`would rewrite ${path.relative(root, file)}`);
    else writeFileSync(file, after);
  }
  console.log(`${check ? "would rewrite" : "rewrote"} cross-layer imports in ${changedFiles} file(s)`);
  if (check && changedFiles > 0) process.exitCode = 1;
}
