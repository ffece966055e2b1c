// Key rotation for APP_SECRET: every stored token is decrypted with the old secret and encrypted
// again with the new one, in one transaction. A wrong old secret fails before anything is
// written. The keyed hashes of anonymous answers cannot be re-keyed (they are one-way by design);
// docs/operations.md says what that means for polls and pulse rounds still open.
import { TokenCipher, TokenDecryptionError } from "./token-cipher.js";
import { PrismaInstallationRepository } from "./prisma/prisma-installation-repository.js";
import type { PrismaClient } from "./prisma-client.js";

/** The old secret does not decrypt what is stored. */
export class WrongPreviousSecretError extends Error {
  readonly code = "WRONG_PREVIOUS_SECRET";
}

/** Re-encrypts every stored token from `from` to `to`; returns how many installations were rewritten. */
export async function rotateTokenSecret(prisma: PrismaClient, secrets: { from: string; to: string }): Promise<number> {
  const cipher = TokenCipher.fromSecrets(secrets.to, [secrets.from]);
  try {
    return await new PrismaInstallationRepository(prisma, cipher).reencryptAll();
  } catch (error) {
    if (error instanceof TokenDecryptionError) {
      throw new WrongPreviousSecretError("A stored token does not decrypt with the previous secret (nor the new one): check PREVIOUS_APP_SECRET. Nothing was changed.");
    }
    throw error;
  }
}
