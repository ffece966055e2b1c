// Seals an anonymous ballot's choice and organisation before they reach the database. Rows are
// stored in voting order and first-time voters' members are created in the same order, so any
// readable per-ballot value would say who chose what; sealed, the row holds only the voter key
// (itself a keyed hash), a day and a fixed-size ciphertext.
//
// AES-256-GCM under a key derived from the server secret. The nonce is derived from the row's
// identity and content (an SIV-style construction) instead of drawn at random: the same voter
// sealing the same choice gets the same ciphertext, so "nothing changed" stays a plain column
// comparison in SQL (double clicks are no-ops), while two voters' ballots never look alike.
// Whoever holds the server secret could also recompute voter keys, so this adds no new secret to
// guard; it removes what the database alone would give away.
import { createCipheriv, createDecipheriv, createHmac } from "node:crypto";

const VERSION = "s1";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** Plaintexts are padded to a multiple of this, so the length does not tell how many options were chosen. */
const BLOCK = 512;

/** What a sealed ballot holds. */
export interface SealedContent {
  optionIds: string[];
  organizationId: string | null;
}

/** Seals and opens anonymous ballots; `pollId` and `voterKey` bind a ciphertext to its row. */
export interface BallotSealer {
  seal(pollId: string, voterKey: string, content: SealedContent): string;
  open(pollId: string, voterKey: string, sealed: string): SealedContent;
}

const derive = (root: Buffer, label: string): Buffer => createHmac("sha256", root).update(label).digest();

/** The sealer for the server secret (built once in the composition root). */
export function createBallotSealer(secret: string): BallotSealer {
  if (secret.length < 16) throw new RangeError("the server secret must be at least 16 characters");
  const root = createHmac("sha256", secret).update("atb:anonymous-ballot/v1").digest();
  const encryptionKey = derive(root, "encrypt");
  const nonceKey = derive(root, "nonce");
  const context = (pollId: string, voterKey: string) => Buffer.from(`${pollId.length}:${pollId};${voterKey}`);

  return {
    seal(pollId, voterKey, content) {
      const json = Buffer.from(JSON.stringify({ o: content.optionIds, g: content.organizationId }));
      const padded = Buffer.alloc(Math.ceil((json.length + 4) / BLOCK) * BLOCK);
      padded.writeUInt32BE(json.length, 0);
      json.copy(padded, 4);
      const aad = context(pollId, voterKey);
      const nonce = createHmac("sha256", nonceKey).update(aad).update(padded).digest().subarray(0, NONCE_BYTES);
      const cipher = createCipheriv("aes-256-gcm", encryptionKey, nonce);
      cipher.setAAD(aad);
      const body = Buffer.concat([cipher.update(padded), cipher.final()]);
      return `${VERSION}.${Buffer.concat([nonce, cipher.getAuthTag(), body]).toString("base64url")}`;
    },
    open(pollId, voterKey, sealed) {
      const [version, payload] = sealed.split(".");
      if (version !== VERSION || payload === undefined) throw new Error("not a sealed ballot");
      const raw = Buffer.from(payload, "base64url");
      const decipher = createDecipheriv("aes-256-gcm", encryptionKey, raw.subarray(0, NONCE_BYTES));
      decipher.setAAD(context(pollId, voterKey));
      decipher.setAuthTag(raw.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
      const padded = Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]);
      const parsed = JSON.parse(padded.subarray(4, 4 + padded.readUInt32BE(0)).toString()) as { o: string[]; g: string | null };
      return { optionIds: parsed.o, organizationId: parsed.g };
    },
  };
}
