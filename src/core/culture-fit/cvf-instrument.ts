/**
 * Our own Competing Values Framework instrument (the published OCAI statements are copyrighted,
 * so the statements in messages/culture.ts are our own words): six aspects of culture, each with
 * one statement per quadrant, plus items on how well the alliance deals with cultural differences.
 */

/** The four CVF culture types, in the fixed OCAI order A = clan, B = adhocracy, C = market, D = hierarchy. */
export const QUADRANTS = ["clan", "adhocracy", "market", "hierarchy"] as const;
export type Quadrant = (typeof QUADRANTS)[number];

/** The six aspects of culture, in the usual order. */
export const ASPECTS = [
  "dominant_characteristics",
  "leadership",
  "management_of_people",
  "organisation_glue",
  "strategic_emphasis",
  "criteria_of_success",
] as const;
export type Aspect = (typeof ASPECTS)[number];

/** Each aspect divides this many points over its four statements. */
export const POINTS_PER_ASPECT = 100;

/** The two views a respondent scores: the culture as it is and as it should be. */
export const CULTURE_VIEWS = ["now", "preferred"] as const;
export type CultureView = (typeof CULTURE_VIEWS)[number];

/**
 * Items (1–5, or "can't say") on how maturely the alliance deals with cultural differences:
 * awareness, openness, adapting and learning (brief: "volwassenheidsniveau en leervermogen").
 */
export const DIFFERENCE_ITEMS = ["aware", "discussed", "adapt", "learn"] as const;
export type DifferenceItem = (typeof DIFFERENCE_ITEMS)[number];

/** Points per quadrant, e.g. one aspect's split or a profile. */
export type QuadrantScores = Record<Quadrant, number>;

/** Six aspects × four quadrants of points, in ASPECTS × QUADRANTS order (as stored). */
export type AspectPoints = number[][];
