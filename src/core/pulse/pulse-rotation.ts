/**
 * Which items a round asks. Deterministic from the period key: the categories (five pillars
 * plus culture) form a cycle of six slots; round r takes the `itemsPerRound` slots starting at
 * r·itemsPerRound. Any 6 consecutive slots cover every category, so with 3–5 items per round
 * two consecutive rounds (≥ 6 slots) already cover all pillars — every pillar is asked at least
 * once a month for weekly and biweekly rounds. Monthly rounds (one round, at most 5 slots) need
 * two months; that is the cost of asking little. Within a category the n-th visit asks the
 * category's (n + c)-th item (c = the category's position), so the whole bank is asked over time
 * and the categories are out of step: a round mixes directional and non-directional items.
 */
import type { Cadence } from "../alliance/alliance.js";
import { DomainError } from "../shared/errors.js";
import { PULSE_CATEGORIES, itemsOf, type PulseItem } from "./pulse-item-bank.js";
import { periodIndex } from "./pulse-period.js";

/** The smallest and largest number of items per round (DESIGN.md §2.3). */
export const MIN_ITEMS_PER_ROUND = 3;
export const MAX_ITEMS_PER_ROUND = 5;

/** The items of the round for period `periodKey`, in asking order. */
export function itemsForRound(cadence: Cadence, periodKey: string, itemsPerRound: number): PulseItem[] {
  if (!Number.isInteger(itemsPerRound) || itemsPerRound < MIN_ITEMS_PER_ROUND || itemsPerRound > MAX_ITEMS_PER_ROUND) {
    throw new DomainError("INVALID_INPUT", `itemsPerRound must be ${MIN_ITEMS_PER_ROUND}–${MAX_ITEMS_PER_ROUND}`, {
      reason: `itemsPerRound ${itemsPerRound}`,
    });
  }
  const cycle = PULSE_CATEGORIES.length;
  const first = periodIndex(cadence, periodKey) * itemsPerRound;
  const items: PulseItem[] = [];
  for (let slot = first; slot < first + itemsPerRound; slot++) {
    const position = slot % cycle;
    const visit = Math.floor(slot / cycle);
    const candidates = itemsOf(PULSE_CATEGORIES[position]!);
    items.push(candidates[(visit + position) % candidates.length]!);
  }
  return items;
}
