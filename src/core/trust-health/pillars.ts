/**
 * The five pillars of the brief: trust grows out of four visible foundations (reliability,
 * reciprocity, transparency, clear agreements); trust itself is a feeling we can only ask about.
 */
export const PILLARS = ["reliability", "reciprocity", "transparency", "clear_agreements", "trust"] as const;

/** One of the five pillars. */
export type Pillar = (typeof PILLARS)[number];

/** The four things trust grows out of (brief: "Hoe groeit vertrouwen?"). */
export const FOUNDATION_PILLARS = ["reliability", "reciprocity", "transparency", "clear_agreements"] as const;

/** A pillar other than trust. */
export type FoundationPillar = (typeof FOUNDATION_PILLARS)[number];

/** True when `value` names a pillar; for parsing stored or external data. */
export function isPillar(value: string): value is Pillar {
  return (PILLARS as readonly string[]).includes(value);
}
