import { describe, expect, it } from "vitest";
import { PULSE_PILLARS, PULSE_ITEMS, findPulseItem } from "#core/pulse/pulse-item-bank.js";
import { periodKeyFor, shiftPeriodKey } from "#core/pulse/pulse-period.js";
import { itemsForRound } from "#core/pulse/pulse-rotation.js";

const categoriesOf = (keys: string[]) => new Set(keys.map((k) => findPulseItem(k)!.category));

describe("pulse item rotation", () => {
  it("covers every pillar over any 4 consecutive weekly rounds, for 3, 4 and 5 items per round", () => {
    for (const perRound of [3, 4, 5]) {
      let key = "2026-W01";
      for (let start = 0; start < 60; start++, key = shiftPeriodKey("weekly", key, 1)) {
        const month = [0, 1, 2, 3].flatMap((i) =>
          itemsForRound("weekly", shiftPeriodKey("weekly", key, i), perRound).map((item) => item.key),
        );
        const covered = categoriesOf(month);
        for (const pillar of PULSE_PILLARS) expect(covered, `${key} ×${perRound}`).toContain(pillar);
      }
    }
  });

  it("covers every pillar (and culture) over any 2 consecutive biweekly rounds", () => {
    for (const perRound of [3, 4, 5]) {
      let key = periodKeyFor("biweekly", new Date("2026-01-05T12:00:00Z"), "UTC");
      for (let start = 0; start < 30; start++, key = shiftPeriodKey("biweekly", key, 1)) {
        const twoRounds = [0, 1].flatMap((i) =>
          itemsForRound("biweekly", shiftPeriodKey("biweekly", key, i), perRound).map((item) => item.key),
        );
        const covered = categoriesOf(twoRounds);
        for (const category of [...PULSE_PILLARS, "culture"]) expect(covered).toContain(category);
      }
    }
  });

  it("is deterministic: the same period key gives the same items", () => {
    expect(itemsForRound("weekly", "2026-W48", 4)).toEqual(itemsForRound("weekly", "2026-W48", 4));
    expect(itemsForRound("weekly", "2026-W48", 4)).not.toEqual(itemsForRound("weekly", "2026-W49", 4));
  });

  it("asks 3–5 distinct items and refuses other counts", () => {
    for (const n of [3, 4, 5]) {
      const items = itemsForRound("weekly", "2026-W10", n);
      expect(new Set(items.map((i) => i.key)).size).toBe(n);
    }
    expect(() => itemsForRound("weekly", "2026-W10", 2)).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
    expect(() => itemsForRound("weekly", "2026-W10", 6)).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
  });

  it("asks every item of the bank within a year of weekly rounds", () => {
    const asked = new Set<string>();
    let key = "2026-W01";
    for (let i = 0; i < 52; i++, key = shiftPeriodKey("weekly", key, 1)) {
      for (const item of itemsForRound("weekly", key, 3)) asked.add(item.key);
    }
    expect([...asked].sort()).toEqual(PULSE_ITEMS.map((i) => i.key).sort());
  });
});
