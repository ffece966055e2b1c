/**
 * The pulse item bank: which items exist, which pillar each measures and whether it is asked
 * about each partner organisation (directional). The texts live in the message catalogue
 * (messages/pulse.ts) under `pulse.item.<key>` (non-directional) or `pulse.item.<key>.partner`
 * and `pulse.item.<key>.self` (directional), in English and Dutch.
 */

/** The five pillars of the brief: four foundations that trust grows out of, and trust itself. */
export const PULSE_PILLARS = ["reliability", "reciprocity", "transparency", "clear_agreements", "trust"] as const;
export type PulsePillar = (typeof PULSE_PILLARS)[number];

/** Pillars plus "culture": how the alliance deals with cultural differences (maturity, learning). */
export const PULSE_CATEGORIES = [...PULSE_PILLARS, "culture"] as const;
export type PulseCategory = (typeof PULSE_CATEGORIES)[number];

/** One question of the bank. */
export interface PulseItem {
  /** Stable key stored with answers, e.g. "rel.kept_agreements". Never rename a shipped key. */
  key: string;
  category: PulseCategory;
  /** Asked once per partner organisation (and once about one's own organisation). */
  directional: boolean;
}

const item = (key: string, category: PulseCategory, directional = false): PulseItem => ({ key, category, directional });

/** Every item, grouped by category; order inside a category is the rotation order. */
export const PULSE_ITEMS: readonly PulseItem[] = [
  // Directional and non-directional items alternate, so most rounds feed the perception matrix.
  item("rel.kept_agreements", "reliability", true),
  item("rel.follow_through", "reliability"),
  item("rel.predictable", "reliability", true),
  item("rel.open_goals", "reliability", true),
  item("rel.on_time", "reliability", true),

  item("rec.give_take", "reciprocity", true),
  item("rec.benefits_shared", "reciprocity"),
  item("rec.fair_share", "reciprocity", true),
  item("rec.contribution_valued", "reciprocity"),
  item("rec.helps_unasked", "reciprocity", true),

  item("tra.open_interests", "transparency", true),
  item("tra.no_hidden_agenda", "transparency"),
  item("tra.bad_news_early", "transparency", true),
  item("tra.decisions_explained", "transparency"),
  item("tra.shares_information", "transparency", true),

  item("clr.measurable", "clear_agreements"),
  item("clr.shared_understanding", "clear_agreements", true),
  item("clr.who_what_when", "clear_agreements"),
  item("clr.done_defined", "clear_agreements"),
  item("clr.written_down", "clear_agreements"),

  item("tru.backs_after_mistake", "trust", true),
  item("tru.shared_values", "trust"),
  item("tru.good_faith", "trust", true),
  item("tru.shared_direction", "trust"),
  item("tru.take_risks", "trust"),
  item("tru.holds_after_setback", "trust"),

  item("cul.understand_differences", "culture"),
  item("cul.respects_our_ways", "culture", true),
  item("cul.differences_discussed", "culture"),
  item("cul.learn_from_differences", "culture"),
  item("cul.friction_resolved", "culture"),
];

const byKey = new Map(PULSE_ITEMS.map((i) => [i.key, i]));

/** The item with `key`, or undefined. */
export function findPulseItem(key: string): PulseItem | undefined {
  return byKey.get(key);
}

/** The items of one category in rotation order. */
export function itemsOf(category: PulseCategory): readonly PulseItem[] {
  return PULSE_ITEMS.filter((i) => i.category === category);
}

/** True for the five pillars (culture items are reported beside them, not as a pillar). */
export function isPillar(category: PulseCategory): category is PulsePillar {
  return (PULSE_PILLARS as readonly string[]).includes(category);
}
