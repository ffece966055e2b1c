// Encrypts platform tokens before they reach the database (DESIGN.md §5 "tokens encrypted at
// rest"). AES-256-GCM authenticates as well as encrypts, so a changed byte, a swapped column or a
// wrong key makes decryption fail loudly instead of handing Slack a garbage token.
//
// Format: "v1.<keyId>.<base64url(iv ‖ tag ‖ ciphertext)>". The key id (a short hash of the key)
// lets a deployment rotate keys: new writes use the current key, old rows still decrypt with a
// previous key until they are rewritten.
import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync } from "node:crypto";

const VERSION = "v1";
const IV_BYTES = 12; // the GCM standard nonce size
const TAG_BYTES = 16;
const KEY_BYTES = 32;
/** Fixed salt: the secret itself must carry the entropy; the salt only separates this use. */
const SALT = "alliance-trust-bot/token-cipher/v1";

/** Raised when a value cannot be decrypted: tampered, wrong key, wrong context or not ours. */
export class TokenDecryptionError extends Error {
  readonly code = "TOKEN_DECRYPTION_FAILED";
}

/**
 * Derives the 32-byte AES key from the configured secret (run once at start-up; scrypt is slow on
 * purpose so a guessable secret is still expensive to brute-force from a leaked database).
 */
export function deriveTokenKey(secret: string): Buffer {
  if (secret.length < 16) {
    throw new Error("The token encryption secret must be at least 16 characters long.");
  }
  return scryptSync(secret, SALT, KEY_BYTES, { N: 2 ** 14, r: 8, p: 1 });
}

function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("base64url").slice(0, 8);
}

/** Encrypts and decrypts short secrets (tokens, installation payloads) with AES-256-GCM. */
export class TokenCipher {
  private readonly current: { id: string; key: Buffer };
  private readonly byId = new Map<string, Buffer>();

  /** `key` encrypts; `previousKeys` only decrypt (for key rotation). Keys are 32 bytes. */
  constructor(key: Buffer, previousKeys: readonly Buffer[] = []) {
    for (const k of [key, ...previousKeys]) {
      if (k.length !== KEY_BYTES) throw new Error(`A token key must be ${KEY_BYTES} bytes, got ${k.length}.`);
      this.byId.set(keyId(k), k);
    }
    this.current = { id: keyId(key), key };
  }

  /** A cipher keyed from config secrets (current first, then older ones still to be read). */
  static fromSecrets(secret: string, previousSecrets: readonly string[] = []): TokenCipher {
    return new TokenCipher(deriveTokenKey(secret), previousSecrets.map(deriveTokenKey));
  }

  /**
   * Encrypts `plaintext`. `context` (e.g. "slack:T123:bot") is authenticated but not stored, so a
   * ciphertext copied to another row or column no longer decrypts.
   */
  encrypt(plaintext: string, context = ""): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.current.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, "utf8"));
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    const packed = Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
    return `${VERSION}.${this.current.id}.${packed}`;
  }

  /** Decrypts a value made by `encrypt` with the same `context`; throws TokenDecryptionError otherwise. */
  decrypt(encrypted: string, context = ""): string {
    const [version, id, packed, ...rest] = encrypted.split(".");
    if (version !== VERSION || id === undefined || packed === undefined || rest.length > 0) {
      throw new TokenDecryptionError("Not an encrypted token value.");
    }
    const key = this.byId.get(id);
    if (!key) throw new TokenDecryptionError("Encrypted with a key this instance does not have.");
    const raw = Buffer.from(packed, "base64url");
    if (raw.length < IV_BYTES + TAG_BYTES) throw new TokenDecryptionError("Encrypted value is truncated.");
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
    } catch {
      // Never include the input: it may be a token that was stored unencrypted by mistake.
      throw new TokenDecryptionError("Encrypted value failed authentication (tampered, wrong key or wrong context).");
    }
  }
}
