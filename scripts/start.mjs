// `npm start`: runs the bot as compiled JavaScript from build/, compiling src/ and generated/
// first whenever any of their files is newer than the last build. Compiling at every start (tsx)
// cost seconds of CPU and a compiler's worth of memory in the running bot; checking ~300 file
// times costs milliseconds. A fresh clone compiles once, on its first `npm start` (esbuild
// transpiles file by file, no type check: `npm run typecheck` is the check).
import { readdirSync, statSync, writeFileSync, rmSync, existsSync, renameSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
const outdir = path.join(root, "build");
const stamp = path.join(outdir, ".built");
const sourceDirs = ["src", "generated"].map((dir) => path.join(root, dir));

/** Every .ts file under `dir`, with its modification time. */
function sources(dir, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sources(full, found);
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) found.push({ file: full, mtimeMs: statSync(full).mtimeMs });
  }
  return found;
}

export async function buildIfStale() {
  const files = sourceDirs.filter((dir) => existsSync(dir)).flatMap((dir) => sources(dir));
  const newest = Math.max(...files.map((f) => f.mtimeMs), statSync(import.meta.filename).mtimeMs);
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= newest) return false;
  const { build } = await import("esbuild");
  // Built aside and swapped in, so two starts at once never run half a build.
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
  writeFileSync(path.join(staging, ".built"), `${new Date().toISOString()}\n`);
  rmSync(outdir, { recursive: true, force: true });
  try {
    renameSync(staging, outdir);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another start swapped its build in first
  }
  return true;
}

if (import.meta.filename === process.argv[1]) {
  await buildIfStale();
  if (!process.argv.includes("--build-only")) await import(pathToFileURL(path.join(outdir, "src", "main.js")).href);
}
