import { describe, expect, it } from "vitest";
import { createKeyedHasher } from "#core/shared/keyed-hash.js";
import { createHmacVoterKeyHasher, voterKeyFor } from "#core/polls/voter-key.js";

const secret = "a-server-secret-of-some-length";

describe("voter keys", () => {
  it("is stable for the same poll and member and differs across polls, members and secrets", () => {
    const hash = createHmacVoterKeyHasher(secret);
    expect(hash("p1", "m1")).toBe(hash("p1", "m1"));
    expect(hash("p1", "m1")).not.toBe(hash("p2", "m1"));
    expect(hash("p1", "m1")).not.toBe(hash("p1", "m2"));
    expect(createHmacVoterKeyHasher(`${secret}!`)("p1", "m1")).not.toBe(hash("p1", "m1"));
  });
  it("cannot be confused by moving characters between poll id and member id", () => {
    const hash = createHmacVoterKeyHasher(secret);
    expect(hash("p1", "2m")).not.toBe(hash("p12", "m"));
  });
  it("derives a separate key per purpose", () => {
    expect(createKeyedHasher(secret, "poll-voter-key/v1")("p1", "m1")).toBe(createHmacVoterKeyHasher(secret)("p1", "m1"));
    expect(createKeyedHasher(secret, "pulse/v1")("p1", "m1")).not.toBe(createHmacVoterKeyHasher(secret)("p1", "m1"));
  });
  it("refuses a short secret", () => {
    expect(() => createHmacVoterKeyHasher("short")).toThrow(RangeError);
  });
  it("keys anonymous ballots by hash and named ballots by member id", () => {
    const hash = createHmacVoterKeyHasher(secret);
    expect(voterKeyFor({ id: "p1", anonymous: true }, "m1", hash)).toBe(`a:${hash("p1", "m1")}`);
    expect(voterKeyFor({ id: "p1", anonymous: false }, "m1", hash)).toBe("m:m1");
  });
});
