// Slack installations against memory and Prisma on every storage target: the Bolt-shaped round
// trip, org-wide installs, uninstall and token revocation, and (Prisma) tokens encrypted at rest.
import { randomUUID } from "node:crypto";
import type { Installation } from "@slack/oauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InstallationRepository } from "#core/alliance/installation-repository.js";
import type { Database } from "#storage/database.js";
import { InMemoryInstallationRepository } from "#storage/memory/in-memory-installation-repository.js";
import { PrismaInstallationRepository } from "#storage/prisma/prisma-installation-repository.js";
import { TokenDecryptionError } from "#storage/token-cipher.js";
import { testCipher } from "../support/alliance-stores.js";
import { storageTargets } from "../support/databases.js";

const secret = () => `${randomUUID().replace(/-/g, "")}${randomUUID().replace(/-/g, "")}`;

/** A team installation as Bolt's OAuth flow hands it to the store. */
function teamInstall(teamId = `T${randomUUID().slice(0, 8).toUpperCase()}`): Installation<"v2", false> {
  return {
    team: { id: teamId, name: "Acme" },
    enterprise: undefined,
    user: { id: "U-installer", token: `xoxp-${secret()}`, scopes: ["identify"] },
    bot: { token: `xoxb-${secret()}`, refreshToken: `xoxe-${secret()}`, expiresAt: 1_900_000_000, scopes: ["chat:write", "commands"], id: "B1", userId: "U-bot" },
    tokenType: "bot",
    isEnterpriseInstall: false,
    appId: "A1",
    authVersion: "v2",
  };
}

function orgInstall(enterpriseId = `E${randomUUID().slice(0, 8).toUpperCase()}`): Installation<"v2", true> {
  return { ...teamInstall(), team: undefined, enterprise: { id: enterpriseId, name: "Acme Grid" }, isEnterpriseInstall: true, enterpriseUrl: "https://acme.enterprise.slack.com/" };
}

const teamQuery = (i: Installation) => ({ teamId: i.team?.id, enterpriseId: undefined, isEnterpriseInstall: false });

function contract(name: string, repo: () => InstallationRepository<Installation>): void {
  describe(`installation repository: ${name}`, () => {
    it("hands back exactly the installation that was saved", async () => {
      const install = teamInstall();
      await repo().save(install);
      expect(await repo().fetch(teamQuery(install))).toEqual(install);
      expect(await repo().fetch({ teamId: "T-never-installed", isEnterpriseInstall: false })).toBeNull();
    });

    it("finds an org-wide install by enterprise id", async () => {
      const install = orgInstall();
      await repo().save(install);
      expect(await repo().fetch({ teamId: undefined, enterpriseId: install.enterprise.id, isEnterpriseInstall: true })).toEqual(install);
      expect(await repo().fetch({ teamId: install.enterprise.id, isEnterpriseInstall: false })).toBeNull();
    });

    it("replaces the installation on reinstall or token rotation", async () => {
      const install = teamInstall();
      await repo().save(install);
      const rotated = { ...install, bot: { ...install.bot!, token: `xoxb-${secret()}` } };
      await repo().save(rotated);
      expect((await repo().fetch(teamQuery(install)))?.bot?.token).toBe(rotated.bot.token);
    });

    it("deletes the installation at once on uninstall, and only that workspace's", async () => {
      const [gone, stays] = [teamInstall(), teamInstall()];
      await Promise.all([repo().save(gone), repo().save(stays)]);
      expect(await repo().delete(teamQuery(gone))).toBe(true);
      expect(await repo().fetch(teamQuery(gone))).toBeNull();
      expect(await repo().delete(teamQuery(gone))).toBe(false);
      expect(await repo().fetch(teamQuery(stays))).toEqual(stays);
    });

    it("removes only the revoked user's token and keeps the bot working", async () => {
      const install = teamInstall();
      await repo().save(install);
      expect(await repo().deleteUserToken({ ...teamQuery(install), userId: "U-someone-else" })).toBe(false);
      expect(await repo().deleteUserToken({ ...teamQuery(install), userId: "U-installer" })).toBe(true);
      const after = await repo().fetch(teamQuery(install));
      expect(after?.user).toEqual({ id: "U-installer", scopes: ["identify"], token: undefined });
      expect(after?.bot).toEqual(install.bot);
      expect(await repo().deleteUserToken({ ...teamQuery(install), userId: "U-installer" })).toBe(false);
    });
  });
}

const memory = new InMemoryInstallationRepository<Installation>();
contract("in-memory", () => memory);

for (const target of storageTargets) {
  let db: Database;
  const cipher = testCipher();
  let repo: PrismaInstallationRepository<Installation>;
  beforeAll(async () => {
    db = await target.open();
    repo = new PrismaInstallationRepository<Installation>(db.prisma, cipher);
  });
  afterAll(async () => {
    await db?.close();
  });
  contract(`prisma on ${target.name}`, () => repo);

  describe(`installation encryption at rest: prisma on ${target.name}`, () => {
    it("never writes a token in clear text, in any column", async () => {
      const install = teamInstall();
      await repo.save(install);
      const rows = await db.prisma.$queryRaw<Array<Record<string, unknown>>>`
        SELECT i.* FROM "Installation" i JOIN "Workspace" w ON w.id = i."workspaceId" WHERE w."externalId" = ${install.team.id}`;
      const raw = JSON.stringify(rows);
      expect(rows).toHaveLength(1);
      for (const token of [install.bot!.token, install.bot!.refreshToken!, install.user.token!]) {
        expect(raw).not.toContain(token);
        expect(raw).not.toContain(token.slice(5, 25));
      }
      expect(rows[0]).toMatchObject({ teamId: install.team.id, botUserId: "U-bot", installerUserId: "U-installer" });
      expect(cipher.decrypt(String(rows[0]!.botTokenEnc), `slack:${install.team.id}:bot`)).toBe(install.bot!.token);
      expect(cipher.decrypt(String(rows[0]!.userTokenEnc), `slack:${install.team.id}:user`)).toBe(install.user.token);
    });

    it("cannot be read with another key", async () => {
      const install = teamInstall();
      await repo.save(install);
      const stranger = new PrismaInstallationRepository(db.prisma, testCipher());
      await expect(stranger.fetch(teamQuery(install))).rejects.toBeInstanceOf(TokenDecryptionError);
    });

    it("clears the encrypted user token column when the user token is revoked", async () => {
      const install = teamInstall();
      await repo.save(install);
      await repo.deleteUserToken({ ...teamQuery(install), userId: "U-installer" });
      const [row] = await db.prisma.installation.findMany({ where: { teamId: install.team.id } });
      expect(row?.userTokenEnc).toBeNull();
      expect(row?.botTokenEnc).not.toBeNull();
    });

    it("keeps the workspace (and its alliance data) when the installation is deleted", async () => {
      const install = teamInstall();
      await repo.save(install);
      await repo.delete(teamQuery(install));
      expect(await db.prisma.workspace.findUnique({ where: { platform_externalId: { platform: "slack", externalId: install.team.id } } })).not.toBeNull();
      expect(await db.prisma.installation.count({ where: { teamId: install.team.id } })).toBe(0);
    });
  });
}
