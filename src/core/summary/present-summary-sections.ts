/**
 * Translated texts for the summary's lists: notable events, culture fit and the hidden-figures
 * note. Split from present-summary.ts to keep each file about one thing.
 */
import type { Translator } from "../i18n/catalogue.js";
import type { Locale } from "../shared/refs.js";
import type { NotableEvent } from "../trust-health/notable-events.js";
import { formatDelta, formatPercent, formatScore } from "./summary-format.js";
import type { CultureFitHighlights, CultureQuadrant, HiddenMarker, TrustHealthSummary } from "./summary-model.js";

/** Looks up an organisation's name in the summary; "a partner" when unknown. */
export function organizationName(summary: TrustHealthSummary, t: Translator, id: string | null): string {
  if (id === null) return t("trustHealth.anyone");
  return summary.organizations.find((o) => o.organizationId === id)?.name ?? t("summary.unknownOrganization");
}

/** One notable event as a sentence. */
export function eventText(summary: TrustHealthSummary, event: NotableEvent, t: Translator, locale: Locale): string {
  switch (event.kind) {
    case "commitment_broken":
    case "commitment_disputed":
    case "commitment_overdue": {
      const c = event.commitment;
      return t(`trustHealth.event.${event.kind}`, {
        text: c.text,
        owner: organizationName(summary, t, c.ownerOrganizationId),
        beneficiary: organizationName(summary, t, c.beneficiaryOrganizationId),
        dueDate: c.dueDate ?? "–",
        days: event.kind === "commitment_overdue" ? event.commitment.daysOverdue : 0,
      });
    }
    case "participation_falling":
      return t("trustHealth.event.participation_falling", {
        organization:
          event.organizationId === null ? summary.alliance.name : organizationName(summary, t, event.organizationId),
        previous: formatPercent(event.previousRate, locale),
        current: formatPercent(event.currentRate, locale),
      });
    case "pillar_turned_red":
      return t("trustHealth.event.pillar_turned_red", {
        pillar: t(`trustHealth.pillar.${event.pillar}`),
        score: formatScore(event.score, locale),
        previous: t(`trustHealth.rag.${event.previous}`),
      });
  }
}

/** The next step for an event, with the pillar filled in where the text names one. */
export function eventStepText(event: NotableEvent, t: Translator): string {
  const pillar = event.kind === "pillar_turned_red" ? t(`trustHealth.pillar.${event.pillar}`) : "";
  return t(`trustHealth.eventStep.${event.kind}`, { pillar });
}

/** One culture-fit entry: a profile or a partner pair, with the pair's flagged quadrants under it. */
export interface CultureItem {
  text: string;
  /** The flagged quadrant differences of a pair (none for a profile). */
  details: string[];
}

/** Culture-fit entries: each organisation's profile, then each pair's distance with its flags. */
export function cultureItems(
  culture: CultureFitHighlights,
  k: number,
  t: Translator,
  locale: Locale,
): CultureItem[] {
  const name = (id: string) => culture.organizations.find((o) => o.organizationId === id)?.name ?? id;
  const items: CultureItem[] = [];
  for (const org of culture.organizations) {
    if (org.hidden || org.dominantNow.length === 0) {
      items.push({ text: t("summary.culture.hidden", { organization: org.name, k }), details: [] });
      continue;
    }
    const quadrants = (list: readonly CultureQuadrant[]) => list.map((q) => t(`summary.quadrant.${q}`)).join(" / ");
    items.push({
      text: t("summary.culture.profile", {
        organization: org.name,
        now: quadrants(org.dominantNow),
        preferred: quadrants(org.dominantPreferred.length > 0 ? org.dominantPreferred : org.dominantNow),
      }),
      details: [],
    });
  }
  for (const pair of culture.pairs) {
    items.push({
      text: t("summary.culture.pair", {
        a: name(pair.organizationIds[0]),
        b: name(pair.organizationIds[1]),
        distance: formatScore(pair.distance, locale),
      }),
      details: pair.flagged.map((flag) =>
        t("summary.culture.flag", {
          quadrant: t(`summary.quadrant.${flag.quadrant}`),
          difference: formatDelta(flag.difference, locale),
          threshold: culture.flagThreshold,
        }),
      ),
    });
  }
  return items;
}

/** The same entries as flat lines, each pair followed by its flags (for chat, which has no nesting). */
export function cultureLines(items: readonly CultureItem[]): string[] {
  return items.flatMap((item) => [item.text, ...item.details]);
}

/** "Hidden because fewer than k people answered: …", or null when nothing was hidden. */
export function hiddenNote(summary: TrustHealthSummary, t: Translator): string | null {
  if (summary.hidden.length === 0) return null;
  const cultureName = (id: string) =>
    summary.cultureFit?.organizations.find((o) => o.organizationId === id)?.name ?? organizationName(summary, t, id);
  const what = summary.hidden.map((marker: HiddenMarker) => {
    switch (marker.kind) {
      case "pillar_perception":
        return t("summary.hidden.pillar_perception", { pillar: t(`trustHealth.pillar.${marker.pillar}`) });
      case "organization_reliability":
        return t("summary.hidden.organization_reliability", {
          organization: organizationName(summary, t, marker.organizationId),
        });
      case "culture_profile":
        return t("summary.hidden.culture_profile", { organization: cultureName(marker.organizationId) });
      case "pair_perception":
        return t("summary.hidden.pair_perception", {
          giver: organizationName(summary, t, marker.fromOrganizationId),
          receiver: organizationName(summary, t, marker.toOrganizationId),
        });
    }
  });
  return t("summary.hiddenNote", { k: summary.alliance.anonymityThreshold, what: what.join("; ") });
}
