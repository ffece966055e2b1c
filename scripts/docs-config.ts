// npm run docs:config: writes docs/configuration.md and .env.example from the zod schema
// (src/config.ts) and the descriptions in src/config-reference.ts. `-- --check` only reports
// which file is stale (exit 1), as test/unit/config-reference.test.ts does.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { renderConfigurationMarkdown, renderEnvExample, undescribedVariables } from "#src/config-reference.js";

const root = path.resolve(import.meta.dirname, "..");
const missing = undescribedVariables();
if (missing.length > 0) {
  console.error(`Describe these variables in src/config-reference.ts first: ${missing.join(", ")}`);
  process.exit(1);
}
const check = process.argv.includes("--check");
let stale = false;
for (const [file, text] of [["docs/configuration.md", renderConfigurationMarkdown()], [".env.example", renderEnvExample()]] as const) {
  const target = path.join(root, file);
  const current = (() => {
    try {
      return readFileSync(target, "utf8");
    } catch {
      return "";
    }
  })();
  if (current === text) continue;
  stale = true;
  if (check) console.error(`${file} is stale: run npm run docs:config`);
  else {
    writeFileSync(target, text);
    console.log(`wrote ${file}`);
  }
}
if (check && stale) process.exit(1);
if (!stale) console.log("docs/configuration.md and .env.example are up to date.");
