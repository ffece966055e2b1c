import { describe, expect, it } from "vitest";
import { hasMessage, translate } from "#core/i18n/catalogue.js";
import { pulseMessages } from "#core/i18n/messages/pulse.js";
import { PULSE_CATEGORIES, PULSE_ITEMS, itemsOf } from "#core/pulse/pulse-item-bank.js";

function textKeys(item: { key: string; directional: boolean }): string[] {
  return item.directional ? [`pulse.item.${item.key}.partner`, `pulse.item.${item.key}.self`] : [`pulse.item.${item.key}`];
}

describe("pulse item bank", () => {
  it.each(PULSE_CATEGORIES)("has at least 4 items in %s, each with English and Dutch text", (category) => {
    const items = itemsOf(category);
    expect(items.length).toBeGreaterThanOrEqual(4);
    for (const item of items) {
      for (const key of textKeys(item)) {
        expect(hasMessage(key), key).toBe(true);
        const en = (pulseMessages.en as Record<string, string>)[key];
        const nl = (pulseMessages.nl as Record<string, string>)[key];
        expect(en && nl && en !== nl, key).toBeTruthy();
      }
    }
  });

  it("has unique keys, and every item text in the catalogue belongs to an item", () => {
    expect(new Set(PULSE_ITEMS.map((i) => i.key)).size).toBe(PULSE_ITEMS.length);
    const expected = new Set(PULSE_ITEMS.flatMap(textKeys));
    const defined = Object.keys(pulseMessages.en).filter((k) => k.startsWith("pulse.item."));
    expect(defined.sort()).toEqual([...expected].sort());
  });

  it("names the partner in directional texts in both languages, and not in the self texts", () => {
    for (const item of PULSE_ITEMS.filter((i) => i.directional)) {
      for (const locale of ["en", "nl"] as const) {
        const partner = translate(locale, `pulse.item.${item.key}.partner` as never, { partner: "Acme" });
        expect(partner, item.key).toContain("Acme");
        expect(translate(locale, `pulse.item.${item.key}.self` as never)).not.toContain("{partner}");
      }
    }
  });
});
