// `npm start`: runs the bot as compiled JavaScript from build/, compiling src/ and generated/
// first whenever any of their files is newer than the last build. Compiling at every start (tsx)
// cost seconds of CPU and a compiler's worth of memory in the running bot; checking ~300 file
// times costs milliseconds. A fresh clone compiles once, on its first `npm start` (esbuild
// transpiles file by file, no type check: `npm run typecheck` is the check).
import { readdirSync, readFileSync, statSync, writeFileSync, rmSync, existsSync, renameSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
const buildRoot = path.join(root, "build");
const sourceDirs = ["src", "generated"].map((dir) => path.join(root, dir));
/** Old builds are removed only once no start can still be running from them. */
const KEEP_OLD_BUILDS_MS = 24 * 3_600_000;

/** Every .ts file under `dir`, with its modification time. */
function sources(dir, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sources(full, found);
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) found.push({ file: full, mtimeMs: statSync(full).mtimeMs });
  }
  return found;
}

/**
 * Compiles src/ and generated/ into build/app-<stamp>/ unless that build exists, and returns its
 * directory. Each set of sources gets its own directory, named by the newest source time: a
 * process already running from an older build keeps its files (the Teams SDK and the chart stack
 * are imported lazily, long after start-up), and two starts at once either share one finished
 * build or each build aside and the first rename wins.
 */
export async function buildIfStale() {
  const files = sourceDirs.filter((dir) => existsSync(dir)).flatMap((dir) => sources(dir));
  // package.json counts too: its `imports` are copied into the build.
  const newest = Math.max(...files.map((f) => f.mtimeMs), statSync(import.meta.filename).mtimeMs, statSync(path.join(root, "package.json")).mtimeMs);
  const outdir = path.join(buildRoot, `app-${Math.floor(newest)}`);
  if (existsSync(path.join(outdir, ".built"))) return outdir;
  const { build } = await import("esbuild");
  const staging = `${outdir}.${process.pid}`;
  await build({
    entryPoints: files.map((f) => f.file),
    outdir: staging,
    outbase: root,
    format: "esm",
    platform: "node",
    target: "node22",
    sourcemap: "linked",
    logLevel: "warning",
  });
  writeBuildPackageJson(staging);
  writeFileSync(path.join(staging, ".built"), `${new Date().toISOString()}\n`);
  try {
    renameSync(staging, outdir);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another start finished the same build first
  }
  removeOldBuilds(outdir);
  return outdir;
}

/**
 * The build's own package.json: ES modules, and the root package.json's `imports` aliases
 * ("#core/*": "./src/core/*") unchanged, since the build keeps the src/ and generated/ layout. Node
 * resolves `#…` against the nearest package.json of the importing file, which is this one for
 * build/app-<stamp>/src/…; without it `#core/x.js` would point back into the TypeScript src/.
 */
function writeBuildPackageJson(dir) {
  const { imports = {} } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  writeFileSync(path.join(dir, "package.json"), `${JSON.stringify({ type: "module", imports }, null, 2)}\n`);
}

/** Removes builds of older sources that nothing has started from for a day. */
function removeOldBuilds(current) {
  const now = Date.now();
  for (const entry of readdirSync(buildRoot, { withFileTypes: true })) {
    const dir = path.join(buildRoot, entry.name);
    if (!entry.isDirectory() || !entry.name.startsWith("app-") || dir === current) continue;
    if (now - statSync(dir).mtimeMs > KEEP_OLD_BUILDS_MS) rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.filename === process.argv[1]) {
  const outdir = await buildIfStale();
  if (!process.argv.includes("--build-only")) await import(pathToFileURL(path.join(outdir, "src", "main.js")).href);
}
