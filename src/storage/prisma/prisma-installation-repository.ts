// Slack installations on Prisma with every token encrypted at rest (AES-256-GCM, TokenCipher).
// Each ciphertext is bound to its workspace and column ("slack:T123:bot"), so a value copied to
// another row does not decrypt. Deleting removes the row, and with it the tokens, at once.
import {
  hasUserTokenOf,
  installationKeyOf,
  installationWorkspaceId,
  withoutUserToken,
  type InstallationQuery,
  type InstallationRepository,
  type SlackInstallationShape,
} from "#core/alliance/installation-repository.js";
import type { PrismaClient } from "../prisma-client.js";
import type { TokenCipher } from "../token-cipher.js";

const PLATFORM = "slack";

/** Slack installations in PostgreSQL / PGlite; tokens never stored in clear. */
export class PrismaInstallationRepository<I extends SlackInstallationShape = SlackInstallationShape>
  implements InstallationRepository<I>
{
  constructor(
    private readonly prisma: PrismaClient,
    private readonly cipher: TokenCipher,
  ) {}

  async save(installation: I): Promise<void> {
    const externalId = installationKeyOf(installation);
    const name = (installation.isEnterpriseInstall ? installation.enterprise?.name : installation.team?.name) ?? null;
    await this.prisma.workspace.createMany({ data: [{ platform: PLATFORM, externalId, name }], skipDuplicates: true });
    const workspace = await this.prisma.workspace.findUniqueOrThrow({
      where: { platform_externalId: { platform: PLATFORM, externalId } },
    });
    const data = this.columns(externalId, installation);
    await this.prisma.installation.upsert({
      where: { workspaceId: workspace.id },
      create: { workspaceId: workspace.id, ...data },
      update: data,
    });
  }

  async fetch(query: InstallationQuery): Promise<I | null> {
    const found = await this.find(query);
    if (!found) return null;
    return JSON.parse(this.cipher.decrypt(found.payloadEnc, `${PLATFORM}:${found.externalId}:payload`)) as I;
  }

  async delete(query: InstallationQuery): Promise<boolean> {
    const externalId = installationWorkspaceId(query);
    if (!externalId) return false;
    // Scoped by the workspace's own id: an uninstall never touches another workspace's row.
    const { count } = await this.prisma.installation.deleteMany({
      where: { workspace: { platform: PLATFORM, externalId } },
    });
    return count > 0;
  }

  async deleteUserToken(query: InstallationQuery & { userId: string }): Promise<boolean> {
    const found = await this.find(query);
    if (!found) return false;
    const installation = JSON.parse(this.cipher.decrypt(found.payloadEnc, `${PLATFORM}:${found.externalId}:payload`)) as I;
    if (!hasUserTokenOf(installation, query.userId)) return false;
    const payloadEnc = this.cipher.encrypt(JSON.stringify(withoutUserToken(installation)), `${PLATFORM}:${found.externalId}:payload`);
    await this.prisma.installation.update({ where: { id: found.id }, data: { userTokenEnc: null, payloadEnc } });
    return true;
  }

  /**
   * Re-encrypts every stored token with the cipher's current key (key rotation: the cipher holds
   * the old key as a previous one, so each value decrypts with whichever key made it). Running it
   * twice is harmless. Returns how many installations were rewritten.
   */
  async reencryptAll(): Promise<number> {
    const rows = await this.prisma.installation.findMany({
      where: { workspace: { platform: PLATFORM } },
      select: { id: true, botTokenEnc: true, userTokenEnc: true, payloadEnc: true, workspace: { select: { externalId: true } } },
    });
    await this.prisma.$transaction(
      rows.map((row) => {
        const context = (column: string) => `${PLATFORM}:${row.workspace.externalId}:${column}`;
        const reseal = (value: string | null, column: string) => (value === null ? null : this.cipher.encrypt(this.cipher.decrypt(value, context(column)), context(column)));
        return this.prisma.installation.update({
          where: { id: row.id },
          data: { botTokenEnc: reseal(row.botTokenEnc, "bot"), userTokenEnc: reseal(row.userTokenEnc, "user"), payloadEnc: reseal(row.payloadEnc, "payload")! },
        });
      }),
    );
    return rows.length;
  }

  private async find(query: InstallationQuery): Promise<{ id: string; externalId: string; payloadEnc: string } | null> {
    const externalId = installationWorkspaceId(query);
    if (!externalId) return null;
    const row = await this.prisma.installation.findFirst({
      // An org-wide install answers only org-wide queries, a team install only team queries.
      where: { workspace: { platform: PLATFORM, externalId }, isEnterprise: query.isEnterpriseInstall },
      select: { id: true, payloadEnc: true },
    });
    return row ? { ...row, externalId } : null;
  }

  private columns(externalId: string, installation: I) {
    const context = (column: string) => `${PLATFORM}:${externalId}:${column}`;
    const seal = (value: string | undefined, column: string) => (value ? this.cipher.encrypt(value, context(column)) : null);
    return {
      enterpriseId: installation.enterprise?.id ?? null,
      teamId: installation.team?.id ?? null,
      isEnterprise: installation.isEnterpriseInstall === true,
      botId: installation.bot?.id ?? null,
      botUserId: installation.bot?.userId ?? null,
      botTokenEnc: seal(installation.bot?.token, "bot"),
      userTokenEnc: seal(installation.user.token, "user"),
      installerUserId: installation.user.id,
      scopes: installation.bot?.scopes.join(",") ?? null,
      payloadEnc: this.cipher.encrypt(JSON.stringify(installation), context("payload")),
    };
  }
}
