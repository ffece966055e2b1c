/**
 * The platform-neutral content of a trust-health summary: numbers, statuses and catalogue keys,
 * no translated text. It is JSON-serialisable so the scheduler can store it in Summary.content and
 * any platform (Slack, Teams, Markdown export) can render it later in any language.
 */
import type { UncertaintyLevel } from "../alliance/alliance.js";
import type { MessageKey } from "../i18n/catalogue.js";
import type { Diagnosis, DiagnosisResult, DiagnosisSubject } from "../trust-health/diagnosis.js";
import type { PartnerFinding, ReciprocityPair } from "../trust-health/partner-findings.js";
import type { NotableEvent } from "../trust-health/notable-events.js";
import type { ObservedPart } from "../trust-health/pillar-scores.js";
import type { Pillar } from "../trust-health/pillars.js";
import type { Rag, SeriesPoint, Trend } from "../trust-health/rag-and-trend.js";
import type { SayVsDo } from "../trust-health/say-vs-do.js";

/** Competing Values Framework quadrants. */
export type CultureQuadrant = "clan" | "adhocracy" | "market" | "hierarchy";
/** Points per quadrant (0–100, summing to 100). */
export type QuadrantScores = Readonly<Record<CultureQuadrant, number>>;

/** One pillar as the summary shows it. */
export interface SummaryPillar {
  pillar: Pillar;
  score: number | null;
  rag: Rag;
  trend: Trend;
  series: SeriesPoint[];
  observed: ObservedPart | null;
  perceived: number | null;
  observedWeight: number;
  perceivedHidden: boolean;
  /** Weight in the index at the alliance's uncertainty level. */
  weight: number;
}

/** Participation with its rate in percent (one decimal). */
export interface ParticipationFigure {
  invited: number;
  responded: number;
  rate: number | null;
}

/** Observed vs perceived reliability of one partner organisation. */
export interface SummaryOrganization {
  organizationId: string;
  name: string;
  /** Kept-rate in percent of the commitments it owned; null when none were resolved. */
  keptRate: number | null;
  resolved: number;
  /** How its partners rated its reliability (0–100); null when nobody did or it is hidden. */
  perceivedReliability: number | null;
  perceivedHidden: boolean;
  /** keptRate − perceivedReliability (posterior mean − calibrated rating), when both exist. */
  gap: number | null;
  /** |gap| ≥ PERCEPTION_GAP_POINTS and clear of noise at FLAG_LEVEL (partner-findings.ts). */
  gapMarked: boolean;
  participation: ParticipationFigure | null;
}

/** Culture-fit profile of one organisation (k-anonymous; hidden below k). */
export interface CultureOrganization {
  organizationId: string;
  name: string;
  hidden: boolean;
  now: QuadrantScores | null;
  preferred: QuadrantScores | null;
  /** Quadrant(s) with the most points now and preferred; ties give several, hidden gives none. */
  dominantNow: CultureQuadrant[];
  dominantPreferred: CultureQuadrant[];
}

/** Culture difference between two partners: distance ½·Σ|Δ| and quadrants at/over the threshold. */
export interface CulturePair {
  organizationIds: readonly [string, string];
  distance: number;
  flagged: Array<{ quadrant: CultureQuadrant; difference: number }>;
}

/** Culture-fit highlights, present only when assessments exist. */
export interface CultureFitHighlights {
  flagThreshold: number;
  organizations: CultureOrganization[];
  pairs: CulturePair[];
}

/** Something the summary leaves out because fewer than k people contributed. */
export type HiddenMarker =
  | { kind: "pillar_perception"; pillar: Pillar }
  | { kind: "organization_reliability"; organizationId: string }
  /** How the receiver's people see the giver (from → to is giver → receiver). */
  | { kind: "pair_perception"; fromOrganizationId: string; toOrganizationId: string }
  | { kind: "culture_profile"; organizationId: string };

/** A notable event and the next step that goes with it. */
export interface SummaryEvent {
  event: NotableEvent;
  step: MessageKey;
}

/** The whole summary of one period. */
export interface TrustHealthSummary {
  /** Bumped when the shape changes, so stored summaries can be read back safely. */
  version: 2;
  alliance: { id: string; name: string; uncertainty: UncertaintyLevel; anonymityThreshold: number };
  period: { key: string; label: string };
  /** ISO timestamp. */
  generatedAt: string;
  index: {
    score: number | null;
    rag: Rag;
    trend: Trend;
    series: SeriesPoint[];
    /** The partner verdict that held the index below green, or null. */
    cappedBy: { subject: DiagnosisSubject; diagnosis: Diagnosis } | null;
  };
  pillars: SummaryPillar[];
  organizations: SummaryOrganization[];
  /** Each organisation as giver and each direction giver → receiver, with its verdict. */
  findings: PartnerFinding[];
  /** `pairs`: who delivered how much to whom, both ways (recency-weighted kept commitments). */
  reciprocity: { imbalance: number | null; balance: number | null; exchanges: number; pairs: ReciprocityPair[] };
  clarity: { share: number | null; commitments: number };
  diagnosis: DiagnosisResult & { steps: readonly MessageKey[] };
  sayVsDo: SayVsDo;
  events: SummaryEvent[];
  participation: ParticipationFigure | null;
  cultureFit: CultureFitHighlights | null;
  hidden: HiddenMarker[];
}
