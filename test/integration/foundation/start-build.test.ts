// What `npm start` runs: scripts/start.mjs bundles the bot once per set of sources. Loading less
// at start is the point of the bundle, so the stacks that are only needed later (Teams SDK, chart
// stack, embedded PGlite) must stay out of what the entry file loads, in chunks of their own.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

interface StartScript {
  buildIfStale(): Promise<string>;
}
const startScript = "../../../scripts/start.mjs";

/** The bare imports `file` loads statically, following its static imports of other chunks. */
function staticPackages(file: string, seen = new Set<string>(), found = new Set<string>()): Set<string> {
  if (seen.has(file)) return found;
  seen.add(file);
  // `import … from "x"` and `import "x"`, never `import("x")`.
  for (const [, specifier] of readFileSync(file, "utf8").matchAll(/(?:\bfrom|^import)\s*"([^"]+)"/gm)) {
    if (specifier!.startsWith(".")) staticPackages(path.resolve(path.dirname(file), specifier!), seen, found);
    else found.add(specifier!);
  }
  return found;
}

describe("the npm start build", { timeout: 120_000 }, () => {
  it("loads the bot from one entry file, with Teams, the chart stack and PGlite only in lazily imported chunks", async () => {
    const { buildIfStale } = (await import(startScript)) as StartScript;
    const entry = await buildIfStale();
    expect(path.basename(entry)).toBe("main.js");
    const atStart = [...staticPackages(entry)];
    const lazy = [/^@microsoft\//, /^vega/, /^@electric-sql\//, /^@resvg\//];
    expect(atStart.filter((name) => lazy.some((pattern) => pattern.test(name)))).toEqual([]);
    // The bundled packages are inside the bundle, not imports of node_modules.
    expect(atStart).not.toContain("@slack/bolt");
    expect(atStart).not.toContain("express");
    // …and the lazy stacks are still there, as dynamic imports of their chunks.
    const entryText = readFileSync(entry, "utf8");
    expect(entryText).toMatch(/import\("\.\/chunks\/teams-platform-[^"]+\.js"\)/);
    expect(entryText).toMatch(/import\("\.\/chunks\/embedded-postgres-[^"]+\.js"\)/);
  });

  it("reuses the build while no source changed", async () => {
    const { buildIfStale } = (await import(startScript)) as StartScript;
    const first = await buildIfStale();
    expect(await buildIfStale()).toBe(first);
  });
});
