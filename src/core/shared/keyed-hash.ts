/**
 * Keyed hashes (HMAC-SHA256) that let the bot recognise a repeat answer without storing who gave
 * it. Each purpose derives its own key from the server secret, so a hash made for one purpose
 * (poll voter keys) cannot be matched against another (pulse respondents) or the token cipher.
 */
import { createHmac } from "node:crypto";

/** Hashes an ordered list of parts into a hex string; parts are length-prefixed so ("ab","c") ≠ ("a","bc"). */
export type KeyedHasher = (...parts: string[]) => string;

/** A keyed hasher for `purpose` (e.g. "poll-voter-key/v1") under the server `secret`. */
export function createKeyedHasher(secret: string | Uint8Array, purpose: string): KeyedHasher {
  if (secret.length < 16) throw new RangeError("the server secret must be at least 16 characters");
  const key = createHmac("sha256", secret).update(`atb:${purpose}`).digest();
  return (...parts) => {
    const mac = createHmac("sha256", key);
    for (const part of parts) mac.update(`${Buffer.byteLength(part)}:${part};`);
    return mac.digest("hex");
  };
}
