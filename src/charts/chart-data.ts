// Plain input types for the charts. The trust-health summary (src/core/summary) maps its model to
// these; the charts know nothing about the domain beyond what is drawn. Every label arrives already
// translated, so the charts never pick a language.

/** The five pillars of the trust-health summary (DESIGN.md §2.4), as stable keys for colours. */
export type PillarKey = "reliability" | "reciprocity" | "transparency" | "clarity" | "trust";

/** Pillar keys in drawing order; a pillar keeps its colour whatever the language. */
export const PILLAR_KEYS: readonly PillarKey[] = ["reliability", "reciprocity", "transparency", "clarity", "trust"];

/** One pillar's score in one period; `null` when hidden (anonymity) or not measured. */
export interface PillarTrendPoint {
  /** Period label as shown on the x axis, e.g. "W48"; must be one of `PillarTrendInput.periods`. */
  period: string;
  pillar: PillarKey;
  /** 0–100. */
  score: number | null;
}

/** Where the RAG bands start on the 0–100 scale: red below `amber`, green from `green` up. */
export interface RagThresholds {
  amber: number;
  green: number;
}

/** Input for the pillar trend chart: lines for the pillars over (usually) 8 periods. */
export interface PillarTrendInput {
  title: string;
  /** Period labels, oldest first; the x axis shows them in this order. */
  periods: readonly string[];
  /** The pillars to draw with their translated names; order sets the legend order. */
  pillars: readonly { key: PillarKey; label: string }[];
  points: readonly PillarTrendPoint[];
  rag: RagThresholds;
  /** Translated y-axis title, e.g. "Score (0–100)". */
  yAxisTitle: string;
}

/** Observed reliability (kept-rate) next to perceived reliability for one organisation. */
export interface KeptRateRow {
  organisation: string;
  /** Share of resolved commitments kept, 0–100; `null` when there is nothing to show. */
  observed: number | null;
  /** How partners rate its reliability, mapped to 0–100; `null` when hidden or not asked. */
  perceived: number | null;
}

/** Input for the kept-rate chart: grouped bars per organisation. */
export interface KeptRateInput {
  title: string;
  rows: readonly KeptRateRow[];
  /** Translated series names, e.g. { observed: "Kept (observed)", perceived: "Rated by partners" }. */
  seriesLabels: { observed: string; perceived: string };
  /** Translated axis title for the 0–100 value axis. */
  valueAxisTitle: string;
  /** Text after each value label; default "%" for observed and nothing for perceived. */
  valueSuffix?: { observed?: string; perceived?: string };
}

/** One organisation's Competing Values profile: points per quadrant, usually summing to 100. */
export interface CultureProfileRow {
  organisation: string;
  clan: number;
  adhocracy: number;
  market: number;
  hierarchy: number;
}

/** The four CVF quadrants, as keys. */
export type CultureQuadrant = "clan" | "adhocracy" | "market" | "hierarchy";

/** Input for the culture-fit kite: partner profiles overlaid on the four CVF quadrants. */
export interface CultureRadarInput {
  title: string;
  rows: readonly CultureProfileRow[];
  /** Translated quadrant names. */
  quadrantLabels: Record<CultureQuadrant, string>;
  /** Optional translated axis captions of the framework (flexibility/stability, internal/external). */
  axisLabels?: { flexibility: string; stability: string; internal: string; external: string };
}
