// The core must stay platform-free (DESIGN.md §3): no Slack, Teams, Prisma or cron imports and
// no environment reads, so it can be tested alone and reused by every platform.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

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
