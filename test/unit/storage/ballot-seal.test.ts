import { describe, expect, it } from "vitest";
import { createBallotSealer } from "#storage/ballot-seal.js";

const sealer = createBallotSealer("test-secret-0123456789abcdef");
const content = { optionIds: ["opt-1", "opt-3"], organizationId: "org-1" };

describe("anonymous ballot seal", () => {
  it("opens what it sealed", () => {
    expect(sealer.open("p1", "a:k1", sealer.seal("p1", "a:k1", content))).toEqual(content);
    expect(sealer.open("p1", "a:k1", sealer.seal("p1", "a:k1", { optionIds: ["x"], organizationId: null }))).toEqual({ optionIds: ["x"], organizationId: null });
  });

  it("gives the same voter the same ciphertext for the same choice (so a repeat is a no-op in SQL), and nobody else", () => {
    expect(sealer.seal("p1", "a:k1", content)).toBe(sealer.seal("p1", "a:k1", content));
    expect(sealer.seal("p1", "a:k2", content)).not.toBe(sealer.seal("p1", "a:k1", content));
    expect(sealer.seal("p1", "a:k1", { ...content, optionIds: ["opt-1"] })).not.toBe(sealer.seal("p1", "a:k1", content));
  });

  it("has one length whatever was chosen, and shows no id", () => {
    const short = sealer.seal("p1", "a:k1", { optionIds: ["a"], organizationId: null });
    const long = sealer.seal("p1", "a:k1", { optionIds: Array.from({ length: 10 }, (_, i) => `c${"x".repeat(24)}${i}`), organizationId: "corg000000000000000000000" });
    expect(short.length).toBe(long.length);
    expect(long).not.toMatch(/corg|cxxx/);
  });

  it("refuses a seal moved to another row, changed, or made with another secret", () => {
    const sealed = sealer.seal("p1", "a:k1", content);
    expect(() => sealer.open("p1", "a:k2", sealed)).toThrow();
    expect(() => sealer.open("p2", "a:k1", sealed)).toThrow();
    expect(() => sealer.open("p1", "a:k1", `${sealed.slice(0, -2)}AA`)).toThrow();
    expect(() => createBallotSealer("another-secret-0123456789").open("p1", "a:k1", sealed)).toThrow();
  });
});
