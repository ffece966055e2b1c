// The import-aliases codemod: cross-layer relative imports become package.json `imports` aliases,
// imports within a layer stay relative, and a second run changes nothing.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readAliases, rewriteImports } from "../../../scripts/codemods/import-aliases.js";

const root = path.resolve(import.meta.dirname, "../../..");
const aliases = readAliases(root);
const at = (relative: string) => path.join(root, relative);

describe("import-aliases codemod", () => {
  it("turns an import into another layer of src/ into its alias", () => {
    const source = `import { translate } from "../../../../core/i18n/catalogue.js";\n`;
    expect(rewriteImports(at("src/platforms/slack/listeners/polls/x.ts"), source, aliases)).toBe(`import { translate } from "#core/i18n/catalogue.js";\n`);
  });

  it("keeps imports within one layer relative", () => {
    const source = `import type { Poll } from "./poll.js";\nimport { DomainError } from "../shared/errors.js";\n`;
    expect(rewriteImports(at("src/core/polls/x.ts"), source, aliases)).toBe(source);
  });

  it("aliases top-level src files, generated/ and imports from tests, type-only, re-exports and dynamic imports included", () => {
    const source = [
      `import type { Logger } from "../../logger.js";`,
      `import type { Prisma } from "#generated/prisma/client.js";`,
      `export { createPollService } from "../../core/polls/poll-service.js";`,
      `const teams = await import("../../platforms/teams/teams-platform.js");`,
    ].join("\n");
    expect(rewriteImports(at("src/storage/prisma/x.ts"), source, aliases)).toBe(
      [
        `import type { Logger } from "#src/logger.js";`,
        `import type { Prisma } from "#generated/prisma/client.js";`,
        `export { createPollService } from "#core/polls/poll-service.js";`,
        `const teams = await import("#platforms/teams/teams-platform.js");`,
      ].join("\n"),
    );
    expect(rewriteImports(at("test/unit/core/x.test.ts"), `import { buildPollCsv } from "#core/polls/poll-csv.js";`, aliases)).toBe(
      `import { buildPollCsv } from "#core/polls/poll-csv.js";`,
    );
    expect(rewriteImports(at("test/unit/core/x.test.ts"), `import { fake } from "../../support/fake.js";`, aliases)).toContain(`"../../support/fake.js"`);
  });

  it("is idempotent: a second run changes nothing", () => {
    const once = rewriteImports(at("src/compose.ts"), `import { a } from "./core/a.js";\nimport { b } from "./logger.js";\n`, aliases);
    expect(once).toBe(`import { a } from "#core/a.js";\nimport { b } from "./logger.js";\n`);
    expect(rewriteImports(at("src/compose.ts"), once, aliases)).toBe(once);
  });

  it("maps every alias it writes to a directory package.json declares", () => {
    const imports = (JSON.parse(readFileSync(at("package.json"), "utf8")) as { imports: Record<string, string> }).imports;
    expect(aliases.map((alias) => `${alias.prefix}*`).sort()).toEqual(Object.keys(imports).sort());
  });
});
