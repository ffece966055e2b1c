import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hasMessage, translate, type MessageKey } from "#core/i18n/catalogue.js";
import { pollMessages } from "#core/i18n/messages/polls.js";

describe("poll messages", () => {
  it("has a user text in English and Dutch for every poll error code", () => {
    const errors = readFileSync(path.resolve(import.meta.dirname, "../../../../src/core/shared/errors.ts"), "utf8");
    const codes = [...errors.matchAll(/"(POLL_[A-Z_]+)"/g)].map((m) => m[1] as string);
    expect(codes.length).toBeGreaterThan(10);
    for (const code of codes) {
      expect(hasMessage(`error.${code}`), code).toBe(true);
      expect(pollMessages.nl[`error.${code}` as keyof typeof pollMessages.nl], code).toBeTruthy();
    }
  });
  it("has Dutch texts that differ from English ones and keep the same placeholders", () => {
    for (const key of Object.keys(pollMessages.en) as Array<keyof typeof pollMessages.en>) {
      const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(placeholders(pollMessages.nl[key]), key).toEqual(placeholders(pollMessages.en[key]));
    }
  });
  it("fills placeholders", () => {
    expect(translate("nl", "error.POLL_TOO_MANY_CHOICES" as MessageKey, { max: 2 })).toBe("Je kunt in deze peiling hoogstens 2 opties kiezen.");
  });
});
