// `npm start`: runs the bot as compiled JavaScript from build/, building it first whenever a file
// of src/ or generated/ (or package.json, whose `imports` map the build resolves) is newer than
// the last build. Compiling at every start (tsx) cost seconds of CPU and a compiler's worth of
// memory in the running bot; checking ~300 file times costs milliseconds. A fresh clone builds
// once, on its first `npm start` (esbuild, no type check: `npm run typecheck` is the check).
//
// The build is a bundle: the bot's ~370 modules and the packages every start loads (Bolt, Express,
// zod, pg, …: ~700 module files of node_modules) become one entry file plus a few chunks.
// Resolving, reading and instantiating each of those files on its own was most of a start; the
// dynamic imports (Teams SDK, chart stack, PGlite) stay separate chunks, loaded only when used.
// Node's compile cache (build/.compile-cache) keeps V8's compiled code between starts.
import { readdirSync, statSync, writeFileSync, rmSync, existsSync, renameSync } from "node:fs";
import module from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
const buildRoot = path.join(root, "build");
const sourceDirs = ["src", "generated"].map((dir) => path.join(root, dir));
const compileCacheDir = path.join(buildRoot, ".compile-cache");
/** Besides the sources, the files that change what a build contains. */
const buildInputs = [import.meta.filename, path.join(root, "package.json")];
/**
 * The packages bundled into the build (with what they import). Every other package stays an import
 * of node_modules, loaded as installed: those that read files next to their own code (PGlite's
 * WebAssembly, resvg's native binary, the fonts, pino's worker-thread transports, Prisma's runtime
 * and its query compiler), the lazily loaded Teams SDK and chart stack, and any package added
 * later until it is known to bundle.
 */
const BUNDLED_PACKAGES = ["@slack/bolt", "@slack/web-api", "express", "zod", "pg", "@prisma/adapter-pg", "prom-client", "node-cron", "jose", "chrono-node"];
const packageOf = (specifier) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");
/** esbuild: a bare import from the bot's own code stays external unless its package is listed above. */
const externalUnlessBundled = {
  name: "external-unless-bundled",
  setup(build) {
    build.onResolve({ filter: /^[^./#]/ }, (args) => {
      if (args.kind === "entry-point" || args.path.startsWith("node:") || args.importer.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      return BUNDLED_PACKAGES.includes(packageOf(args.path)) ? undefined : { path: args.path, external: true };
    });
  },
};
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
 * Bundles src/main.ts into build/app-<stamp>/ unless that build exists, and returns the entry
 * file. Each set of sources gets its own directory, named by the newest source time: a process
 * already running from an older build keeps its chunks (the Teams SDK and the chart stack are
 * imported lazily, long after start-up), and two starts at once either share one finished build
 * or each build aside and the first rename wins.
 */
export async function buildIfStale() {
  const files = sourceDirs.filter((dir) => existsSync(dir)).flatMap((dir) => sources(dir));
  const newest = Math.max(...files.map((f) => f.mtimeMs), ...buildInputs.filter((file) => existsSync(file)).map((file) => statSync(file).mtimeMs));
  const outdir = path.join(buildRoot, `app-${Math.floor(newest)}`);
  const entry = path.join(outdir, "main.js");
  if (existsSync(path.join(outdir, ".built"))) return entry;
  const { build } = await import("esbuild");
  const staging = `${outdir}.${process.pid}`;
  await build({
    entryPoints: { main: path.join(root, "src", "main.ts") },
    bundle: true,
    // Dynamic imports become chunks of their own, loaded when first used, as before bundling.
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    // Subpath imports (package.json `imports`, "#…") point into the sources and are bundled like
    // relative imports.
    plugins: [externalUnlessBundled],
    // The bundled CommonJS packages call require() for Node's built-in modules.
    banner: { js: `import { createRequire as __bundleCreateRequire } from "node:module"; const require = __bundleCreateRequire(import.meta.url);` },
    outdir: staging,
    format: "esm",
    platform: "node",
    target: "node22",
    sourcemap: "linked",
    logLevel: "warning",
  });
  writeFileSync(path.join(staging, ".built"), `${new Date().toISOString()}\n`);
  try {
    renameSync(staging, outdir);
    // The cache is keyed by file path, so every build leaves the previous build's entries behind:
    // start it afresh with each build (the next start fills it again) to keep it one build's size.
    rmSync(compileCacheDir, { recursive: true, force: true });
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another start finished the same build first
  }
  removeOldBuilds(outdir);
  return entry;
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
  const entry = await buildIfStale();
  // Before the bot's modules load (and after a new build emptied it), so that their compiled code
  // is read from and written to the cache.
  module.enableCompileCache?.(compileCacheDir);
  if (!process.argv.includes("--build-only")) {
    // The import resolves once main.js has started the bot (its top-level await): write what was
    // compiled now rather than at exit, so that a bot that is killed still leaves a warm cache.
    await import(pathToFileURL(entry).href);
    module.flushCompileCache?.();
  }
}
