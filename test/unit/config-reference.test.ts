// docs/configuration.md and .env.example are generated from the zod schema (npm run docs:config);
// these tests fail when either file no longer matches it, or a variable has no description.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { configFacts, renderConfigurationMarkdown, renderEnvExample, undescribedVariables } from "#src/config-reference.js";
import { envSchema, loadConfig } from "#src/config.js";

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

describe("configuration reference", () => {
  it("describes every variable of the schema", () => {
    expect(undescribedVariables()).toEqual([]);
    expect(configFacts().flatMap((g) => g.variables.map((v) => v.name)).sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it("takes defaults and allowed values from the schema", () => {
    const facts = new Map(configFacts().flatMap((g) => g.variables.map((v) => [v.name, v] as const)));
    expect(facts.get("PORT")).toMatchObject({ defaultValue: "3000", accepts: "a whole number from 0 to 65535" });
    expect(facts.get("SCHEDULER_ENABLED")).toMatchObject({ defaultValue: "true", accepts: "`true` or `false`" });
    expect(facts.get("DEFAULT_LOCALE")).toMatchObject({ defaultValue: "en", accepts: "`en`, `nl`" });
    expect(facts.get("APP_SECRET")?.defaultValue).toBeUndefined();
  });

  it("docs/configuration.md is up to date (run npm run docs:config)", () => {
    expect(read("docs/configuration.md")).toBe(renderConfigurationMarkdown());
  });

  it(".env.example is up to date (run npm run docs:config) and loads as a valid configuration", () => {
    const text = read(".env.example");
    expect(text).toBe(renderEnvExample());
    const env = Object.fromEntries(
      text
        .split("\n")
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    expect(loadConfig(env).teams?.localModeByDefault).toBe(true);
  });
});
