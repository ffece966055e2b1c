/**
 * Maps the culture-fit module's published figures to the summary's culture highlights: each
 * organisation's profile (or that it is hidden) and the "now" differences between partners.
 */
import type { CultureFitFigures } from "../culture-fit/culture-fit-figures.js";
import type { CultureFitHighlights, CultureOrganization, CulturePair } from "./summary-model.js";

/** The highlights, or null when the alliance has no culture assessments yet. */
export function cultureHighlightsFromFigures(figures: CultureFitFigures): CultureFitHighlights | null {
  if (figures.periodKey === null) return null;
  const organizations = figures.organizations.flatMap((org): CultureOrganization[] => {
    const profile = org.profile;
    // No profile at all means nobody from this organisation took part: nothing to show or hide.
    if (profile === null) return [];
    if (profile.kind === "hidden") {
      return [{ organizationId: org.organizationId, name: org.name, hidden: true, now: null, preferred: null, dominantNow: [], dominantPreferred: [] }];
    }
    return [
      {
        organizationId: org.organizationId,
        name: org.name,
        hidden: false,
        now: profile.now,
        preferred: profile.preferred,
        dominantNow: [...profile.dominantNow],
        dominantPreferred: [...profile.dominantPreferred],
      },
    ];
  });
  if (organizations.length === 0) return null;
  // How partners differ today is what the steering committee can act on; "preferred" differences
  // stay in the culture-fit view itself.
  const pairs = figures.differences
    .filter((d) => d.view === "now")
    .map((d): CulturePair => ({
      organizationIds: [d.a, d.b],
      distance: d.distance,
      flagged: d.flags.map((quadrant) => ({ quadrant, difference: d.delta[quadrant] })),
    }));
  return { flagThreshold: figures.threshold, organizations, pairs };
}
