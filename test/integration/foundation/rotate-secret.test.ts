// Key rotation: after `npm run rotate-secret` every stored Slack token decrypts with the new
// APP_SECRET only; a wrong previous secret changes nothing; a second run is harmless.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PrismaInstallationRepository } from "#storage/prisma/prisma-installation-repository.js";
import { openDatabase, type Database } from "#storage/database.js";
import { rotateTokenSecret, WrongPreviousSecretError } from "#storage/rotate-token-secret.js";
import { TokenCipher, TokenDecryptionError } from "#storage/token-cipher.js";
import { storageTargets } from "../../support/databases.js";
import { childEnv, projectRoot } from "../../support/run-main.js";

const OLD = "old-secret-0123456789-abcdefghijklmnop";
const NEW = "new-secret-9876543210-zyxwvutsrqponmlk";

function installation(team: string) {
  return { team: { id: team, name: team }, enterprise: undefined, isEnterpriseInstall: false, user: { id: "U1", token: `xoxp-user-${team}`, scopes: ["identify"] }, bot: { id: "B1", userId: "UB1", token: `xoxb-bot-${team}`, scopes: ["chat:write"] } } as never;
}
const repo = (db: Database, ...secrets: [string, ...string[]]) => new PrismaInstallationRepository(db.prisma, TokenCipher.fromSecrets(secrets[0], secrets.slice(1)));
const fetchBot = async (db: Database, team: string, ...secrets: [string, ...string[]]) =>
  ((await repo(db, ...secrets).fetch({ teamId: team, isEnterpriseInstall: false } as never)) as { bot: { token: string }; user: { token: string } } | null);

let open: Database | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

describe.each(storageTargets)("rotating APP_SECRET on $name", (target) => {
  it("re-encrypts every stored token so that only the new secret reads it, and is safe to run twice", async () => {
    const db = (open = await target.open());
    for (const team of ["T1", "T2", "T3"]) await repo(db, OLD).save(installation(team));
    const before = await db.prisma.installation.findMany({ orderBy: { id: "asc" } });

    expect(await rotateTokenSecret(db.prisma, { from: OLD, to: NEW })).toBe(3);
    for (const team of ["T1", "T2", "T3"]) {
      const found = await fetchBot(db, team, NEW);
      expect(found?.bot.token).toBe(`xoxb-bot-${team}`);
      expect(found?.user.token).toBe(`xoxp-user-${team}`);
      await expect(fetchBot(db, team, OLD)).rejects.toBeInstanceOf(TokenDecryptionError);
    }
    const after = await db.prisma.installation.findMany({ orderBy: { id: "asc" } });
    for (const [i, row] of after.entries()) {
      expect(row.botTokenEnc).not.toBe(before[i]!.botTokenEnc);
      expect(row.userTokenEnc).not.toBe(before[i]!.userTokenEnc);
      expect(row.payloadEnc).not.toBe(before[i]!.payloadEnc);
    }
    expect(await rotateTokenSecret(db.prisma, { from: OLD, to: NEW })).toBe(3);
    expect((await fetchBot(db, "T2", NEW))?.bot.token).toBe("xoxb-bot-T2");
  });

  it("a wrong previous secret fails with a clear error and changes nothing", async () => {
    const db = (open = await target.open());
    await repo(db, OLD).save(installation("T1"));
    await repo(db, OLD).save(installation("T2"));
    const before = await db.prisma.installation.findMany({ orderBy: { id: "asc" } });
    await expect(rotateTokenSecret(db.prisma, { from: "not-the-old-secret-at-all-0000", to: NEW })).rejects.toBeInstanceOf(WrongPreviousSecretError);
    expect(await db.prisma.installation.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });
});

describe("npm run rotate-secret", { timeout: 180_000 }, () => {
  it("rotates from the secret a development install generated to the APP_SECRET now set", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "atb-rotate-"));
    const generated = "generated-dev-secret-abcdefghijklmnop";
    const { writeFileSync } = await import("node:fs");
    writeFileSync(path.join(dataDir, "app-secret"), generated);
    let db = await openDatabase({ kind: "pglite", dataDir });
    await repo(db, generated).save(installation("T9"));
    await db.close();
    const output = execFileSync(process.execPath, [path.join(projectRoot, "node_modules/tsx/dist/cli.mjs"), path.join(projectRoot, "src/storage/rotate-secret-cli.ts")], {
      cwd: dataDir,
      env: childEnv({ DATA_DIR: dataDir, APP_SECRET: NEW }),
      encoding: "utf8",
    });
    expect(output).toContain("Re-encrypted the tokens of 1 installation(s)");
    db = open = await openDatabase({ kind: "pglite", dataDir });
    expect((await fetchBot(db, "T9", NEW))?.bot.token).toBe("xoxb-bot-T9");
  });
});
