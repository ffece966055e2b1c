// The core must stay platform-free (DESIGN.md §3): no Slack, Teams, Prisma or cron imports and
// no environment reads, so it can be tested alone and reused by every platform.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readAliases, rewriteImports } from "../scripts/codemods/import-aliases.js";
import { importCycles, importGraph, packageImports, typeScriptFiles } from "./support/import-graph.js";

const coreDir = path.resolve(import.meta.dirname, "../src/core");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith(".ts") ? [full] : [];
  });
}

const forbidden: Array<[string, RegExp]> = [
  ["a Slack package", /from\s+["']@slack\//],
  ["a Microsoft package", /from\s+["']@microsoft\//],
  ["Prisma", /from\s+["'](@prisma\/|.*generated\/prisma)/],
  ["node-cron", /from\s+["']node-cron["']/],
  ["process.env", /process\.env/],
];

describe("architecture", () => {
  const files = sourceFiles(coreDir);

  it("finds the core's source files", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(forbidden)("src/core never imports or reads %s", (_what, pattern) => {
    const offenders = files.filter((file) => pattern.test(readFileSync(file, "utf8")));
    expect(offenders.map((file) => path.relative(coreDir, file))).toEqual([]);
  });
});

describe("Slack output goes through one escaping place", () => {
  const slackDir = path.resolve(import.meta.dirname, "../src/platforms/slack");
  const files = sourceFiles(slackDir);

  // respond() takes any string as `text`; respondWith() takes a SlackMessage, whose `text` is a
  // SlackText that only render/message.ts produces (escaped), so mentions in user input stay inert.
  it("listeners answer through respondWith (listeners/common.ts), never respond({ … }) directly", () => {
    const offenders = files.filter((file) => !file.endsWith(path.join("listeners", "common.ts")) && /\brespond\(\s*\{/.test(readFileSync(file, "utf8")));
    expect(offenders.map((file) => path.relative(slackDir, file))).toEqual([]);
  });
});

describe("imports flow one way", () => {
  const root = path.resolve(import.meta.dirname, "..");
  const srcDir = path.join(root, "src");
  const graph = importGraph(typeScriptFiles(srcDir), packageImports(root));

  it("reads the import graph, aliases and type-only imports included", () => {
    // Guards the cycle check below against a parser that silently finds nothing.
    const edges = [...graph.values()].reduce((sum, targets) => sum + targets.length, 0);
    expect(edges).toBeGreaterThan(graph.size);
    const views = graph.get(path.join(srcDir, "core/views.ts")) ?? [];
    expect(views).toContain(path.join(srcDir, "core/polls/poll-views.ts")); // an `import type`
    // Across layers, through a package.json alias (`#core/…`) or a relative path alike.
    const voteHandler = graph.get(path.join(srcDir, "platforms/slack/listeners/polls/poll-vote-handler.ts")) ?? [];
    expect(voteHandler).toContain(path.join(srcDir, "core/i18n/catalogue.ts"));
  });

  it("finds a cycle when there is one", () => {
    const cyclic = new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]], ["d", ["a"]]]);
    expect(importCycles(cyclic)).toEqual([["a", "b", "c"]]);
  });

  it("src/ has no import cycle (type-only imports count: they couple files just as much)", () => {
    const cycles = importCycles(graph).map((cycle) => cycle.map((file) => path.relative(srcDir, file)).join(" ↔ "));
    expect(cycles).toEqual([]);
  });
});

describe("imports across layers use the package.json aliases", () => {
  const root = path.resolve(import.meta.dirname, "..");

  // `#core/polls/poll.js` instead of `../../../../core/polls/poll.js`: a file can move within its
  // layer without touching its importers. scripts/codemods/import-aliases.ts fixes what this finds.
  it("no file in src/, test/, bench/ or scripts/ imports another layer of src/ by a relative path", () => {
    const aliases = readAliases(root);
    const files = ["src", "test", "bench", "scripts"].flatMap((dir) => typeScriptFiles(path.join(root, dir)));
    const offenders = files.filter((file) => {
      const source = readFileSync(file, "utf8");
      return rewriteImports(file, source, aliases) !== source;
    });
    expect(offenders.map((file) => path.relative(root, file))).toEqual([]);
  });
});
