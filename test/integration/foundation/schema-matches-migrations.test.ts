// The committed migrations must produce exactly prisma/schema.prisma; otherwise a developer
// edited the schema without creating a migration (or the other way round). The Prisma CLI
// replays the history on a throwaway shadow database, which needs a PostgreSQL server.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../support/run-main.js";

const run = promisify(execFile);
const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) console.warn("[tests] schema/migration drift check skipped: TEST_DATABASE_URL is not set (it needs a PostgreSQL server for the shadow database).");

describe.skipIf(!serverUrl)("schema and migrations", () => {
  it("agree: replaying prisma/migrations yields prisma/schema.prisma", { timeout: 120_000 }, async () => {
    const prismaCli = path.join(projectRoot, "node_modules/prisma/build/index.js");
    const args = [prismaCli, "migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--exit-code"];
    const result = await run(process.execPath, args, { cwd: projectRoot, env: { ...process.env, DATABASE_URL: serverUrl }, timeout: 110_000 }).then(
      (ok) => ({ code: 0, output: ok.stdout + ok.stderr }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? -1, output: `${error.stdout ?? ""}${error.stderr ?? ""}` }),
    );
    // Exit code 2 means "there is a difference"; anything else non-zero is a tooling failure.
    expect(result, result.output).toMatchObject({ code: 0 });
    expect(result.output).toContain("No difference detected");
  });
});
