import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deriveTokenKey, TokenCipher, TokenDecryptionError } from "#storage/token-cipher.js";

const token = "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx";

function flipByteIn(encrypted: string, index: number): string {
  const [version, id, packed] = encrypted.split(".") as [string, string, string];
  const raw = Buffer.from(packed, "base64url");
  raw[index] = (raw[index] ?? 0) ^ 0x01;
  return `${version}.${id}.${raw.toString("base64url")}`;
}

describe("TokenCipher", () => {
  const cipher = new TokenCipher(randomBytes(32));

  it("decrypts what it encrypted (round trip, including non-ASCII and empty text)", () => {
    for (const text of [token, "", "ünïcødé ✓ 🤝", "x".repeat(10_000)]) {
      expect(cipher.decrypt(cipher.encrypt(text, "ctx"), "ctx")).toBe(text);
    }
  });

  it("never stores the token or its base64 in the ciphertext", () => {
    const encrypted = cipher.encrypt(token);
    expect(encrypted).not.toContain(token);
    expect(encrypted).not.toContain("xoxb");
    expect(encrypted).not.toContain(Buffer.from(token).toString("base64url").slice(0, 12));
    expect(encrypted).not.toContain(Buffer.from(token).toString("base64").slice(0, 12));
  });

  it("gives a different ciphertext each time (fresh nonce)", () => {
    expect(cipher.encrypt(token)).not.toBe(cipher.encrypt(token));
  });

  it("detects tampering anywhere in nonce, tag or body", () => {
    const encrypted = cipher.encrypt(token);
    for (const index of [0, 11, 12, 27, 28, 40]) {
      expect(() => cipher.decrypt(flipByteIn(encrypted, index))).toThrow(TokenDecryptionError);
    }
  });

  it("refuses a truncated value and a value that is not ours", () => {
    const encrypted = cipher.encrypt(token);
    expect(() => cipher.decrypt(encrypted.slice(0, 20))).toThrow(TokenDecryptionError);
    expect(() => cipher.decrypt(token)).toThrow(TokenDecryptionError);
  });

  it("fails with the wrong key, even when the key id is forged to match", () => {
    const other = new TokenCipher(randomBytes(32));
    const encrypted = cipher.encrypt(token);
    expect(() => other.decrypt(encrypted)).toThrow(TokenDecryptionError);
    const otherId = other.encrypt("x").split(".")[1] as string;
    const forged = encrypted.replace(/^v1\.[^.]+\./, `v1.${otherId}.`);
    expect(() => other.decrypt(forged)).toThrow(TokenDecryptionError);
  });

  it("fails when the value is read under another context (copied to another row or column)", () => {
    const encrypted = cipher.encrypt(token, "slack:T1:bot");
    expect(() => cipher.decrypt(encrypted, "slack:T2:bot")).toThrow(TokenDecryptionError);
    expect(() => cipher.decrypt(encrypted, "slack:T1:user")).toThrow(TokenDecryptionError);
  });

  it("does not put the plaintext in the error message", () => {
    try {
      cipher.decrypt(`v1.x.${Buffer.from(token).toString("base64url")}`);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain(token);
    }
  });

  it("still reads values written with a previous key after rotation, and writes with the new one", () => {
    const oldKey = randomBytes(32);
    const before = new TokenCipher(oldKey).encrypt(token);
    const rotated = new TokenCipher(randomBytes(32), [oldKey]);
    expect(rotated.decrypt(before)).toBe(token);
    expect(() => new TokenCipher(oldKey).decrypt(rotated.encrypt(token))).toThrow(TokenDecryptionError);
  });

  it("derives the same key from the same secret and a different one from another", () => {
    const a = TokenCipher.fromSecrets("correct horse battery staple");
    const b = TokenCipher.fromSecrets("correct horse battery staple");
    expect(b.decrypt(a.encrypt(token))).toBe(token);
    expect(deriveTokenKey("correct horse battery staple")).toHaveLength(32);
    expect(() => TokenCipher.fromSecrets("another secret of enough length").decrypt(a.encrypt(token))).toThrow(
      TokenDecryptionError,
    );
  });

  it("rejects a short secret and a key of the wrong size", () => {
    expect(() => deriveTokenKey("short")).toThrow(/at least 16/);
    expect(() => new TokenCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});
