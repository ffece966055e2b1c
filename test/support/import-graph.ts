// Reads the static import graph of a source tree (import, import type, export … from, side-effect
// imports) and finds its cycles. A tiny stand-in for madge, so the architecture test needs no
// extra dependency: specifiers are relative ("./x.js") or package.json `imports` aliases ("#core/x.js").
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

const importPattern = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[\w*${},\s]+?\s+from\s+)?["']([^"']+)["']/g;

/** Every module specifier a file imports or re-exports statically (dynamic import() excluded). */
export function importSpecifiers(source: string): string[] {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  return [...withoutComments.matchAll(importPattern)].map((match) => match[1]!);
}

/** Maps package.json `imports` patterns ("#core/*" → "./src/core/*") to absolute path prefixes. */
export function packageImports(packageDir: string): Array<[prefix: string, target: string]> {
  const pkg = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as { imports?: Record<string, string> };
  return Object.entries(pkg.imports ?? {}).map(([key, target]) => [key.replace(/\*$/, ""), path.resolve(packageDir, target.replace(/\*$/, ""))]);
}

/** The .ts file a specifier names, or undefined for packages and node built-ins. */
export function resolveSpecifier(fromFile: string, specifier: string, aliases: Array<[string, string]>): string | undefined {
  let target: string | undefined;
  if (specifier.startsWith(".")) target = path.resolve(path.dirname(fromFile), specifier);
  else if (specifier.startsWith("#")) {
    const alias = aliases.find(([prefix]) => specifier.startsWith(prefix));
    if (alias) target = path.join(alias[1], specifier.slice(alias[0].length));
  }
  return target?.replace(/\.js$/, ".ts");
}

/** file → the files of `files` it imports. */
export function importGraph(files: string[], aliases: Array<[string, string]>): Map<string, string[]> {
  const known = new Set(files);
  return new Map(
    files.map((file) => [
      file,
      [...new Set(importSpecifiers(readFileSync(file, "utf8")).map((spec) => resolveSpecifier(file, spec, aliases)))].filter(
        (target): target is string => target !== undefined && known.has(target),
      ),
    ]),
  );
}

/**
 * The strongly connected components of more than one file (plus files importing themselves):
 * each is one import cycle, or several intertwined ones. Tarjan's algorithm; plain
 * recursion is fine at a few hundred files.
 */
export function importCycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter);
    counter += 1;
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || (graph.get(file) ?? []).includes(file)) cycles.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return cycles;
}
